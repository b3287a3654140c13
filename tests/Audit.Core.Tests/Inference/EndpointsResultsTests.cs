using System.Globalization;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// v6.1 endpoints submissions: config.yaml, performance/result_summary.json and accuracy/accuracy_results.json instead of
/// LoadGen logs, a Server run in a folder named Online. Azure's real v5.1 Server result is laid out as a v6.1 llama3.1-8b
/// endpoints result in memory: its system description, measurements and layout are real; its LoadGen logs are swapped for
/// endpoints files shaped like the published v6.1 ones (Atlas_Inference's qwen3.6-27b SingleStream result, which the
/// official checker and MLPerf Audit both judge valid at 3807.66351136147 ms; see README).
/// </summary>
public sealed class EndpointsResultsTests
{
    private const string Split = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server";
    private const string Online = "closed/Azure/results/ND_GB200_v6/llama3.1-8b/Online";
    private const string Llama8b = "llama3.1-8b";

    private static string Config(long minDurationMs = 600_000, ulong? schedule = null)
    {
        var seeds = InferenceRoundCatalog.Find("v6.1")!.Rules.Seeds;
        return string.Create(CultureInfo.InvariantCulture, $"""
            name: endpoints-run
            version: '1.0'
            type: online
            datasets:
            - name: perf
              type: performance
            settings:
              runtime:
                min_duration_ms: {minDurationMs}
                max_duration_ms: 14400000
                scheduler_random_seed: {schedule ?? seeds.ScheduleRngSeed}
                dataloader_random_seed: {seeds.SampleIndexRngSeed}
              load_pattern:
                type: poisson
                target_qps: 10.0

            """);
    }

