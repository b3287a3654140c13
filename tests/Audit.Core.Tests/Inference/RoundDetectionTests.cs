using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>Without --round the round is detected from the detail logs' effective RNG seeds (spec §4.4); --round overrides it.</summary>
public sealed class RoundDetectionTests
{
    private static readonly string[] SeedKeys = ["effective_qsl_rng_seed", "effective_sample_index_rng_seed", "effective_schedule_rng_seed"];

    /// <summary>The corpus with every performance detail log's effective seeds set to <paramref name="round"/>'s.</summary>
    private static EditedBundle WithSeedsOf(string round)
    {
        var seeds = InferenceRoundCatalog.Find(round)!.Rules.Seeds;
        var values = new[] { seeds.QslRngSeed, seeds.SampleIndexRngSeed, seeds.ScheduleRngSeed };
        var bundle = Corpus.OpenV51();
        foreach (var log in bundle.Entries.Select(e => e.Path)
            .Where(p => p.EndsWith("/performance/run_1/mlperf_log_detail.txt", StringComparison.Ordinal)
            && !p.Contains("/compliance/", StringComparison.Ordinal)).ToList())
        {
            for (var i = 0; i < SeedKeys.Length; i++)
            {
                bundle.SetLogValue(log, SeedKeys[i], values[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return bundle;
    }

    [Fact]
    public void Audit_WithoutRound_DetectsV51FromTheCorpusSeeds_AndSaysWhy()
    {
        using var bundle = Corpus.OpenV51();
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v5.1", report.Rules.Round);
        var finding = Assert.Single(report.Findings, f => f.Code == "INF-RND-003");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("detected v5.1", finding.Message, StringComparison.Ordinal);
        Assert.Contains("14771362308971278857", finding.Message, StringComparison.Ordinal);
        Assert.Equal(14, report.Summary.Valid);
    }

    [Fact]
    public void Audit_WithoutRound_DetectsV60WhenTheLogsCarryV60Seeds()
    {
        using var bundle = WithSeedsOf("v6.0");
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v6.0", report.Rules.Round);
        Assert.Contains("detected v6.0", Assert.Single(report.Findings, f => f.Code == "INF-RND-003").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OfAV60LikeBundle_DetectsV60_AndJudgesTheMergedLayoutWithV60Rules()
    {
        // The corpus's LLM results meet v6.0's rules too (same limits, targets and TEST06); only seeds and layout differ.
        using var bundle = new MergedLayoutBundle(WithSeedsOf("v6.0"));
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v6.0", report.Rules.Round);
        Assert.Equal(14, report.Summary.Valid);
        Assert.Equal(0, report.Summary.Invalid);
        Assert.Equal(52061.6, Corpus.Result(report, $"{Corpus.Azure}/llama2-70b-99/Offline").Metric!.Value);
        Assert.Equal(8840.42, Corpus.Result(report, "closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/Interactive").Metric!.Value);
    }

    [Fact]
    public void Audit_WithRound_OverridesDetection()
    {
        using var bundle = WithSeedsOf("v6.0");
        var report = Corpus.Audit(bundle, round: "v5.1");
        Assert.Equal("v5.1", report.Rules.Round);
        Assert.DoesNotContain(report.Findings, f => f.Code == "INF-RND-003");
        // The v6.0 seeds are wrong for v5.1: every result fails its seed check.
        Assert.Equal(14, report.Summary.Invalid);
    }

    [Fact]
    public void Detect_WhenNoLogCarriesKnownSeeds_FallsBackToV51AndSaysSo()
    {
        using var bundle = Corpus.OpenV51();
        foreach (var log in bundle.Entries.Select(e => e.Path)
            .Where(p => p.EndsWith("/performance/run_1/mlperf_log_detail.txt", StringComparison.Ordinal)).ToList())
        {
            bundle.SetLogValue(log, "effective_qsl_rng_seed", "12345");
        }

        var detection = RoundDetector.Detect(bundle, ResultLocator.Locate(bundle));
        Assert.False(detection.Detected);
        Assert.Equal("v5.1", detection.Round);
        Assert.Contains("12345", detection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v5.0")]
    [InlineData("v6.1")]
    public void Detect_NamesTheRoundWhoseSeedsTheLogsCarry(string round)
    {
        using var bundle = WithSeedsOf(round);
        var detection = RoundDetector.Detect(bundle, ResultLocator.Locate(bundle));
        Assert.True(detection.Detected);
        Assert.Equal(round, detection.Round);
    }
}
