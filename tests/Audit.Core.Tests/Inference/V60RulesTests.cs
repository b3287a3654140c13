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
/// The v6.0 rule data (every benchmark of the official v6.0 configuration) and the places where v6.0 differs from
/// v5.1, judged on the real v5.1 corpus re-arranged in memory into the v6.0 merged layout with v6.0's seeds.
/// </summary>
public sealed class V60RulesTests
{
    private const string Offline = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline";
    private const string Server = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server";
    private static readonly string[] SeedKeys = ["effective_qsl_rng_seed", "effective_sample_index_rng_seed", "effective_schedule_rng_seed"];

    private static InferenceRound V60 => InferenceRoundCatalog.Find("v6.0")!.Rules;

    /// <summary>The corpus with v6.0's seeds in every performance log (split paths; edits use them), before re-arranging.</summary>
    private static EditedBundle CorpusWithV60Seeds(Func<EditedBundle, EditedBundle>? edit = null)
    {
        var seeds = V60.Seeds;
        var values = new[] { seeds.QslRngSeed, seeds.SampleIndexRngSeed, seeds.ScheduleRngSeed };
        var bundle = (edit ?? (b => b))(Corpus.OpenV51());
        foreach (var log in bundle.Entries.Select(e => e.Path)
            .Where(p => p.EndsWith("/performance/run_1/mlperf_log_detail.txt", StringComparison.Ordinal)).ToList())
        {
            for (var i = 0; i < SeedKeys.Length; i++)
            {
                bundle.SetLogValue(log, SeedKeys[i], values[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return bundle;
    }

    private static AuditReport AuditV60(Func<EditedBundle, EditedBundle>? edit = null, string round = "v6.0")
    {
        // Edits first (a removed folder must not keep an edited log), then the seeds of the logs that remain.
        using var bundle = new MergedLayoutBundle(CorpusWithV60Seeds(edit));
        return Corpus.Audit(bundle, round);
    }

    /// <summary>Adds an MLLOG record after the first record with <paramref name="afterKey"/>, copying its form.</summary>
    private static EditedBundle AddRecord(
        EditedBundle bundle, string path, string afterKey, string key, string jsonValue) => bundle.Edit(path, text =>
    {
        var line = text.Split('\n').First(l => l.Contains($"\"key\": \"{afterKey}\"", StringComparison.Ordinal));
        var copy = Regex.Replace(line, "\"key\": \"[^\"]+\", \"value\": (\"[^\"]*\"|[^,]+)", $"\"key\": \"{key}\", \"value\": {jsonValue}");
        return text.Replace(line, line + "\n" + copy, StringComparison.Ordinal);
    });

    // ---- The data ------------------------------------------------------------------------------

    [Theory]
    [InlineData("resnet", 1024, 50000, 24576, "TEST01,TEST04")]
    [InlineData("retinanet", 64, 24781, 24576, "TEST01")]
    [InlineData("bert-99", 10833, 10833, 10833, "TEST01")]
    [InlineData("bert-99.9", 10833, 10833, 10833, "TEST01")]
    [InlineData("3d-unet-99", 43, 43, 43, "TEST01")]
    [InlineData("3d-unet-99.9", 43, 43, 43, "TEST01")]
    [InlineData("stable-diffusion-xl", 5000, 5000, 5000, "TEST01,TEST04")]
    [InlineData("rgat", 788379, 788379, 788379, "TEST01")]
    [InlineData("pointpainting", 1024, 39987, 6636, "TEST01,TEST04")]
    [InlineData("whisper", 1633, 1633, 1633, "TEST01")]
    [InlineData("yolo-95", 64, 1525, 1525, "TEST01")]
    [InlineData("yolo-99", 64, 1525, 1525, "TEST01")]
    [InlineData("wan-2.2-t2v-a14b", 50, 248, 50, "TEST04")]
    [InlineData("qwen3-vl-235b-a22b", 48289, 48289, 48289, "")]
    [InlineData("dlrm-v3", 349823, 349823, 349823, "TEST08")]
    [InlineData("gpt-oss-120b", 6396, 4395, 6396, "TEST07,TEST09")]
    public void V60_RestatesEachBenchmarksSampleCountsAndComplianceTests(string name, long performance, long accuracy, long offlinePerQuery,
        string tests)
    {
        var benchmark = Assert.IsType<BenchmarkRules>(V60.FindBenchmark(name));
        Assert.Equal(performance, benchmark.PerformanceSampleCount);
        Assert.All(benchmark.Headline.Keys, scenario => Assert.Equal(accuracy, benchmark.AccuracySamplesFor(scenario)));
        Assert.Equal(offlinePerQuery, benchmark.OfflineMinSamplesPerQuery);
        Assert.Equal(tests.Length == 0 ? [] : tests.Split(','), benchmark.Compliance);
        Assert.All(benchmark.Accuracy.Select(a => a.Metric), m => Assert.True(V60.MetricPatterns.ContainsKey(m), m));
    }

    [Fact]
    public void V60_AuditsEveryOfficialModel_NoEqualIssue_AndDropsDlrmV2()
    {
        var round = V60;
        Assert.Empty(round.OtherOfficialBenchmarks);
        Assert.All(round.Benchmarks, b => Assert.False(b.EqualIssue, b.Name));
        Assert.Null(round.FindBenchmark("dlrm-v2-99"));
        Assert.Equal("resnet", round.FindBenchmark("resnet50")!.Name);
        Assert.True(round.AccuracySampleCountRequired);
        Assert.True(round.OpenDivisionLeniencyCoversTargetsOnly);
        Assert.True(round.Files.UnexpectedFilesAllowed);
        Assert.True(round.ScenarioSetPerResult && round.IsStrict(InferenceRound.StrictEarlyStopping) && round.OfflineSamplesPerQueryClosedOnly);
        var v51 = InferenceRoundCatalog.Find("v5.1")!.Rules;
        Assert.False(v51.AccuracySampleCountRequired || v51.OpenDivisionLeniencyCoversTargetsOnly || v51.Files.UnexpectedFilesAllowed
            || v51.ScenarioSetPerResult || v51.IsStrict(InferenceRound.StrictEarlyStopping) || v51.OfflineSamplesPerQueryClosedOnly);
    }

    [Fact]
    public void V60_ScenariosPerSystemType_FollowTheOfficialConfiguration()
    {
        var round = V60;
        Assert.Null(round.FindBenchmark("resnet")!.Scenarios.Datacenter);
        Assert.Equal(["SingleStream", "MultiStream", "Offline", "Server"], round.FindBenchmark("resnet")!.Scenarios.DatacenterEdge!.Required);
        Assert.Null(round.FindBenchmark("retinanet")!.Scenarios.Edge);
        Assert.Equal(["Offline", "SingleStream"], round.FindBenchmark("wan-2.2-t2v-a14b")!.Scenarios.Datacenter!.Required);
        var qwen = round.FindBenchmark("qwen3-vl-235b-a22b")!;
        Assert.False(qwen.Llm);
        Assert.Equal(["Server", "Offline"], qwen.Scenarios.Datacenter!.Required);
        Assert.Equal(["Server", "Interactive"], qwen.Scenarios.DatacenterEdge!.OneOf);
        Assert.Equal("result_tokens_per_second", round.FindBenchmark("whisper")!.Headline["Offline"]);
        Assert.Equal("s", round.FindBenchmark("wan-2.2-t2v-a14b")!.LatencyUnit);
        Assert.Equal(["130", "106", "84", "59", "12", "31", "86", "122", "233", "96"],
            round.FindBenchmark("wan-2.2-t2v-a14b")!.ExtraAccuracyFiles["videos"]);
    }

    [Theory]
    [InlineData("DLRM_NE", "metric/lifetime_ne/rating: 0.8661", 0.8661)]
    [InlineData("DLRM_ACC", "metric/lifetime_accuracy/rating: 0.6963", 0.6963)]
    [InlineData("DLRM_AUC", "metric/lifetime_gauc/rating: 0.7861", 0.7861)]
    [InlineData("vbench_score", "{'vbench_score': 70.9}", 70.9)]
    [InlineData("F1_HIERARCHICAL", "{\"precision\": 0.81, \"f1\": 0.7911, \"recall\": 0.77}", 0.7911)]
    public void V60_NewMetricPatterns_ReadTheValue(string metric, string line, double expected)
    {
        var match = new Regex(V60.MetricPatterns[metric], RegexOptions.CultureInvariant).Match(line);
        Assert.True(match.Success);
        Assert.Equal(expected, double.Parse(match.Groups["v"].Value, CultureInfo.InvariantCulture));
    }

    // ---- On real files ---------------------------------------------------------------------------

    [Fact]
    public void Audit_CorpusInV60Layout_IsValid_AndReadsCodeFromTheSubmittersSrc()
    {
        var report = AuditV60();
        Assert.Equal("v6.0", report.Rules.Round);
        Assert.Equal(14, report.Summary.Valid);

        // v6.0 asks for the submitter's src/ folder, not one folder per benchmark.
        var withoutOneBenchmark = Corpus.Result(AuditV60(b => b.RemoveFolder("closed/Azure/code/llama2-70b-99")), Server);
        Assert.Equal(Verdict.Valid, withoutOneBenchmark.Verdict);
        var withoutSrc = Corpus.Result(AuditV60(b => b.RemoveFolder("closed/Azure/code")), Server);
        Assert.Equal(Verdict.Invalid, withoutSrc.Verdict);
        Assert.Contains(withoutSrc.Findings, f => f.Code == FindingCatalog.InfCodeMissing.Code && f.File == "closed/Azure/src");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Audit_V60_AccuracySampleCount_MustEqualTheDatasetSize(int offset)
    {
        var expected = V60.FindBenchmark("llama2-70b-99")!.DatasetSize;
        var count = (expected + offset).ToString(CultureInfo.InvariantCulture);
        var result = Corpus.Result(AuditV60(b => b.SetLogValue(Offline + "/accuracy/mlperf_log_detail.txt", "qsl_reported_total_count", count)),
            Offline);
        var flagged = result.Findings.Where(f => f.Code == FindingCatalog.InfAccuracySampleCount.Code).ToList();
        Assert.Equal(offset != 0, flagged.Count == 1);
        Assert.Equal(offset == 0 ? Verdict.Valid : Verdict.Invalid, result.Verdict);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Audit_V60_EffectiveAccuracySampleCount_WinsOverTheQslTotal(int offset)
    {
        var expected = V60.FindBenchmark("llama2-70b-99")!.DatasetSize;
        var log = Offline + "/accuracy/mlperf_log_detail.txt";
        var result = Corpus.Result(AuditV60(b => AddRecord(b.SetLogValue(log, "qsl_reported_total_count", "1"), log,
            "qsl_reported_total_count", "effective_accuracy_sample_count", (expected + offset).ToString(CultureInfo.InvariantCulture))), Offline);
        Assert.Equal(offset == 0 ? Verdict.Valid : Verdict.Invalid, result.Verdict);
        Assert.Equal(offset != 0, result.Findings.Any(f => f.Code == FindingCatalog.InfAccuracySampleCount.Code));
    }

    [Fact]
    public void Audit_V51_AccuracySampleCountShortfall_StaysAWarning()
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Offline + "/accuracy/mlperf_log_detail.txt", "qsl_reported_total_count", "100");
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);
        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == FindingCatalog.InfAccuracyDatasetSize.Code && f.Severity == Severity.Warning);
    }

    [Fact]
    public void Audit_AnExtraFileInAccuracy_IsAWarningInV60_AndAnErrorInV51()
    {
        const string extra = Offline + "/accuracy/metadata.json";
        var v60 = Corpus.Result(AuditV60(b => b.Replace(extra, "{}")), Offline);
        Assert.Equal(Verdict.Valid, v60.Verdict);
        Assert.Contains(v60.Findings, f => f.Code == FindingCatalog.InfUnexpectedFileTolerated.Code && f.File == extra);

        using var bundle = Corpus.OpenV51().Replace(extra, "{}");
        var v51 = Corpus.Result(Corpus.Audit(bundle), Offline);
        Assert.Equal(Verdict.Invalid, v51.Verdict);
        Assert.Contains(v51.Findings, f => f.Code == FindingCatalog.InfUnexpectedFile.Code && f.File == extra);
    }

    [Fact]
    public void AccuracyRules_SplitTargetsFromTheRun_AndTheRunReportsMissingVideos()
    {
        using var bundle = new MergedLayoutBundle(CorpusWithV60Seeds());
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Offline);
        var benchmark = V60.FindBenchmark("llama2-70b-99")! with { ExtraAccuracyFiles = V60.FindBenchmark("wan-2.2-t2v-a14b")!.ExtraAccuracyFiles };
        var context = new ResultContext(location, V60, benchmark, new BundleIndex(bundle), BundleLimits.Default, null);
        Assert.StartsWith("ROUGE1: ", AccuracyRules.CheckTargets(context), StringComparison.Ordinal);
        Assert.Empty(context.Findings);
        AccuracyRules.CheckRun(context);
        var missing = Assert.Single(context.Findings, f => f.Code == FindingCatalog.InfAccuracyExtraFiles.Code);
        Assert.Equal(Severity.Error, missing.Severity);
        Assert.Contains("130.mp4", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v6.0", "INF-ES-101", Verdict.Invalid)]
    [InlineData("v5.1", "INF-ES-001", Verdict.Valid)]
    public void Audit_WhenEarlyStoppingIsNotMet_V60Rejects_V51Warns(string round, string code, Verdict verdict)
    {
        const string log = Server + "/performance/run_1/mlperf_log_detail.txt";
        var result = round == "v6.0"
            ? Corpus.Result(AuditV60(b => b.SetLogValue(log, "early_stopping_met", "false")), Server)
            : Corpus.Result(Corpus.Audit(Corpus.OpenV51().SetLogValue(log, "early_stopping_met", "false")), Server);
        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == code);
    }

    [Theory]
    [InlineData("closed", -1, true)]
    [InlineData("closed", 0, false)]
    [InlineData("closed", 1, false)]
    [InlineData("open", -1, false)]
    public void PerformanceRules_V60_OfflineSamplesPerQuery_BindsTheClosedDivisionOnly(string division, int offset, bool flagged)
    {
        const string log = Offline + "/performance/run_1/mlperf_log_detail.txt";
        var minimum = V60.FindBenchmark("llama2-70b-99")!.OfflineMinSamplesPerQuery;
        using var bundle = new MergedLayoutBundle(
            CorpusWithV60Seeds(b => b.SetLogValue(log, "effective_samples_per_query", (minimum + offset).ToString(CultureInfo.InvariantCulture))));
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Offline) with { Division = division };
        var context = new ResultContext(location, V60, V60.FindBenchmark("llama2-70b-99")!, new BundleIndex(bundle), BundleLimits.Default, null);
        PerformanceRules.Check(context, context.ReadDetailLog(log)!);
        Assert.Equal(flagged, context.Findings.Any(f => f.Code == FindingCatalog.InfOfflineSamplesPerQuery.Code));
    }

    [Theory]
    [InlineData("Offline", Server)]
    [InlineData("Server", Offline)]
    public void Audit_V60_WhenAScenarioFolderOfTheSetIsMissing_RejectsTheOtherResults(string removed, string judged)
    {
        var folder = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/" + removed;
        var v60 = Corpus.Result(
            AuditV60(b => b.RemoveFolder(folder).RemoveFolder(folder.Replace("/results/", "/compliance/", StringComparison.Ordinal))
            .RemoveFolder(folder.Replace("/results/", "/measurements/", StringComparison.Ordinal))), judged);
        Assert.Equal(Verdict.Invalid, v60.Verdict);
        Assert.Contains(v60.Findings, f => f.Code == FindingCatalog.InfScenarioFolderSet.Code);

        // v5.1 reports the gap once for the benchmark and leaves the result valid.
        using var bundle = Corpus.OpenV51().RemoveFolder(folder);
        var report = Corpus.Audit(bundle);
        Assert.Equal(Verdict.Valid, Corpus.Result(report, judged).Verdict);
        Assert.Contains(report.Findings, f => f.Code is "INF-SCN-002" or "INF-SCN-003");
    }

    [Fact]
    public void Audit_V60_WhenTheSetHoldsAScenarioTheRoundDoesNotOffer_RejectsEveryResult()
    {
        var extra = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/SingleStream/performance/run_1/mlperf_log_summary.txt";
        var report = AuditV60(b => b.Replace(extra, "x\n"));
        Assert.All(new[] { Offline, Server }, id =>
        {
            var result = Corpus.Result(report, id);
            Assert.Equal(Verdict.Invalid, result.Verdict);
            Assert.Contains(result.Findings, f => f.Code == FindingCatalog.InfScenarioFolderSet.Code
                && f.Message.Contains("SingleStream", StringComparison.Ordinal));
        });
        Assert.Equal(14, AuditV60().Results.Count(r => !r.Findings.Any(f => f.Code == FindingCatalog.InfScenarioFolderSet.Code)));
    }

    [Theory]
    [InlineData("s", 20897894239d, 20.897894239000003, "Latency (s)")]
    [InlineData("ms", 20897894239d, 20897.894239, "Latency (ms)")]
    public void PerformanceRules_SingleStreamHeadline_IsInTheBenchmarksLatencyUnit(string unit, double ns, double expected, string expectedUnit)
    {
        var log = Server + "/performance/run_1/mlperf_log_detail.txt";
        using var edited = CorpusWithV60Seeds().SetLogValue(log, "effective_scenario", "\"SingleStream\"");
        AddRecord(edited, log, "early_stopping_met", "early_stopping_latency_ss", ns.ToString("R", CultureInfo.InvariantCulture));
        using var bundle = new MergedLayoutBundle(edited);
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Server) with { Scenario = Scenarios.SingleStream };
        var benchmark = V60.FindBenchmark("wan-2.2-t2v-a14b")! with { LatencyUnit = unit };
        var context = new ResultContext(location, V60, benchmark, new BundleIndex(bundle), BundleLimits.Default, null);
        var metric = PerformanceRules.Check(context, context.ReadDetailLog(log)!);
        Assert.Equal("early_stopping_latency_ss", metric!.Name);
        Assert.Equal(expected, metric.Value);
        Assert.Equal(expectedUnit, metric.Unit);
    }

