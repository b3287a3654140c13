using System.Globalization;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Rules;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// Rounds v5.0 and v6.1 judge every official benchmark. The values below were read from the official checker's
/// configuration (v5.0: tag v5.0.1 and the main branch's v5.0 section; v6.1: the main branch's v6.1 section); the
/// whole files are compared with it by tests/bench/round-data-vs-official.py.
/// </summary>
public sealed class LaterRoundDataTests
{
    private static InferenceRound Load(string round) => Assert.IsType<LoadedRound>(InferenceRoundCatalog.Find(round)).Rules;

    private static BenchmarkRules Benchmark(string round, string name) => Assert.IsType<BenchmarkRules>(Load(round).FindBenchmark(name));

    [Theory]
    [InlineData("v5.0", 19)]
    [InlineData("v6.1", 21)]
    public void Round_AuditsEveryOfficialBenchmark(string round, int count)
    {
        var rules = Load(round);
        Assert.Equal(count, rules.Benchmarks.Count);
        Assert.Empty(rules.OtherOfficialBenchmarks);
        Assert.All(rules.Benchmarks,
            b => Assert.All(b.Accuracy, t => Assert.True(rules.MetricPatterns.ContainsKey(t.Metric), $"{b.Name}: no pattern for {t.Metric}")));
    }

    [Theory]
    [InlineData("v5.0", "resnet", 1024, 50000, 24576)]
    [InlineData("v5.0", "retinanet", 64, 24781, 24576)]
    [InlineData("v5.0", "dlrm-v2-99.9", 204800, 330067, 24576)]
    [InlineData("v5.0", "3d-unet-99", 43, 43, 43)]
    [InlineData("v5.0", "gptj-99", 13368, 13368, 13368)]
    [InlineData("v5.0", "stable-diffusion-xl", 5000, 5000, 5000)]
    [InlineData("v5.0", "rgat", 788379, 788379, 788379)]
    [InlineData("v5.0", "pointpainting", 1024, 39987, 6636)]
    [InlineData("v5.0", "llama3.1-405b", 8313, 8313, 8313)]
    [InlineData("v6.1", "resnet", 1024, 50000, 24576)]
    [InlineData("v6.1", "whisper", 1633, 1633, 1633)]
    [InlineData("v6.1", "yolo-95", 64, 1525, 1525)]
    [InlineData("v6.1", "dlrm-v3", 349823, 349823, 349823)]
    [InlineData("v6.1", "wan-2.2-t2v-a14b", 50, 248, 50)]
    [InlineData("v6.1", "qwen3-vl-235b-a22b", 48289, 48289, 48289)]
    [InlineData("v6.1", "qwen3.6-27b", 995, 995, 24576)]
    [InlineData("v6.1", "e2e-rag-qna", 824, 824, 824)]
    [InlineData("v6.1", "e2e-rag-db", 2515, 2515, 2515)]
    [InlineData("v6.1", "gpt-oss-120b", 6396, 6396, 6396)]
    public void SampleCounts_AreTheOfficialOnes(string round, string name, long performance, long dataset, long offlinePerQuery)
    {
        var b = Benchmark(round, name);
        Assert.Equal(performance, b.PerformanceSampleCount);
        Assert.Equal(dataset, b.DatasetSize);
        Assert.Equal(offlinePerQuery, b.OfflineMinSamplesPerQuery);
    }