    private static string Summary(double ttftP99Ns = 1_500_000_000, double tpotP99Ns = 50_000_000, int failed = 0, double outputAvg = 1200.5)
        => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"version": "0.1.0", "n_samples_issued": 27000, "n_samples_completed": {{{27000 - failed}}}, "n_samples_failed": {{{failed}}},
         "duration_ns": 660000000000,
         "ttft": {"avg": 800000000.0, "percentiles": {"99.0": {{{ttftP99Ns}}}, "50.0": 700000000.0}},
         "tpot": {"avg": 30000000.0, "percentiles": {"99.0": {{{tpotP99Ns}}}, "50.0": 29000000.0}},
         "latency": {"avg": 9000000000.0, "percentiles": {"99.0": 19000000000.0}},
         "output_sequence_lengths": {"avg": {{{outputAvg}}}},
         "qps": 40.9, "tps": 52061.6}
        """);

    private static string Accuracy(long samples = 13368, bool score = true) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"accuracy_scores": [{"dataset_name": "cnn", "score": {{{(score ? "38.9" : "null")}}}, "total_samples": {{{samples}}},
                              "dataset_type": "accuracy"},
                             {"dataset_name": "performance", "score": {{{(score ? "0.5" : "null")}}}, "total_samples": 27000,
                              "dataset_type": "performance"}]}
        """);

    /// <summary>
    /// Azure's Server result as a v6.1 endpoints result of <paramref name="benchmark"/> in <paramref name="scenarioFolder"/>, beside
    /// Azure's Offline LoadGen result (kept so the benchmark's scenario set is complete); Azure's llama3.1-405b left out.
    /// </summary>
    private static RenamedBundle AsEndpoints(
        string benchmark = Llama8b,
        string scenarioFolder = "Online",
        string? config = null,
        string? summary = null,
        string? accuracy = null,
        string? audit = null)
    {
        var bundle = Corpus.OpenV51().RemoveFolder("closed/AMD").RemoveFolder("closed/NVIDIA")
            .RemoveFolder("closed/Azure/results/ND_GB200_v6/llama3.1-405b").RemoveFolder("closed/Azure/compliance/ND_GB200_v6/llama3.1-405b")
            .RemoveFolder("closed/Azure/measurements/ND_GB200_v6/llama3.1-405b").RemoveFolder("closed/Azure/code/llama3.1-405b")
            .RemoveFolder(Split + "/performance").RemoveFolder(Split + "/accuracy")
            .Replace(Split + "/config.yaml", config ?? Config())
            .Replace(Split + "/performance/result_summary.json", summary ?? Summary());
        var seeds = InferenceRoundCatalog.Find("v6.1")!.Rules.Seeds;
        var offline = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt";
        bundle.SetLogValue(offline, "effective_qsl_rng_seed", seeds.QslRngSeed.ToString(CultureInfo.InvariantCulture))
            .SetLogValue(offline, "effective_sample_index_rng_seed", seeds.SampleIndexRngSeed.ToString(CultureInfo.InvariantCulture))
            .SetLogValue(offline, "effective_schedule_rng_seed", seeds.ScheduleRngSeed.ToString(CultureInfo.InvariantCulture));
        if (audit is not null)
        {
            bundle.Replace(Split + "/audit/audit_consistency_output_test.json", audit);
        }

        if (accuracy is not "")
        {
            bundle.Replace(Split + "/accuracy/accuracy_results.json", accuracy ?? Accuracy());
        }

        return new RenamedBundle(new RenamedBundle(new MergedLayoutBundle(bundle), "llama2-70b-99", benchmark), "Server", scenarioFolder);
    }

    private static ResultReport Judge(RenamedBundle bundle, string? round = "v6.1")
    {
        using (bundle)
        {
            return Assert.Single(Corpus.Audit(bundle, round).Results, r => !r.Id.EndsWith("/Offline", StringComparison.Ordinal));
        }
    }

    private static List<string> Errors(ResultReport result) => [.. result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Code)];

    [Fact]
    public void Locate_ReadsAnOnlineFolderAsServer_AndKnowsItForAnEndpointsResult()
    {
        using var bundle = AsEndpoints();
        var location = Assert.Single(ResultLocator.Locate(bundle), l => l.ScenarioFolder == "Online");
        Assert.Equal("Online", location.ScenarioFolder);
        Assert.Equal(Scenarios.Server, location.Scenario);
        Assert.True(EndpointsResults.Is(new BundleIndex(bundle), location));
    }

    [Fact]
    public void Audit_OfAnEndpointsResult_DetectsV61FromConfigYaml_AndJudgesItFromTheEndpointsFiles()
    {
        using var bundle = AsEndpoints();
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v6.1", report.Rules.Round);
        var result = Corpus.Result(report, Online);
        Assert.Empty(Errors(result));
        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Equal(new Metric("tps", 52061.6, "Tokens/s", Online + "/performance/result_summary.json", null), result.Metric);
        Assert.Equal("38.9", result.Accuracy);
        Assert.Equal(1500, result.Latency!.TimeToFirstTokenP99Ms);
        Assert.Contains(result.Findings, f => f.Code == FindingCatalog.InfEndpointsResult.Code && f.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData(1_999_999_999.0, null)]
    [InlineData(2_000_000_000.0, "INF-LAT-001")]
    [InlineData(2_000_000_001.0, "INF-LAT-001")]
    public void Audit_JudgesTheP99TimeToFirstTokenAgainstTheServerLimit(double ttftNs, string? code)
        => Assert.Equal(code is null ? [] : [code], Errors(Judge(AsEndpoints(summary: Summary(ttftP99Ns: ttftNs)))));

    [Theory]
    [InlineData(99_999_999.0, null)]
    [InlineData(100_000_000.0, "INF-LAT-002")]
    public void Audit_JudgesTheP99TimePerOutputTokenAgainstTheServerLimit(double tpotNs, string? code)
        => Assert.Equal(code is null ? [] : [code], Errors(Judge(AsEndpoints(summary: Summary(tpotP99Ns: tpotNs)))));

    [Theory]
    [InlineData(599_999L, "INF-DUR-001")]
    [InlineData(600_000L, null)]
    [InlineData(600_001L, null)]
    public void Audit_ReadsTheMinimumDurationFromConfigYaml(long minDurationMs, string? code)
        => Assert.Equal(code is null ? [] : [code], Errors(Judge(AsEndpoints(config: Config(minDurationMs)))));

    [Theory]
    [InlineData(13367L, "INF-ACC-011")]
    [InlineData(13368L, null)]
    [InlineData(13369L, "INF-ACC-011")]
    public void Audit_ChecksTheAccuracySampleCount(long samples, string? code)
        => Assert.Equal(code is null ? [] : [code], Errors(Judge(AsEndpoints(accuracy: Accuracy(samples)))));

    [Fact]
    public void Audit_WhenTheRunHasFailedSamples_FlagsThem()
        => Assert.Equal(["INF-EP-004"], Errors(Judge(AsEndpoints(summary: Summary(failed: 1)))));

    [Fact]
    public void Audit_WhenTheScheduleSeedIsWrong_FlagsTheSeed()
        => Assert.Equal(["INF-SEED-001"], Errors(Judge(AsEndpoints(config: Config(schedule: 42)))));

    [Fact]
    public void Audit_WithoutRound_WhenTheConfigYamlSeedsAreOfNoRound_WeighsThemAsTheResultsOwnEvidence()
    {
        // The endpoints result's seeds live in its config.yaml; the round evidence reads them as detection does.
        using var bundle = AsEndpoints(config: Config(schedule: 42));
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v6.1", report.Rules.Round);
        var conflict = Assert.Single(Corpus.Result(report, Online).Findings, f => f.Code == "INF-RND-004");
        Assert.Contains("its config.yaml records RNG seeds of no round with rules", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultHeadRead_OfAnEndpointsResult_GivesTheConfigYamlSeedsAndMatchesItsRoundOnThem()
    {
        using var bundle = AsEndpoints();
        var location = Assert.Single(ResultLocator.Locate(bundle), l => l.ScenarioFolder == "Online");
        var head = ResultHead.Read(bundle, new BundleIndex(bundle).File, location);
        var v61 = InferenceRoundCatalog.Find("v6.1")!.Rules.Seeds;
        Assert.True(head.FromEndpointsConfig);
        Assert.Equal(new RoundSeeds(0, v61.SampleIndexRngSeed, v61.ScheduleRngSeed), head.Seeds);
        Assert.True(head.Matches(v61));
        Assert.False(head.Matches(InferenceRoundCatalog.Find("v5.1")!.Rules.Seeds));
        Assert.Null(head.LoadGen);
    }

    [Fact]
    public void Audit_WhenAccuracyResultsAreMissingOrHaveNoScore_FlagsThem()
    {
        Assert.Equal(["INF-EP-003"], Errors(Judge(AsEndpoints(accuracy: ""))));
        Assert.Equal(["INF-EP-005"], Errors(Judge(AsEndpoints(accuracy: Accuracy(score: false)))));
    }

    [Theory]
    [InlineData("v6.1")]
    [InlineData("v5.1")]
    public void Audit_OfAModelTheRoundDoesNotAllowAsEndpoints_IsAnError(string round)
    {
        var result = Judge(AsEndpoints(benchmark: round == "v6.1" ? "llama2-70b-99.9" : "llama2-70b-99", scenarioFolder: "Server"), round);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains("INF-EP-002", Errors(result));
    }

    // TEST06 of llama3.1-8b is the endpoints audit consistency_output_test: when its audit file is there, it must name
    // the test and say it passed (only TEST04's may be missing).
    [Theory]
    [InlineData("""{"test": "consistency_output_test", "passed": true}""", null)]
    [InlineData("""{"test": "consistency_output_test", "passed": false}""", "did not pass")]
    [InlineData("""{"test": "output_caching_test", "passed": true}""", "does not name the test consistency_output_test")]
    public void Audit_WhenTheEndpointsAuditFileFailsOrNamesAnotherTest_FlagsIt(string audit, string? says)
    {
        var result = Judge(AsEndpoints(audit: audit));
        var file = Online + "/audit/audit_consistency_output_test.json";
        if (says is null)
        {
            Assert.Empty(Errors(result));
            return;
        }

        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfEndpointsAudit.Code);
        Assert.Equal($"{file} {says}.", finding.Message);
        Assert.Equal(["INF-EP-007"], Errors(result));
    }

    // gpt-oss-120b asks TEST09 of endpoints results: the summary's mean output length must lie in [1150.38, 1406.02] tokens.
    [Theory]
    [InlineData(1150.37, true)]
    [InlineData(1150.38, false)]
    [InlineData(1406.02, false)]
    [InlineData(1406.03, true)]
    public void Audit_WhenTheTest09MeanOutputLengthLeavesItsRange_FlagsIt(double outputAvg, bool flagged)
    {
        var result = Judge(AsEndpoints(benchmark: "gpt-oss-120b", summary: Summary(outputAvg: outputAvg)));
        var codes = Errors(result);
        if (flagged)
        {
            Assert.Contains("INF-EP-006", codes);
            var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfEndpointsOutputLength.Code);
            Assert.EndsWith("/performance/result_summary.json", finding.File, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(FindingCatalog.InfEndpointsOutputLength.Code, codes);
        }
    }

    [Fact]
    public void Is_WhenTheFolderAlsoHoldsLoadGenLogs_IsFalse()
    {
        using var bundle = Corpus.OpenV51().Replace(Split + "/config.yaml", Config());
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Split);
        Assert.False(EndpointsResults.Is(new BundleIndex(bundle), location));
    }

    [Fact]
    public void YamlScalars_ReadsNestedScalarsWithTheirLines_AndSkipsSequences()
    {
        using var reader = new StringReader(Config());
        var yaml = YamlScalars.Read(reader);
        Assert.Equal((600_000L, 9), yaml.WholeNumber("settings.runtime.min_duration_ms"));
        Assert.Equal("online", yaml.Find("type")!.Value.Value);
        Assert.Equal("poisson", yaml.Find("settings.load_pattern.type")!.Value.Value);
        Assert.Null(yaml.Find("datasets.name"));
    }
    [Theory]
    [InlineData("a: 1\na: 2\n", 2)]
    [InlineData("settings:\n  runtime:\n    min_duration_ms: 1\n   seed: 2\n", 4)]
    [InlineData("settings: [1, 2\n", 2)]
    [InlineData("a: 1\n---\nb: 2\n", 3)]
    [InlineData("a: 1\nb: [x\nc: 2\n", 2)]
    public void YamlScalarsRead_OnInvalidYaml_ThrowsWithTheLine(string text, int line)
    {
        using var reader = new StringReader(text);
        var error = Assert.Throws<YamlScalarsException>(() => YamlScalars.Read(reader));
        Assert.Equal(line, error.Line);
        Assert.NotEmpty(error.Reason);
    }

    [Theory]
    [InlineData("settings:\n  runtime:\n    min_duration_ms: '600000'\n", "600000")]
    [InlineData("settings: {runtime: {min_duration_ms: 600000}}\n", "600000")]
    [InlineData("settings:\n  runtime:\n    min_duration_ms: 600000 # ten minutes\n", "600000")]
    [InlineData("settings:\n  runtime:\n    min_duration_ms:\n", null)]
    [InlineData("- settings: 1\n", null)]
    public void YamlScalarsFind_ReadsQuotedFlowAndCommentedScalars(string text, string? expected)
    {
        using var reader = new StringReader(text);
        Assert.Equal(expected, YamlScalars.Read(reader).Find("settings.runtime.min_duration_ms")?.Value);
    }

    [Fact]
    public void Audit_OfAnEndpointsResultWithInvalidConfigYaml_ReportsTheFileAndLine()
    {
        var result = Judge(AsEndpoints(config: Config().Replace("type: online", "type: [online", StringComparison.Ordinal)));
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfEndpointsFiles.Code);
        Assert.StartsWith("config.yaml is not valid YAML", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("/config.yaml", finding.File, StringComparison.Ordinal);
        Assert.NotNull(finding.Line);
    }
}
