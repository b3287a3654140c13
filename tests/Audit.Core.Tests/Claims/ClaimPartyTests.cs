using MlPerfAudit.Core.Claims;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>
/// Whose result and how many: the claimant and system of a claim against its evidence, and the accelerator and system
/// counts it states, on real audited results and published tables (issue 19's three cases first).
/// </summary>
public sealed class ClaimPartyTests(GateFixture gate) : IClassFixture<GateFixture>
{
    private static readonly ClaimEvidence Gb300Rack = new([new EvidenceRef("llama2-70b-99", "Offline", "6.0-0078")]);

    private static Claim AzureGb300PerGpu(bool citesThirdParty) => new(
        "azure-gb300-per-gpu", "About 15,200 tokens/s per GPU on Azure ND GB300 v6.", ClaimQuantity.PerAcceleratorThroughput, 15200, "tokens/s",
        Gb300Rack, ClaimQualifier.Approximately, Scenario: "Offline", System: "ND GB300 v6", CitesThirdParty: citesThirdParty);

    [Fact]
    public void Run_WhenAzureClaimCitesNvidiasGb300Result_BlocksNamingBothSubmittersAndSystems()
    {
        var result = Assert.Single(gate.Run("Azure", AzureGb300PerGpu(false)).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        var party = Assert.Single(result.Findings, f => f.Code == "CLM-PARTY-001");
        Assert.Contains("Azure's ND GB300 v6", party.Message, StringComparison.Ordinal);
        Assert.Contains("NVIDIA's GB300-NVL72_GB300-288GB_aarch64x72_TRT", party.Message, StringComparison.Ordinal);
        Assert.Contains("6.0-0078", party.Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "CLM-VAL-002"); // 15,650 per GPU: the stated figure is also conservative
    }

    [Fact]
    public void Run_WhenTheClaimSaysItCitesAThirdPartysResult_WarnsWithBothNames()
    {
        var result = Assert.Single(gate.Run("Azure", AzureGb300PerGpu(true)).Results);
        Assert.Equal(ClaimVerdict.Warn, result.Verdict);
        var note = Assert.Single(result.Findings, f => f.Code == "CLM-PARTY-003");
        Assert.Contains("Azure's ND GB300 v6", note.Message, StringComparison.Ordinal);
        Assert.Contains("NVIDIA's", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Code is "CLM-PARTY-001" or "CLM-PARTY-002");
    }

    [Fact]
    public void Run_WhenStepTimeClaimStates7168GpusOfThe8192GpuRun_ReportsTheAcceleratorMismatch()
    {
        var claim = new Claim("azure-step-7168", "Step time of 1.2734 s at 7,168 GPUs.", ClaimQuantity.StepTime, 1.2734, "seconds",
            new ClaimEvidence([new EvidenceRef("llama31_405b", Submitter: "Azure", System: "2048xAzure_GB200")]), Accelerators: 7168);
        var result = Assert.Single(gate.Run("Azure", claim).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        var count = Assert.Single(result.Findings, f => f.Code == "CLM-EXTRAP-003");
        Assert.Contains("7168 accelerators", count.Message, StringComparison.Ordinal);
        Assert.Contains("measured on 8192", count.Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "CLM-STEP-001");
    }

    [Fact]
    public void Run_WhenEvidenceMatchesOfflineAndServer_ListsEachCandidateWithItsValueAndWhetherItSupports()
    {
        var claim = new Claim("azure-70b-either", "Azure ND GB200 v6 delivers 52,000 tokens/s on Llama 2 70B Offline.", ClaimQuantity.Throughput,
            52000,
            "tokens/s", new ClaimEvidence([new EvidenceRef("llama2-70b-99", System: "ND_GB200_v6", Round: "5.1")]), Scenario: "Offline");
        var result = Assert.Single(gate.Run("Azure", claim).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        var ambiguous = Assert.Single(result.Findings);
        Assert.Equal("CLM-EVD-003", ambiguous.Code);
        Assert.Contains("matches 2 audited results", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("llama2-70b-99 Offline [closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt:90] "
            + "gives 52061.6 tokens/s: would support the claim", ambiguous.Message, StringComparison.Ordinal);
        Assert.Matches(@"llama2-70b-99 Server \[[^\]]+\] gives [0-9.]+ tokens/s: would not support it \(CLM-SCN-003, CLM-VAL-001\)",
            ambiguous.Message);
    }

    public static TheoryData<string> OtherSubmittersClaims => ["ok-gb200-server", "ok-gb300-per-gpu", "ok-nvidia-ttt", "ok-nvidia-step",
        "ok-nebius-strong", "ok-gb300-record", "ok-gb300-speedup"];

    [Theory]
    [MemberData(nameof(OtherSubmittersClaims))]
    public void Run_WhenClaimantIsNotTheEvidencesSubmitter_BlocksEveryQuantity(string id)
    {
        var claim = gate.Claim(id);
        Assert.Equal(ClaimVerdict.Pass, Assert.Single(gate.Run(null, claim).Results).Verdict);
        var result = Assert.Single(gate.Run("Azure", claim).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        Assert.Equal(["CLM-PARTY-001"], result.Findings.Select(f => f.Code).Distinct());
        Assert.Contains("not of Azure", result.Findings[0].Message, StringComparison.Ordinal);

        var cited = Assert.Single(gate.Run("Azure", claim with { CitesThirdParty = true }).Results);
        Assert.Equal(ClaimVerdict.Warn, cited.Verdict);
        Assert.Equal(["CLM-PARTY-003"], cited.Findings.Select(f => f.Code).Distinct());
    }

    [Theory]
    [InlineData("ok-gb200-server", "NVIDIA")]
    [InlineData("ok-gb300-per-gpu", "NVIDIA")]
    [InlineData("ok-nvidia-ttt", "NVIDIA")]
    [InlineData("ok-nvidia-step", "NVIDIA")]
    [InlineData("ok-nebius-strong", "Nebius")]
    [InlineData("ok-gb300-record", "NVIDIA")]
    [InlineData("ok-gb300-speedup", "NVIDIA")]
    public void Run_WhenClaimIsAboutAnotherSystemOfTheClaimant_BlocksEveryQuantity(string id, string submitter)
    {
        var claim = gate.Claim(id) with { System = "ND GB300 v6" };
        var result = Assert.Single(gate.Run(submitter, claim).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("CLM-PARTY-002", finding.Code);
        Assert.Contains($"{submitter}'s ND GB300 v6", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok-azure-70b-offline", "ND GB200 v6")]
    [InlineData("ok-azure-ttt", "Azure GB200")]
    [InlineData("ok-gb300-per-gpu", "GB300 NVL72")]
    public void Run_WhenClaimantAndSystemAreTheEvidences_AddsNothing(string id, string system)
    {
        var claimant = id.Contains("azure", StringComparison.Ordinal) ? "Microsoft Azure" : "NVIDIA";
        var result = Assert.Single(gate.Run(claimant, gate.Claim(id) with { System = system }).Results);
        Assert.Equal(ClaimVerdict.Pass, result.Verdict);
    }

    [Theory]
    [InlineData(ClaimQualifier.Exact, 1.0)]
    [InlineData(ClaimQualifier.Approximately, 1.0)]
    [InlineData(ClaimQualifier.JustOver, 0.97)]
    [InlineData(ClaimQualifier.JustUnder, 1.03)]
    [InlineData(ClaimQualifier.UpTo, 1.0)]
    [InlineData(ClaimQualifier.MoreThan, 0.9)]
    [InlineData(ClaimQualifier.LessThan, 1.1)]
    public void Run_WhenEachQualifierHoldsButTheResultIsAnotherSubmitters_BlocksOnlyForTheSubmitter(ClaimQualifier qualifier, double factor)
    {
        var measured = Assert.Single(gate.Report.Results, r => r.Id == "ok-gb200-server").Recomputed!.Value;
        var claim = gate.Claim("ok-gb200-server") with { Qualifier = qualifier, Value = Math.Round(measured * factor), Precision = 1 };
        Assert.Equal(ClaimVerdict.Pass, Assert.Single(gate.Run("NVIDIA", claim).Results).Verdict);
        var result = Assert.Single(gate.Run("Azure", claim).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        Assert.Equal(["CLM-PARTY-001"], result.Findings.Select(f => f.Code));
    }

    [Theory]
    [InlineData("ok-azure-70b-offline", "CLM-EXTRAP-003")]
    [InlineData("ok-gb300-per-gpu", "CLM-PERACC-001")]
    [InlineData("ok-azure-ttt", "CLM-EXTRAP-003")]
    [InlineData("ok-azure-step", "CLM-EXTRAP-003")]
    [InlineData("ok-nebius-strong", "CLM-EXTRAP-003")]
    [InlineData("ok-gb300-record", "CLM-EXTRAP-003")]
    [InlineData("ok-gb300-speedup", "CLM-EXTRAP-003")]
    public void Run_WhenClaimStatesOneAcceleratorMoreThanItsEvidence_FlagsTheCountForEveryQuantity(string id, string code)
    {
        var accelerators = Assert.Single(gate.Report.Results, r => r.Id == id).Provenance[0].Accelerators!.Value;
        var result = Assert.Single(gate.Run(null, gate.Claim(id) with { Accelerators = accelerators + 1 }).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        Assert.Equal([code], result.Findings.Select(f => f.Code).Distinct());
        Assert.Contains($"{accelerators + 1} accelerators", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok-azure-70b-offline", 1)]
    [InlineData("ok-azure-ttt", 2048)]
    [InlineData("ok-azure-step", 2048)]
    public void Run_WhenClaimStatesAnotherNumberOfSystems_FlagsTheSystemCount(string id, int nodes)
    {
        Assert.Equal(ClaimVerdict.Pass, Assert.Single(gate.Run(null, gate.Claim(id) with { Systems = nodes }).Results).Verdict);
        var result = Assert.Single(gate.Run(null, gate.Claim(id) with { Systems = nodes + 1 }).Results);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("CLM-EXTRAP-004", finding.Code);
        Assert.Contains($"ran on {nodes}", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenProjectionStatesAcceleratorsOtherThanNTimesTheSystems_FlagsTheCount()
    {
        var claim = gate.Claim("warn-projected-rack");
        Assert.Equal(ClaimVerdict.Warn, Assert.Single(gate.Run(null, claim with { Accelerators = 72 }).Results).Verdict);
        var result = Assert.Single(gate.Run(null, claim with { Accelerators = 64 }).Results);
        var count = Assert.Single(result.Findings, f => f.Code == "CLM-EXTRAP-003");
        Assert.Contains("64 accelerators over 18 systems; 18 x", count.Message, StringComparison.Ordinal);
    }
}