    [Theory]
    [InlineData("v5.0", "resnet", "acc", 76.46, 0.99)]
    [InlineData("v5.0", "retinanet", "mAP", 37.55, 0.99)]
    [InlineData("v5.0", "bert-99.9", "F1", 90.874, 0.999)]
    [InlineData("v5.0", "dlrm-v2-99", "AUC", 80.31, 0.99)]
    [InlineData("v5.0", "3d-unet-99.9", "DICE", 0.8617, 0.999)]
    [InlineData("v5.0", "gptj-99", "ROUGE1", 42.9865, 0.99)]
    [InlineData("v5.0", "gptj-99.9", "GEN_LEN", 4016878, 0.9)]
    [InlineData("v5.0", "stable-diffusion-xl", "CLIP_SCORE", 31.68631873, 1)]
    [InlineData("v5.0", "rgat", "acc", 0.7286, 0.99)]
    [InlineData("v5.0", "pointpainting", "mAP", 0.5425, 0.999)]
    [InlineData("v5.0", "mixtral-8x7b", "mbxp_accuracy", 60.16, 0.99)]
    [InlineData("v6.1", "whisper", "ACCURACY", 97.9329, 0.99)]
    [InlineData("v6.1", "yolo-95", "mAP", 53.4, 0.95)]
    [InlineData("v6.1", "yolo-99", "mAP", 53.4, 0.99)]
    [InlineData("v6.1", "dlrm-v3", "DLRM_NE", 0.86687, 0.999)]
    [InlineData("v6.1", "dlrm-v3", "DLRM_AUC", 0.78663, 0.999)]
    [InlineData("v6.1", "wan-2.2-t2v-a14b", "vbench_score", 70.48, 0.99)]
    [InlineData("v6.1", "qwen3.6-27b", "mAP", 86.23, 0.99)]
    [InlineData("v6.1", "e2e-rag-qna", "E2E_ACCURACY", 33.95, 1)]
    [InlineData("v6.1", "e2e-rag-db", "E2E_ACCURACY", 98, 1)]
    [InlineData("v6.1", "deepseek-r1", "exact_match", 81.3582, 0.99)]
    public void AccuracyTargets_AreTheOfficialOnes(string round, string name, string metric, double reference, double factor)
    {
        var target = Assert.Single(Benchmark(round, name).Accuracy, t => t.Metric == metric);
        Assert.Equal(reference * factor, target.Lower!.Value);
    }

    [Fact]
    public void V61_Qwen3Vl_HasPerScenarioTargetsSampleCountsAndLatencyBounds()
    {
        var qwen = Benchmark("v6.1", "qwen3-vl-235b-a22b");
        Assert.Equal(0.7878 * 0.99, Assert.Single(qwen.AccuracyFor("Interactive")).Lower!.Value);
        Assert.Equal(0.7903 * 0.99, Assert.Single(qwen.AccuracyFor("Offline")).Lower!.Value);
        Assert.Equal(0.7903 * 0.99, Assert.Single(qwen.AccuracyFor("Server")).Lower!.Value);
        Assert.Equal(8000, qwen.AccuracySamplesFor("Interactive"));
        Assert.Equal(48289, qwen.AccuracySamplesFor("Offline"));
        Assert.Equal(12_000_000_000, qwen.LatencyConstraintNs["Server"]);
        Assert.Equal(["Interactive", "Server"], qwen.Scenarios.Datacenter!.OneOf);
    }

