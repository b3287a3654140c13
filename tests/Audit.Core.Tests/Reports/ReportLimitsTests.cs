using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Reports;

/// <summary>The report lists the reading limits in force and names those reached.</summary>
public sealed class ReportLimitsTests
{
    private const string Summary = Corpus.Azure + "/llama2-70b-99/Offline/performance/run_1/mlperf_log_summary.txt";

    [Fact]
    public void Audit_WithDefaultLimits_ListsThemAndNoneHit()
    {
        var limits = Corpus.Audit(Corpus.OpenV51()).Limits!;
        Assert.Equal(BundleLimits.Default.MaxEntries, limits.MaxEntries);
        Assert.Equal(BundleLimits.Default.MaxTotalBytes, limits.MaxTotalBytes);
        Assert.Equal(BundleLimits.Default.MaxEntryBytes, limits.MaxEntryBytes);
        Assert.Equal(BundleLimits.Default.MaxCompressionRatio, limits.MaxCompressionRatio);
        Assert.Equal(BundleLimits.Default.MaxPathDepth, limits.MaxPathDepth);
        Assert.Equal(BundleLimits.Default.MaxLineBytes, limits.MaxLineBytes);
        Assert.Empty(limits.Hit);
    }

    [Fact]
    public void Audit_WhenALogLineIsOverTheLineLimit_NamesMaxLineBytesAndItsValue()
    {
        using var bundle = Corpus.OpenV51().Edit(Summary, t => t + "Note : " + new string('x', 4000) + "\n");
        var options = new InferenceAuditOptions { Round = "v5.1", Limits = new BundleLimits { MaxLineBytes = 2048 } };
        var report = InferenceAuditor.Audit(new OpenedBundle(bundle, "0000"), options, Corpus.Tool);
        Assert.Equal(2048, report.Limits!.MaxLineBytes);
        Assert.Equal(["MaxLineBytes"], report.Limits.Hit);
        Assert.Contains(report.Results.SelectMany(r => r.Findings), f => f.Code == "INF-CONS-003" && f.File == Summary);
    }
}
