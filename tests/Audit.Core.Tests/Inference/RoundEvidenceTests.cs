using System.Globalization;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// Without --round every result's own evidence (seeds, LoadGen release, benchmark, layout) is weighed: a result that names
/// another round is judged by that round's rules and reported, never skipped (real v5.1 corpus results, edited in memory).
/// </summary>
public sealed class RoundEvidenceTests
{
    private const string AzureOffline = Corpus.Azure + "/llama2-70b-99/Offline";

    /// <summary>The corpus with the Azure llama2-70b-99 Offline run's seeds set to <paramref name="round"/>'s.</summary>
    private static EditedBundle OneResultWithSeedsOf(string round)
    {
        var seeds = InferenceRoundCatalog.Find(round)!.Rules.Seeds;
        var bundle = Corpus.OpenV51();
        var log = $"{AzureOffline}/performance/run_1/mlperf_log_detail.txt";
        bundle.SetLogValue(log, "effective_qsl_rng_seed", seeds.QslRngSeed.ToString(CultureInfo.InvariantCulture));
        bundle.SetLogValue(log, "effective_sample_index_rng_seed", seeds.SampleIndexRngSeed.ToString(CultureInfo.InvariantCulture));
        bundle.SetLogValue(log, "effective_schedule_rng_seed", seeds.ScheduleRngSeed.ToString(CultureInfo.InvariantCulture));
        return bundle;
    }