    [Fact]
    public void V61_NewBenchmarks_CarryTheirUnitsDurationsComplianceAndFiles()
    {
        var round = Load("v6.1");
        var wan = Benchmark("v6.1", "wan-2.2-t2v-a14b");
        Assert.Equal("s", wan.LatencyUnit);
        Assert.Equal(50, wan.MinQueries["SingleStream"]);
        Assert.Equal(248, wan.AccuracySamplesFor("Offline"));
        Assert.Contains("123", wan.ExtraAccuracyFiles["videos"]);
        Assert.Equal(["Offline", "SingleStream"], wan.Scenarios.Datacenter!.Required);
        Assert.Equal("Tasks/s", Benchmark("v6.1", "e2e-rag-qna").Units!["Offline"]);
        Assert.Equal(0, Benchmark("v6.1", "e2e-rag-db").MinDurationMs);
        Assert.Null(Benchmark("v6.1", "resnet").MinDurationMs);
        Assert.Equal(["TEST08"], Benchmark("v6.1", "dlrm-v3").Compliance);
        Assert.Equal(["TEST09"], Benchmark("v6.1", "e2e-rag-qna").Compliance);
        Assert.Equal(["TEST01", "TEST04"], Benchmark("v6.1", "resnet").Compliance);
        Assert.Equal(["TEST04"], Benchmark("v6.1", "wan-2.2-t2v-a14b").Compliance);
        Assert.Equal(4395, Benchmark("v6.1", "gpt-oss-120b").AccuracySamplesFor("Server"));
        Assert.Equal(995, Benchmark("v6.1", "qwen3.6-27b").MinQueries["SingleStream"]);
        Assert.Empty(Benchmark("v6.1", "stable-diffusion-xl").ExtraAccuracyFiles);
        Assert.Empty(Benchmark("v6.1", "llama3.1-8b-edge").Compliance);
        Assert.All(round.Benchmarks, b => Assert.False(b.EqualIssue));
        Assert.True(round.IsStrict(InferenceRound.StrictEarlyStopping));
        Assert.True(round.AccuracySampleCountRequired && round.OpenDivisionLeniencyCoversTargetsOnly && round.ScenarioSetPerResult
            && round.Files.UnexpectedFilesAllowed);
        Assert.True(round.AllowsEndpoints("qwen3-vl-235b-a22b"));
        Assert.False(round.AllowsEndpoints("resnet"));
    }

    [Fact]
    public void V50_FollowsTheRoundsOwnChecker_WhereMainDiffers()
    {
        var round = Load("v5.0");
        Assert.Empty(Benchmark("v5.0", "gptj-99").Compliance);
        Assert.Equal("result_inferred_tokens_per_second", Benchmark("v5.0", "gptj-99").Headline["Offline"]);
        Assert.Equal(["TEST06"], Benchmark("v5.0", "llama3.1-405b").Compliance);
        Assert.Equal(["TEST01", "TEST04"], Benchmark("v5.0", "pointpainting").Compliance);
        Assert.Equal(["SingleStream"], Benchmark("v5.0", "pointpainting").Scenarios.Edge!.Required);
        Assert.True(Benchmark("v5.0", "rgat").EqualIssue);
        Assert.False(Benchmark("v5.0", "resnet").EqualIssue);
        Assert.True(round.EqualIssueAppliesTo("closed"));
        Assert.False(round.EqualIssueAppliesTo("open"));
        Assert.True(Load("v5.1").EqualIssueAppliesTo("open"));
        Assert.Contains("4459", Benchmark("v5.0", "stable-diffusion-xl").ExtraAccuracyFiles["images"]);
        Assert.Equal(15_000_000, Benchmark("v5.0", "resnet").LatencyConstraintNs["Server"]);
        Assert.Equal(new TokenLatencyLimit(6000, 175), Benchmark("v5.0", "llama3.1-405b").TokenLatencyLimits["Server"]);
        Assert.False(round.IsStrict(InferenceRound.StrictEarlyStopping));
        Assert.Equal("llama3.1-405b", round.FindBenchmark("llama3_1-405b")!.Name);
    }

    [Fact]
    public void V51_Llama31_8bEdge_NeedsNoComplianceTest_AsTheOfficialCheckerSays()
        => Assert.Empty(Benchmark("v5.1", "llama3.1-8b-edge").Compliance);
}

/// <summary>
/// The real v5.1 corpus re-seeded and re-laid-out in memory as a v5.0 or v6.1 submission, and judged with that round's rules.
/// </summary>
public sealed class LaterRoundAuditTests
{
    private const string Offline = "closed/Azure/results/ND_GB200_v6/llama2-70b-99.9/Offline";
    private const string Server = "closed/Azure/results/ND_GB200_v6/llama2-70b-99.9/Server";
    private static readonly string[] SeedKeys = ["effective_qsl_rng_seed", "effective_sample_index_rng_seed", "effective_schedule_rng_seed"];

