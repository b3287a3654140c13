using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// An open-division result of a benchmark the round does not know (a model of the submitter's own) is left out of the
/// report with one INF-RND-002 warning that counts them; in the closed division the same folders are judged (and
/// rejected). Azure's real v5.1 results, with the llama2-70b-99 folders renamed in memory.
/// </summary>
public sealed class NotAuditedResultTests
{
    private static AuditReportView Audit(string division, string benchmark)
    {
        using var bundle = new RenamedBundle(
            new RenamedBundle(Corpus.OpenV51().RemoveFolder("closed/AMD").RemoveFolder("closed/NVIDIA"), "closed", division),
            "llama2-70b-99",
            benchmark);
        var report = Corpus.Audit(bundle);
        return new AuditReportView(
            [.. report.Findings.Where(f => f.Code == FindingCatalog.InfNotAudited.Code)],
            [.. report.Results.Select(r => r.Id)]);
    }

    [Fact]
    public void Audit_WhenAnOpenResultIsOfABenchmarkTheRoundLacks_LeavesItOutWithOneWarning()
    {
        var view = Audit("open", "custom-chat");
        var finding = Assert.Single(view.NotAudited);
        Assert.Equal("INF-RND-002", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(
            "2 result(s) of benchmarks this version does not judge yet were left out, e.g. open/Azure/results/ND_GB200_v6/custom-chat/Offline.",
            finding.Message);
        Assert.DoesNotContain(view.Results, id => id.Contains("/custom-chat/", StringComparison.Ordinal));
        Assert.Contains(view.Results, id => id.Contains("/llama3.1-405b/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("closed", "custom-chat")]
    [InlineData("open", "llama2-70b-99")]
    public void Audit_WhenTheResultIsClosedOrOfAKnownBenchmark_JudgesIt(string division, string benchmark)
    {
        var view = Audit(division, benchmark);
        Assert.Empty(view.NotAudited);
        Assert.Contains(view.Results, id => id.Contains($"/{benchmark}/", StringComparison.Ordinal));
    }

    private sealed record AuditReportView(IReadOnlyList<Finding> NotAudited, IReadOnlyList<string> Results);
}