    [Fact]
    public void Audit_WithoutRound_WhenAllEvidenceAgrees_ReportsNoConflict()
    {
        using var bundle = Corpus.OpenV51();
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v5.1", report.Rules.Round);
        Assert.DoesNotContain(report.Findings, f => f.Code is "INF-RND-004" or "INF-RND-005");
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Findings), f => f.Code is "INF-RND-004" or "INF-RND-005");
        Assert.Equal(14, report.Summary.Valid);
    }

    [Fact]
    public void Audit_WithoutRound_WhenOneResultCarriesV50Seeds_JudgesItByV50AndSaysWhy()
    {
        using var bundle = OneResultWithSeedsOf("v5.0");
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v5.1", report.Rules.Round);
        var moved = Assert.Single(report.Findings, f => f.Code == "INF-RND-005");
        Assert.Equal(Severity.Warning, moved.Severity);
        Assert.Contains($"{AzureOffline} by v5.0 (its detail log records v5.0's RNG seeds)", moved.Message, StringComparison.Ordinal);
        var result = Corpus.Result(report, AzureOffline);
        // Its seeds are v5.0's, so v5.0's seed rule passes; the LoadGen release it ran (5.1.0) is the disagreeing evidence.
        Assert.DoesNotContain(result.Findings, f => f.Code == "INF-SEED-001");
        var conflict = Assert.Single(result.Findings, f => f.Code == "INF-RND-004");
        Assert.Contains("it ran LoadGen 5.1, released after v5.0", conflict.Message, StringComparison.Ordinal);
        Assert.All(report.Results.Where(r => r.Id != AzureOffline), r => Assert.DoesNotContain(r.Findings, f => f.Code == "INF-RND-004"));
    }

    [Fact]
    public void Audit_WithRound_WhenOneResultCarriesV50Seeds_JudgesEveryResultByTheGivenRound()
    {
        using var bundle = OneResultWithSeedsOf("v5.0");
        var report = Corpus.Audit(bundle, round: "v5.1");
        Assert.DoesNotContain(report.Findings, f => f.Code is "INF-RND-004" or "INF-RND-005");
        Assert.Contains(Corpus.Result(report, AzureOffline).Findings, f => f.Code == "INF-SEED-001");
        Assert.Equal(13, report.Summary.Valid);
    }

    [Fact]
    public void Audit_WithoutRound_WhenTheBenchmarkExistsOnlyInAnotherRound_JudgesItThereInsteadOfSkippingIt()
    {
        // llama2-70b-interactive-99 is a benchmark of v5.0 only; the AMD results keep their v5.1 seeds.
        using var bundle = new RenamedBundle(Corpus.OpenV51(), "llama2-70b-99", "llama2-70b-interactive-99", "closed/Azure", "closed/NVIDIA");
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v5.1", report.Rules.Round);
        var amd = report.Results.Where(r => r.Benchmark == "llama2-70b-interactive-99").ToList();
        Assert.Equal(3, amd.Count);
        Assert.All(amd, r =>
        {
            Assert.Equal("llama2-70b-interactive-99", r.RulesBenchmark);
            Assert.DoesNotContain(r.Findings, f => f.Code == "INF-LAY-001");
            Assert.Contains("v5.1's RNG seeds", Assert.Single(r.Findings, f => f.Code == "INF-RND-004").Message, StringComparison.Ordinal);
            Assert.Contains(r.Findings, f => f.Code == "INF-SEED-001");
        });
        Assert.Contains("llama2-70b-interactive-99 is a benchmark of v5.0 only, not of v5.1",
            Assert.Single(report.Findings, f => f.Code == "INF-RND-005").Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WithoutRound_WhenASubmittersResultsAreOfV60InAV51Bundle_JudgesItsHygieneByV60()
    {
        // AMD's three results re-laid out (merged) with v6.0's seeds: judged by v6.0, whose checker does not check hygiene.
        var v60 = InferenceRoundCatalog.Find("v6.0")!.Rules.Seeds;
        var edited = Corpus.OpenV51();
        foreach (var scenario in new[] { "Interactive", "Offline", "Server" })
        {
            var log = $"closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/{scenario}/performance/run_1/mlperf_log_detail.txt";
            edited.SetLogValue(log, "effective_qsl_rng_seed", v60.QslRngSeed.ToString(CultureInfo.InvariantCulture));
            edited.SetLogValue(log, "effective_sample_index_rng_seed", v60.SampleIndexRngSeed.ToString(CultureInfo.InvariantCulture));
            edited.SetLogValue(log, "effective_schedule_rng_seed", v60.ScheduleRngSeed.ToString(CultureInfo.InvariantCulture));
        }

        edited.Replace("closed/AMD/code/a b.txt", "x").Replace("closed/Azure/code/a b.txt", "x");
        using var bundle = new MergedLayoutBundle(edited, onlyUnder: "closed/AMD/");
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v5.1", report.Rules.Round);
        var amd = report.Results.Where(r => r.Submitter == "AMD").ToList();
        Assert.Equal(3, amd.Count);
        Assert.All(amd, r => Assert.DoesNotContain(r.Findings, f => f.Code == "INF-SUB-005"));
        Assert.Contains("closed/AMD/src/a b.txt", Assert.Single(report.Findings, f => f.Code == "INF-SUB-008").Message, StringComparison.Ordinal);
        var azure = report.Results.Where(r => r.Submitter == "Azure").ToList();
        Assert.Equal(4, azure.Count);
        Assert.All(azure, r =>
        {
            Assert.Equal(Verdict.Invalid, r.Verdict);
            Assert.Contains("closed/Azure/code/a b.txt", Assert.Single(r.Findings, f => f.Code == "INF-SUB-005").Message, StringComparison.Ordinal);
        });
        Assert.All(report.Results.Where(r => r.Submitter == "NVIDIA"),
            r => Assert.DoesNotContain(r.Findings, f => f.Code.StartsWith("INF-SUB-", StringComparison.Ordinal)));
    }

    [Fact]
    public void ResultHeadRead_OfARealDetailLog_GivesItsSeedsAndLoadGenRelease()
    {
        using var bundle = Corpus.OpenV51();
        var result = Assert.Single(ResultLocator.Locate(bundle), r => r.Folder == AzureOffline);
        var head = ResultHead.Read(bundle, new BundleIndex(bundle).File, result);
        Assert.Equal(InferenceRoundCatalog.Find("v5.1")!.Rules.Seeds, head.Seeds);
        Assert.False(head.FromEndpointsConfig);
        Assert.Equal("5.1", head.LoadGen);
    }
}