    /// <summary>The corpus with the round's seeds in every performance detail log of a result.</summary>
    private static EditedBundle WithSeedsOf(string round, Func<EditedBundle, EditedBundle>? edit = null,
        Func<EditedBundle, EditedBundle>? select = null)
    {
        var seeds = InferenceRoundCatalog.Find(round)!.Rules.Seeds;
        var values = new[] { seeds.QslRngSeed, seeds.SampleIndexRngSeed, seeds.ScheduleRngSeed };
        var bundle = (select ?? (b => b))(Corpus.OpenV51());
        foreach (var log in bundle.Entries.Select(e => e.Path)
            .Where(p => p.EndsWith("/performance/run_1/mlperf_log_detail.txt", StringComparison.Ordinal)
            && !p.Contains("/compliance/", StringComparison.Ordinal)).ToList())
        {
            for (var i = 0; i < SeedKeys.Length; i++)
            {
                bundle.SetLogValue(log, SeedKeys[i], values[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return (edit ?? (b => b))(bundle);
    }

    /// <summary>
    /// Azure's llama2-70b-99 results as a v6.1 llama2-70b-99.9 submission (v6.1 dropped the -99 variant): v6.1 seeds,
    /// merged layout, the other submitters and Azure's llama3.1-405b (also dropped in v6.1) left out.
    /// </summary>
    private static RenamedBundle AzureAsV61(Func<EditedBundle, EditedBundle>? edit = null)
        => new(new MergedLayoutBundle(WithSeedsOf("v6.1", edit)), "llama2-70b-99", "llama2-70b-99.9",
            "closed/AMD/", "closed/NVIDIA/", "closed/Azure/results/ND_GB200_v6/llama3.1-405b/", "closed/Azure/src/llama3.1-405b/");

    [Fact]
    public void Audit_OfAzureLaidOutAsV61_DetectsV61_AndJudgesBothResultsValid()
    {
        using var bundle = AzureAsV61();
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v6.1", report.Rules.Round);
        Assert.Equal(2, report.Summary.Valid);
        Assert.Equal(0, report.Summary.Invalid);
        var offline = Corpus.Result(report, Offline);
        Assert.Equal(52061.6, offline.Metric!.Value);
        Assert.Equal("Tokens/s", offline.Metric.Unit);
        Assert.Equal("llama2-70b-99.9", offline.Benchmark);
        Assert.Equal(Verdict.Valid, Corpus.Result(report, Server).Verdict);
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Findings), f => f.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("v5.1", "INF-ES-001", Severity.Warning, Verdict.Valid)]
    [InlineData("v6.1", "INF-ES-101", Severity.Error, Verdict.Invalid)]
    public void Audit_WhenEarlyStoppingIsNotMet_IsAnErrorFromV61Only(string round, string code, Severity severity, Verdict verdict)
    {
        const string log = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server/performance/run_1/mlperf_log_detail.txt";
        using var bundle = round == "v6.1"
            ? (IBundle)AzureAsV61(b => b.SetLogValue(log, "early_stopping_met", "false")) : WithSeedsOf(round,
            b => b.SetLogValue(log, "early_stopping_met", "false"));
        var report = Corpus.Audit(bundle, round);
        var result = Corpus.Result(report, round == "v6.1" ? Server : "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server");
        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(severity, Assert.Single(result.Findings, f => f.Code == code).Severity);
    }

    [Theory]
    [InlineData(24575, "INF-ACC-011")]
    [InlineData(24576, null)]
    [InlineData(24577, "INF-ACC-011")]
    public void Audit_InV61_WhenTheAccuracyRunMissesItsSampleCount_IsAnError(long covered, string? code)
    {
        const string log = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline/accuracy/mlperf_log_detail.txt";
        using var bundle = AzureAsV61(b => b.SetLogValue(log, "qsl_reported_total_count", covered.ToString(CultureInfo.InvariantCulture)));
        var result = Corpus.Result(Corpus.Audit(bundle, "v6.1"), Offline);
        Assert.Equal(code is null ? Verdict.Valid : Verdict.Invalid, result.Verdict);
        Assert.Equal(code is null ? 0 : 1, result.Findings.Count(f => f.Code == "INF-ACC-011"));
    }

    [Fact]
    public void Audit_OfAzureReseededAsV50_JudgesLlama2And405bValidUnderV50Rules()
    {
        using var bundle = WithSeedsOf("v5.0", select: b => b.RemoveFolder("closed/AMD").RemoveFolder("closed/NVIDIA"));
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v5.0", report.Rules.Round);
        Assert.Equal(4, report.Summary.Valid);
        Assert.Equal(0, report.Summary.Invalid);
        Assert.Equal(52061.6, Corpus.Result(report, $"{Corpus.Azure}/llama2-70b-99/Offline").Metric!.Value);
    }

    [Theory]
    [InlineData("closed", true)]
    [InlineData("open", false)]
    public void EqualIssue_InV50_IsRequiredInClosedAndNetworkOnly(string division, bool flagged)
    {
        using var bundle = WithSeedsOf("v5.0",
            b => b.SetLogValue($"{Corpus.Azure}/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt",
            "effective_sample_concatenate_permutation", "false"));
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == $"{Corpus.Azure}/llama2-70b-99/Offline") with { Division = division };
        var round = InferenceRoundCatalog.Find("v5.0")!.Rules;
        var context = new ResultContext(location, round, round.FindBenchmark("llama2-70b-99")!, new BundleIndex(bundle), BundleLimits.Default, null);
        PerformanceRules.Check(context, context.ReadDetailLog(location.Folder + "/performance/run_1/mlperf_log_detail.txt")!);
        Assert.Equal(flagged, context.Findings.Any(f => f.Code == FindingCatalog.InfEqualIssue.Code));
    }

    [Theory]
    [InlineData(null, 599_999L, true)]
    [InlineData(null, 600_000L, false)]
    [InlineData(0L, 1_000L, false)]
    public void MinDuration_UsesTheBenchmarksOwnMinimumWhenItHasOne(long? benchmarkMinimum, long configured, bool flagged)
    {
        var log = $"{Corpus.Azure}/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt";
        using var bundle = Corpus.OpenV51().SetLogValue(log, "effective_min_duration_ms", configured.ToString(CultureInfo.InvariantCulture));
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == $"{Corpus.Azure}/llama2-70b-99/Offline");
        var round = InferenceRoundCatalog.Find("v5.1")!.Rules;
        var rules = round.FindBenchmark("llama2-70b-99")! with { MinDurationMs = benchmarkMinimum };
        var context = new ResultContext(location, round, rules, new BundleIndex(bundle), BundleLimits.Default, null);
        PerformanceRules.Check(context, context.ReadDetailLog(log)!);
        Assert.Equal(flagged, context.Findings.Any(f => f.Code == FindingCatalog.InfMinDurationTooShort.Code));
    }

    [Fact]
    public void Headline_UsesTheBenchmarksPublishedUnitWhenItHasOne()
    {
        var log = $"{Corpus.Azure}/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt";
        using var bundle = Corpus.OpenV51();
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == $"{Corpus.Azure}/llama2-70b-99/Offline");
        var round = InferenceRoundCatalog.Find("v5.1")!.Rules;
        var rules = round.FindBenchmark("llama2-70b-99")! with { Units = new Dictionary<string, string> { ["Offline"] = "Tasks/s" } };
        var context = new ResultContext(location, round, rules, new BundleIndex(bundle), BundleLimits.Default, null);
        var metric = PerformanceRules.Check(context, context.ReadDetailLog(log)!);
        Assert.Equal("Tasks/s", metric!.Unit);
        Assert.Equal(52061.6, metric.Value);
    }
}
