using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Rules;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>Consistency checks no official checker makes (INF-CONS-00N), on the real v5.1 corpus and edited copies of it.</summary>
public sealed class ConsistencyRuleTests
{
    private const string AzureOffline = Corpus.Azure + "/llama2-70b-99/Offline";
    private const string AzureServer = Corpus.Azure + "/llama2-70b-99/Server";
    private const string Gb300System = "closed/NVIDIA/systems/GB300-NVL72_GB300-288GB_aarch64x72_TRT.json";
    private const string Gb200Offline = "closed/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/Offline";

    private static IEnumerable<Finding> AllFindings(AuditReport report) => report.Findings.Concat(report.Results.SelectMany(r => r.Findings));

    [Fact]
    public void Audit_WhenCorpusIsUnmodified_RaisesNoConsistencyFinding()
    {
        var report = Corpus.Audit(Corpus.OpenV51());
        Assert.DoesNotContain(AllFindings(report), f => f.Code.StartsWith("INF-CONS-", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_WhenSummaryVerdictIsEdited_ReportsVerdictMismatchOnItsLine()
    {
        using var bundle = Corpus.OpenV51().Edit(AzureOffline + "/performance/run_1/mlperf_log_summary.txt",
            t => t.Replace("Result is : VALID", "Result is : INVALID", StringComparison.Ordinal));
        var result = Corpus.Result(Corpus.Audit(bundle), AzureOffline);
        var finding = Assert.Single(result.Findings, f => f.Code == "INF-CONS-001");
        Assert.Equal(AzureOffline + "/performance/run_1/mlperf_log_summary.txt", finding.File);
        Assert.Equal(9, finding.Line);
        Assert.Equal(Verdict.Invalid, result.Verdict);
    }

    [Theory]
    [InlineData(AzureOffline, "Tokens per second: 52061.6", "Tokens per second: 52961.6", true)]
    [InlineData(AzureOffline, "Tokens per second: 52061.6", "Tokens per second: 52061.65", false)] // within 0.05 + 0.005
    [InlineData(AzureOffline, "Tokens per second: 52061.6", "Tokens per second: 52061.71", true)]
    [InlineData(AzureServer, "Completed samples per second    : 167.73", "Completed samples per second    : 167.74", false)] // 167.735 ± 0.0055
    [InlineData(AzureServer, "Completed samples per second    : 167.73", "Completed samples per second    : 167.75", true)]
    [InlineData(AzureServer, "99.00 percentile first token latency (ns)   : 407148910", "99.00 percentile first token latency (ns)   : 307148910",
        true)]
    // ±0.5 + 0.5
    [InlineData(AzureServer, "99.00 percentile first token latency (ns)   : 407148910", "99.00 percentile first token latency (ns)   : 407148911",
        false)]
    [InlineData(AzureServer, "99.00 percentile first token latency (ns)   : 407148910", "99.00 percentile first token latency (ns)   : 407148912",
        true)]
    [InlineData(AzureServer, "99.00 percentile time to output token (ns)   : 88137540", "99.00 percentile time to output token (ns)   : 78137540",
        true)]
    [InlineData(AzureServer, "Mean latency (ns)               : 21412633775", "Mean latency (ns)               : 20412633775", true)]
    [InlineData(AzureOffline, "90.00 percentile latency (ns)   : 2894974684579", "90.00 percentile latency (ns)   : 2893974684579", true)] // 1 s less
    [InlineData(AzureOffline, "90.00 percentile latency (ns)", "90.00 percentile latency (ns)", false)] // unedited
    public void Audit_WhenSummaryHeadlineIsEdited_ReportsValueMismatchBeyondRounding(string result, string from, string to, bool expected)
    {
        using var bundle = Corpus.OpenV51().Edit(result + "/performance/run_1/mlperf_log_summary.txt",
            t => t.Replace(from, to, StringComparison.Ordinal));
        var findings = Corpus.Result(Corpus.Audit(bundle), result).Findings;
        Assert.Equal(expected, findings.Any(f => f.Code == "INF-CONS-002"));
    }

    /// <summary>
    /// LoadGen versions that log per-query latencies (MultiStream) print those in the summary under the same line names;
    /// the whole v5.1 round has 12 such runs, 2 of whose per-sample and per-query minimums differ.
    /// </summary>
    [Theory]
    [InlineData("5499574143", false)] // the summary's Min latency, logged per query
    [InlineData("2488996", true)] // per-query minimum other than the summary's
    public void Audit_WhenDetailLogsPerQueryLatencies_ComparesTheSummaryWithThem(string perQueryMin, bool expected)
    {
        var path = AzureOffline + "/performance/run_1/mlperf_log_detail.txt";
        var line = $":::MLLOG {{\"key\": \"result_min_query_latency_ns\", \"value\": {perQueryMin}, \"time_ms\": 3225626.797155, "
            + "\"namespace\": \"mlperf::logging\", \"event_type\": \"POINT_IN_TIME\", \"metadata\": {\"is_error\": false, \"is_warning\": false, "
            + "\"file\": \"results.cc\", \"line_no\": 774, \"pid\": 57712, \"tid\": 57712}}\n";
        using var bundle = Corpus.OpenV51().Edit(path, t => t + line);
        var findings = Corpus.Result(Corpus.Audit(bundle), AzureOffline).Findings.Where(f => f.Code == "INF-CONS-002").ToList();
        Assert.Equal(expected, findings.Count == 1);
        Assert.All(findings, f => Assert.Contains("result_min_query_latency_ns", f.Message, StringComparison.Ordinal));
    }

    /// <summary>
    /// A compliance test's performance run (TEST01, TEST04) is held to the same summary/detail comparison: on the whole
    /// v5.1 round it finds one run (GigaComputing stable-diffusion-xl Server TEST01) whose summary says 26.23 samples/s
    /// where its detail log says 28.4612. The corpus holds only LLMs (TEST06, no performance run), so the Azure Offline
    /// run's real logs are placed where a TEST04 run would be.
    /// </summary>
    [Theory]
    [InlineData("Tokens per second: 52061.6", "Tokens per second: 52061.6", false)] // the same two logs agree
    [InlineData("Tokens per second: 52061.6", "Tokens per second: 52061.65", false)] // within the printed rounding
    [InlineData("Tokens per second: 52061.6", "Tokens per second: 52061.71", true)]
    [InlineData("Result is : VALID", "Result is : INVALID", true)]
    public void CheckSummary_OfAComplianceRun_ComparesThatRunsSummaryWithItsDetailLog(string from, string to, bool expected)
    {
        const string Run = "closed/Azure/compliance/ND_GB200_v6/llama2-70b-99/Offline/TEST04/performance/run_1";
        var source = Corpus.OpenV51();
        using var bundle = source
            .Replace(Run + "/mlperf_log_detail.txt", source.ReadText(AzureOffline + "/performance/run_1/mlperf_log_detail.txt"))
            .Replace(Run + "/mlperf_log_summary.txt",
                source.ReadText(AzureOffline + "/performance/run_1/mlperf_log_summary.txt").Replace(from, to, StringComparison.Ordinal));
        var index = new MlPerfAudit.Core.Bundles.BundleIndex(bundle);
        var location = MlPerfAudit.Core.Inference.Layout.ResultLocator.Locate(bundle).Single(l => l.Id == AzureOffline);
        var round = MlPerfAudit.Core.Inference.Round.InferenceRoundCatalog.Find("v5.1")!.Rules;
        var context = new ResultContext(location, round, round.FindBenchmark("llama2-70b-99")!, index, MlPerfAudit.Core.Bundles.BundleLimits.Default,
            null);

        ConsistencyRules.CheckSummary(context, context.ReadDetailLog(Run + "/mlperf_log_detail.txt")!, Run);

        var mismatches = context.Findings.Where(f => f.Code is "INF-CONS-001" or "INF-CONS-002").ToList();
        Assert.Equal(expected, mismatches.Count == 1);
        Assert.All(mismatches, f => Assert.Equal(Run + "/mlperf_log_summary.txt", f.File));
        Assert.DoesNotContain(context.Findings, f => f.File?.Contains("/performance/run_1/", StringComparison.Ordinal) == true
            && !f.File.StartsWith(Run, StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_WhenSummaryHasInvalidUtf8AndNoVerdict_WarnsItCannotBeCompared()
    {
        var path = AzureOffline + "/performance/run_1/mlperf_log_summary.txt";
        using var bundle = Corpus.OpenV51().Replace(path, [.. "Scenario : Offline\n"u8, 0xFF, 0xFE, (byte)'\n']);
        var findings = Corpus.Result(Corpus.Audit(bundle), AzureOffline).Findings.Where(f => f.Code == "INF-CONS-003").ToList();
        Assert.Contains(findings, f => f.Line == 2);
        Assert.Contains(findings, f => f.Line is null);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
    }

    [Fact]
    public void Audit_WhenDescriptionDisagreesWithX72InName_WarnsWithLine()
    {
        using var bundle = Corpus.OpenV51().Edit(Gb300System,
            t => t.Replace("\"accelerators_per_node\": 4", "\"accelerators_per_node\": 8", StringComparison.Ordinal));
        var result = Corpus.Result(Corpus.Audit(bundle), "closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/deepseek-r1/Offline");
        var findings = result.Findings.Where(f => f.Code == "INF-CONS-004").ToList();
        Assert.Equal(2, findings.Count); // folder name x72 and system_name "(72x ..."
        Assert.All(findings, f => Assert.Equal(Gb300System, f.File));
        Assert.All(findings, f => Assert.NotNull(f.Line));
    }

    [Theory]
    [InlineData("\"accelerators_per_node\": 4", true)] // 1 node x 4: the leading 8x disagrees
    [InlineData("\"accelerators_per_node\": 8", false)] // as published
    public void Audit_WhenDescriptionDisagreesWithLeading8xInFolderName_WarnsOnce(string perNode, bool expected)
    {
        const string system = "closed/AMD/systems/8xMI300X_2xEPYC_9575F.json";
        using var bundle = Corpus.OpenV51().Edit(system, t => t.Replace("\"accelerators_per_node\": 8", perNode, StringComparison.Ordinal));
        var result = Corpus.Result(Corpus.Audit(bundle), "closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/Offline");
        var findings = result.Findings.Where(f => f.Code == "INF-CONS-004").ToList();
        Assert.Equal(expected ? 1 : 0, findings.Count);
        Assert.All(findings, f => Assert.Equal((system, 10), (f.File, f.Line)));
        Assert.All(findings, f => Assert.Contains("says 8 accelerators", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_WhenOneDetailLogSitsUnderTwoSystems_WarnsOfTheReusedRun()
    {
        var corpus = Corpus.OpenV51();
        var azureLog = corpus.ReadText(AzureOffline + "/performance/run_1/mlperf_log_detail.txt");
        using var bundle = corpus.Replace(Gb200Offline + "/performance/run_1/mlperf_log_detail.txt", azureLog);
        var report = Corpus.Audit(bundle);
        var finding = Assert.Single(report.Findings, f => f.Code == "INF-CONS-005");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains(AzureOffline, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GB300-NVL72_GB300-288GB_aarch64x72_TRT", new[] { 72 })]
    [InlineData("GB200-NVL72_GB200-186GB_aarch64x4_TRT", new[] { 4 })]
    [InlineData("8xMI300X_2xEPYC_9575F", new[] { 8 })]
    [InlineData("GB200x4", new[] { 4 })]
    [InlineData("Server_x4", new[] { 4 })]
    [InlineData(" (72x GB300-288GB_aarch64, TensorRT)", new[] { 72 })]
    [InlineData("GB200-NVL72", new int[0])]
    [InlineData("ND_GB200_v6", new int[0])]
    [InlineData("EPYC_x86_64", new int[0])]
    public void CountsInName_FindsOnlyAcceleratorCounts(string name, int[] expected)
        => Assert.Equal(expected, ConsistencyRules.CountsInName(name));

    [Theory]
    [InlineData("19.46", 0.005)]
    [InlineData("209328", 0.5)]
    [InlineData("1.5e+06", 50000)]
    public void HalfUnit_IsHalfTheLastPrintedDigit(string text, double expected)
        => Assert.Equal(expected, ConsistencyRules.HalfUnit(text), 9);

    [Fact]
    public void SummaryLogRead_KeepsKeyValueLinesWithLineNumbers()
    {
        using var stream = new MemoryStream("=====\nMLPerf Results Summary\nResult is : VALID\n * Run successful.\nx\0 : 1\n"u8.ToArray());
        var log = SummaryLog.Read(stream, "s.txt", 1024);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(("Result is", "VALID", 3), (entry.Key, entry.Value, entry.Line));
        Assert.Equal(5, Assert.Single(log.Problems).Line);
    }
}
