using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Rules;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// A MultiStream result inferred from a SingleStream run (spec §4): the headline is early_stopping_latency_ms × 8 ÷ 1e6,
/// and a latency of 0 (too few samples for early stopping) is INF-SCN-005. The corpus holds no SingleStream run, so Azure's
/// real llama2-70b-99 Server log is read as a SingleStream run in a MultiStream folder, with the early-stopping latency
/// (ns, as LoadGen logs it) added after its early_stopping_met record.
/// </summary>
public sealed class InferredResultTests
{
    private const string Folder = Corpus.Azure + "/llama2-70b-99/Server";
    private const string Log = Folder + "/performance/run_1/mlperf_log_detail.txt";

    private static (Metric? Metric, List<Finding> Findings) Judge(long latencyNs)
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Log, "effective_scenario", "\"SingleStream\"");
        bundle.Edit(Log, text =>
        {
            var line = text.Split('\n').First(l => l.Contains("\"key\": \"early_stopping_met\"", StringComparison.Ordinal));
            var copy = Regex.Replace(line, "\"key\": \"[^\"]+\", \"value\": (\"[^\"]*\"|[^,]+)",
                $"\"key\": \"early_stopping_latency_ms\", \"value\": {latencyNs.ToString(CultureInfo.InvariantCulture)}");
            return text.Replace(line, line + "\n" + copy, StringComparison.Ordinal);
        });
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Folder) with { Scenario = Scenarios.MultiStream };
        var round = InferenceRoundCatalog.Find("v5.1")!.Rules;
        var context = new ResultContext(location, round, round.FindBenchmark("llama2-70b-99")!, new BundleIndex(bundle), BundleLimits.Default, null);
        var metric = PerformanceRules.Check(context, context.ReadDetailLog(Log)!);
        return (metric, [.. context.Findings]);
    }

    [Theory]
    [InlineData(0L, true)]
    [InlineData(1L, false)]
    [InlineData(2_500_000L, false)]
    public void Check_WhenMultiStreamIsInferredFromSingleStream_FlagsAZeroEarlyStoppingLatency(long latencyNs, bool flagged)
    {
        var (metric, findings) = Judge(latencyNs);
        Assert.Equal("early_stopping_latency_ms × 8 ÷ 1e6", metric!.Name);
        Assert.Equal(latencyNs * 8 / 1e6, metric.Value);
        Assert.Equal("Latency (ms)", metric.Unit);
        Assert.Equal(Scenarios.SingleStream, metric.InferredFrom);
        var inferred = findings.Where(f => f.Code == FindingCatalog.InfInferredResult.Code).ToList();
        if (flagged)
        {
            var finding = Assert.Single(inferred);
            Assert.Equal("INF-SCN-005", finding.Code);
            Assert.Equal(Log, finding.File);
            Assert.NotNull(finding.Line);
        }
        else
        {
            Assert.Empty(inferred);
        }
    }
}