    [Theory]
    [InlineData("performance/run_1/mlperf_log_summary.txt", "INF-FILE-005", Verdict.Valid)]
    [InlineData("accuracy/mlperf_log_summary.txt", "INF-FILE-005", Verdict.Valid)]
    [InlineData("accuracy/mlperf_log_accuracy.json", "INF-FILE-005", Verdict.Valid)]
    public void Audit_WhenARequiredFileIsEmpty_OnlyWarnsForTheFilesTheModularCheckerNeverReads(string file, string code, Verdict verdict)
    {
        // Measured with the modular v6.0 checker (differential run): an emptied accuracy summary or truncated accuracy log keeps
        // the result valid; it never opens the summary logs and only needs the accuracy log to exist.
        var result = Corpus.Result(AuditV60(b => b.Replace($"{Offline}/{file}", string.Empty)), Offline);
        Assert.Contains(result.Findings, f => f.Code == code);
        Assert.Equal(verdict, result.Verdict);
    }

    [Fact]
    public void Audit_WhenEarlyStoppingMetIsMissingFromAServerLog_RejectsTheResultWithInfEs101()
    {
        // Measured with the modular v6.0 checker (differential run): it reads the missing key as "not met" and rejects.
        var log = $"{Server}/performance/run_1/mlperf_log_detail.txt";
        var result = Corpus.Result(AuditV60(b => b.Edit(log, text => string.Join('\n',
            text.Split('\n').Where(l => !l.Contains("\"key\": \"early_stopping_met\"", StringComparison.Ordinal))))), Server);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        var finding = Assert.Single(result.Findings, f => f.Code == "INF-ES-101");
        Assert.Contains("early_stopping_met is not in the log", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Corpus.Result(AuditV60(), Server).Findings, f => f.Code == "INF-ES-101");
    }
}
