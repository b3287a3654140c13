using MlPerfAudit.Core.Claims;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>Every example claim written from ../shared/corpus and ../shared/baselines gets its expected verdict and code.</summary>
public sealed class ClaimGateTests(GateFixture gate) : IClassFixture<GateFixture>
{
    [Theory]
    // Correct claims.
    [InlineData("ok-azure-70b-offline", ClaimVerdict.Pass, null)]
    [InlineData("ok-azure-405b-server", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-rack-1.1m", ClaimVerdict.Pass, null)]
    [InlineData("ok-azure-per-gpu", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-per-gpu", ClaimVerdict.Pass, null)]
    [InlineData("ok-azure-ttt", ClaimVerdict.Pass, null)]
    [InlineData("ok-nvidia-ttt", ClaimVerdict.Pass, null)]
    [InlineData("ok-azure-step", ClaimVerdict.Pass, null)]
    [InlineData("ok-nvidia-step", ClaimVerdict.Pass, null)]
    [InlineData("ok-nebius-strong", ClaimVerdict.Pass, null)]
    [InlineData("ok-eos-strong", ClaimVerdict.Pass, null)]
    [InlineData("ok-azure-record-per-gpu", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-record", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-speedup", ClaimVerdict.Pass, null)]
    [InlineData("ok-azure-405b-per-gpu-server", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb200-server", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb200-interactive", ClaimVerdict.Pass, null)]
    [InlineData("ok-mi300x-offline", ClaimVerdict.Pass, null)]
    [InlineData("ok-mi300x-server-per-gpu", ClaimVerdict.Pass, null)]
    [InlineData("ok-mi300x-mixtral", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-deepseek-offline", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-deepseek-server", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-deepseek-per-gpu", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-405b-offline", ClaimVerdict.Pass, null)]
    [InlineData("ok-gb300-405b-server", ClaimVerdict.Pass, null)]
    // Let through with a note.
    [InlineData("warn-projected-rack", ClaimVerdict.Warn, "CLM-EXTRAP-002")]
    [InlineData("warn-azure-server-unstated", ClaimVerdict.Warn, "CLM-SCN-002")]
    [InlineData("warn-nvidia-median-step", ClaimVerdict.Warn, "CLM-STEP-002")]
    // One system x N presented as measured.
    [InlineData("extrap-azure-rack", ClaimVerdict.Block, "CLM-EXTRAP-001")]
    [InlineData("extrap-gb200-node-x18", ClaimVerdict.Block, "CLM-EXTRAP-001")]
    [InlineData("extrap-aggregate-18-vms", ClaimVerdict.Block, "CLM-EXTRAP-001")]
    // Per-GPU figure that does not follow from the total.
    [InlineData("peracc-azure-15200", ClaimVerdict.Block, "CLM-PERACC-001")]
    [InlineData("peracc-nvl72-from-vm", ClaimVerdict.Block, "CLM-PERACC-001")]
    [InlineData("peracc-gb300-405b", ClaimVerdict.Block, "CLM-PERACC-001")]
    // Offline quoted without saying Offline while Server/Interactive is much lower.
    [InlineData("scn-azure-70b", ClaimVerdict.Block, "CLM-SCN-001")]
    [InlineData("scn-azure-405b", ClaimVerdict.Block, "CLM-SCN-001")]
    [InlineData("scn-gb300-rack", ClaimVerdict.Block, "CLM-SCN-001")]
    [InlineData("scn-gb200-no-scenario", ClaimVerdict.Block, "CLM-SCN-001")]
    // A record that is not the best published result.
    [InlineData("rec-gb200-405b", ClaimVerdict.Block, "CLM-REC-001")]
    [InlineData("rec-azure-70b-total", ClaimVerdict.Block, "CLM-REC-001")]
    [InlineData("rec-azure-405b-per-gpu", ClaimVerdict.Block, "CLM-REC-001")]
    // Time to train from one run.
    [InlineData("ttt-azure-one-run", ClaimVerdict.Block, "CLM-TTT-001")]
    [InlineData("ttt-nvidia-one-run", ClaimVerdict.Block, "CLM-TTT-001")]
    // Step time that is one step.
    [InlineData("step-azure-fastest", ClaimVerdict.Block, "CLM-STEP-001")]
    [InlineData("step-nvidia-fastest", ClaimVerdict.Block, "CLM-STEP-001")]
    [InlineData("step-azure-first", ClaimVerdict.Block, "CLM-STEP-001")]
    // Scaling efficiency inverted, or runs with different batch sizes.
    [InlineData("scale-inverted-nebius", ClaimVerdict.Block, "CLM-SCALE-001")]
    [InlineData("scale-inverted-eos", ClaimVerdict.Block, "CLM-SCALE-001")]
    [InlineData("scale-batch-azure-nvidia", ClaimVerdict.Block, "CLM-SCALE-002")]
    [InlineData("scale-batch-carina", ClaimVerdict.Block, "CLM-SCALE-002")]
    // Not in the published tables.
    [InlineData("pub-unknown-id", ClaimVerdict.Block, "CLM-PUB-001")]
    [InlineData("pub-no-such-row", ClaimVerdict.Block, "CLM-PUB-001")]
    public void Run_WhenExampleClaim_GivesExpectedVerdictAndCode(string id, ClaimVerdict verdict, string? code)
    {
        var result = Assert.Single(gate.Report.Results, r => r.Id == id);
        Assert.Equal(verdict, result.Verdict);
        if (code is null)
        {
            Assert.Empty(result.Findings);
            Assert.NotNull(result.Recomputed);
            Assert.NotEmpty(result.Provenance);
        }
        else
        {
            Assert.Equal([code], result.Findings.Select(f => f.Code).Distinct());
        }
    }

    [Fact]
    public void Run_CoversEveryClaimOfTheFile()
        => Assert.Equal(gate.Read.File!.Claims.Select(c => c.Id), gate.Report.Results.Select(r => r.Id));

    [Fact]
    public void Run_WhenClaimQuotesAzure70bOffline_GivesLogAndTableProvenance()
    {
        var result = Assert.Single(gate.Report.Results, r => r.Id == "ok-azure-70b-offline");
        Assert.Equal(52061.6, result.Recomputed!.Value, 3);
        var audit = Assert.Single(result.Provenance, p => p.Kind == "audit");
        Assert.Equal("closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt", audit.File);
        Assert.NotNull(audit.Line);
        var published = Assert.Single(result.Provenance, p => p.Kind == "published");
        Assert.Equal("5.1-0008", published.ResultId);
        Assert.Equal("summary_results.json", published.File);
        Assert.True(published.Line > 1);
    }

    [Theory]
    [InlineData(52000, 500)]
    [InlineData(7, 0.5)]
    [InlineData(1.28, 0.005)]
    [InlineData(15200, 50)]
    [InlineData(1100000, 50000)]
    public void HalfStep_WhenValueIsWrittenRounded_GivesHalfItsLastDigit(double value, double expected)
        => Assert.Equal(expected, StatedNumber.HalfStepOf(value, null), 9);

    [Fact]
    public void GateReport_SerializesAndReadsBackToIdenticalBytes()
    {
        var bytes = ClaimsJson.Serialize(gate.Report);
        Assert.Equal(bytes, ClaimsJson.Serialize(ClaimsJson.DeserializeReport(bytes)));
    }
}
