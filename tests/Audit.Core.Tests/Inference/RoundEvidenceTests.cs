using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Round;
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
    public void ReadHead_OfARealDetailLog_GivesItsSeedsAndLoadGenRelease()
    {
        using var bundle = Corpus.OpenV51();
        var entry = bundle.Entries.First(e => e.Path == $"{AzureOffline}/performance/run_1/mlperf_log_detail.txt");
        var (seeds, loadGen) = RoundEvidence.ReadHead(bundle, entry);
        Assert.Equal(InferenceRoundCatalog.Find("v5.1")!.Rules.Seeds, seeds);
        Assert.Equal("5.1", loadGen);
    }
}
