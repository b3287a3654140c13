using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>The gate reads a published row in its metric's unit and says when the table gives another (INF-CONS-008).</summary>
public sealed class GateUnitTests
{
    private static GateReport Run()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Claims", "TestData", "claims-units.json");
        var read = ClaimsJson.Read(File.ReadAllBytes(path));
        Assert.Empty(read.Errors);
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json"));
        var table = BaselineLoader.Load(stream, "summary_results.json");
        var info = new GateBaselineInfo("summary_results.json", new string('0', 64), table.Rows.Count,
            PublishedUnitCheck.Check(table.Rows).Findings.Count);
        return ClaimGate.Run(
            new GateInputs(read.File!, new BundleInfo(new string('a', 64), "claims-units.json"), read.Lines, [], new BaselineIndex(table.Rows),
            [info]),
            GateFixture.Tool);
    }

    [Fact]
    public void Gate_WhenClaimQuotesAMislabelledRowInItsMetricsUnit_WarnsAboutTheTable()
    {
        var result = Assert.Single(Run().Results, r => r.Id == "units-whisper-tokens");
        Assert.Equal(ClaimVerdict.Warn, result.Verdict);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("INF-CONS-008", finding.Code);
        Assert.Equal("summary_results.json", finding.File);
        Assert.NotNull(finding.Line);
        Assert.Contains("is in Tokens/s", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Samples/s", Assert.Single(result.Provenance).Unit); // provenance quotes the table as published
    }

    [Fact]
    public void Gate_WhenClaimRepeatsTheTablesWrongUnit_Blocks()
    {
        var result = Assert.Single(Run().Results, r => r.Id == "units-whisper-samples");
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "CLM-UNIT-001");
        Assert.Contains(result.Findings, f => f.Code == "INF-CONS-008");
    }

    [Fact]
    public void Gate_WhenRowsUnitIsRight_AddsNoUnitFindingAndCountsTheTablesMismatches()
    {
        var report = Run();
        var result = Assert.Single(report.Results, r => r.Id == "units-azure-offline");
        Assert.Equal(ClaimVerdict.Pass, result.Verdict);
        Assert.Equal(45, Assert.Single(report.Baselines).UnitMismatches);
        Assert.Contains("table summary_results.json: 45 row(s)", GateText.Render(report), StringComparison.Ordinal);
    }
}
