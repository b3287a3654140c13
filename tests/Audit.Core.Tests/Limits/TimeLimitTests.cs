using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Core.Tests.Sweeps;
using MlPerfAudit.Core.Tests.Training;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Tests.Shared;
using NodaTime;

namespace MlPerfAudit.Core.Tests.Limits;

/// <summary>
/// The audit's time limit (<see cref="BundleLimits.MaxAuditTime"/>) on a clock passed in: each result reads the clock once
/// before it is judged, and a <see cref="SteppingClock"/> advances 1 s per read, so a limit of k seconds judges exactly k
/// results. Results not judged in time are still in the report, invalid with BUN-LIM-002; the report names the limit.
/// </summary>
public sealed class TimeLimitTests
{
    private static readonly Lazy<AuditReport> Unlimited = new(() => Corpus.Audit(Corpus.OpenV51()));

    private static AuditReport AuditWithin(TimeSpan limit)
        => InferenceAuditor.Audit(new OpenedBundle(Corpus.OpenV51(), "0000"),
            new InferenceAuditOptions { Round = "v5.1", Clock = new SteppingClock(Duration.FromSeconds(1)),
                Limits = new BundleLimits { MaxAuditTime = limit } },
            Corpus.Tool);

    /// <summary>Limits (in seconds = results judged) around the corpus's result count: none, one short, at, over.</summary>
    public static TheoryData<double> Limits() => [0.001, 1, 13, 14, 15, 100];

    [Theory]
    [MemberData(nameof(Limits))]
    public void Audit_WhenTheTimeLimitRunsOut_ReportsEveryResultAndMarksThoseNotJudged(double seconds)
    {
        var reference = Unlimited.Value;
        Assert.Equal(14, reference.Results.Count);
        var report = AuditWithin(TimeSpan.FromSeconds(seconds));
        var expectedJudged = Math.Min((int)seconds, reference.Results.Count);

        Assert.Equal(reference.Results.Select(r => r.Id), report.Results.Select(r => r.Id));
        var notJudged = report.Results.Where(r => r.Findings.Any(f => f.Code == "BUN-LIM-002")).ToList();
        Assert.Equal(reference.Results.Count - expectedJudged, notJudged.Count);
        Assert.All(notJudged, r =>
        {
            Assert.Equal(Verdict.Invalid, r.Verdict);
            Assert.Null(r.Metric);
            var finding = Assert.Single(r.Findings);
            Assert.Equal(Severity.Error, finding.Severity);
            Assert.Equal(r.Id, finding.File);
        });
        foreach (var judged in report.Results.Except(notJudged))
        {
            var same = Corpus.Result(reference, judged.Id);
            Assert.Equal(same.Verdict, judged.Verdict);
            Assert.Equal(same.Metric, judged.Metric);
            Assert.Equal(same.Findings.Select(f => f.Code), judged.Findings.Select(f => f.Code));
        }

        Assert.Equal(seconds, report.Limits!.MaxAuditSeconds);
        Assert.Equal(notJudged.Count > 0 ? ["MaxAuditTime"] : Array.Empty<string>(), report.Limits.Hit);
        Assert.Equal(notJudged.Count == 0 && reference.AllValid, report.AllValid);
        Assert.Equal(report.Results.Count(r => r.Verdict == Verdict.Valid), report.Summary.Valid);
        Assert.Equal(notJudged.Count, report.Summary.Invalid - report.Results.Except(notJudged).Count(r => r.Verdict == Verdict.Invalid));
    }

    [Fact]
    public void Audit_WithoutAClock_AppliesNoTimeLimitAndSaysSo()
    {
        var report = Unlimited.Value;
        Assert.Null(report.Limits!.MaxAuditSeconds);
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Findings), f => f.Code == "BUN-LIM-002");
    }

    [Fact]
    public void Audit_WhenTheTimeLimitRunsOut_TheReportStillSerializesAndReadsBack()
    {
        var report = AuditWithin(TimeSpan.FromSeconds(3));
        var back = ReportJson.Deserialize(ReportJson.Serialize(report));
        Assert.Equal(["MaxAuditTime"], back.Limits!.Hit);
        Assert.Equal(11, back.Results.Count(r => r.Findings.Any(f => f.Code == "BUN-LIM-002")));
    }

    public static TheoryData<string, bool> TrainingLimits() => new() { { "00:00:00.001", true }, { "1.00:00:00", false } };

    [Theory]
    [MemberData(nameof(TrainingLimits))]
    public void TrainingAudit_WhenTheTimeLimitRunsOut_ReportsTheFoldersAsNotJudged(string limit, bool runsOut)
    {
        using var bundle = FolderBundle.Opened(RepoPaths.Corpus("training", "v5.1"));
        var options = new TrainingAuditOptions { RuleSet = "5.1.0", Clock = new SteppingClock(Duration.FromSeconds(1)),
            MaxAuditTime = TimeSpan.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) };
        var report = TrainingAuditor.Audit(bundle, options, Corpus.Tool);
        Assert.NotEmpty(report.Results);
        Assert.Equal(runsOut, report.Results.All(r => r.Verdict == Verdict.Invalid && r.Findings.Single().Code == "BUN-LIM-002"));
        Assert.Equal(runsOut ? ["MaxAuditTime"] : Array.Empty<string>(), report.Limits!.Hit);
        Assert.Equal(options.MaxAuditTime.TotalSeconds, report.Limits.MaxAuditSeconds);
    }

    /// <summary>
    /// The real H200 sweep (5 configuration logs): the clock steps one second per read, read once at the start and once
    /// before each configuration, so a limit of k seconds judges exactly k configurations.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 4)] // under the number of configurations
    [InlineData(5, 5)] // at: the fifth is checked at 5 s, not past the limit
    [InlineData(6, 5)] // over
    public void SweepAudit_WhenTheTimeLimitRunsOut_ReportsTheConfigurationsNotReachedAsNotJudged(int seconds, int judged)
    {
        var options = new SweepAuditOptions { Clock = new SteppingClock(Duration.FromSeconds(1)), MaxAuditTime = TimeSpan.FromSeconds(seconds) };

        var report = SweepCorpus.Audit(options);

        Assert.Equal(5, report.Results.Count);
        var notJudged = report.Results.Where(r => r.Findings.Any(f => f.Code == "BUN-LIM-002")).ToList();
        Assert.Equal(5 - judged, notJudged.Count);
        Assert.All(notJudged, r => Assert.Equal((Verdict.Invalid, null), (r.Verdict, r.Sweep)));
        Assert.Equal(judged, report.Results.Count(r => r.Sweep is not null));
        Assert.Equal(judged < 5 ? ["MaxAuditTime"] : Array.Empty<string>(), report.Limits!.Hit);
        Assert.Equal(seconds, report.Limits.MaxAuditSeconds);
    }

    [Fact]
    public void SweepAudit_WhenTheClaimedConfigurationWasNotReached_ReportsTheClaimNotFoundAndStillRenders()
    {
        var options = new SweepAuditOptions { Clock = new SteppingClock(Duration.FromSeconds(1)), MaxAuditTime = TimeSpan.FromSeconds(1),
            ClaimedOptimal = "MBS=16" };

        var report = SweepCorpus.Audit(options);

        Assert.Equal(4, report.Results.Count(r => r.Sweep is null));
        Assert.Equal("not-found", report.Sweep!.Recommendation!.Outcome);
        Assert.Contains("<svg", MlPerfAudit.Core.Reports.Html.HtmlRenderer.Render(report), StringComparison.Ordinal);
        Assert.Contains("BUN-LIM-002", MarkdownRenderer.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void SweepAudit_WithoutAClock_AppliesNoTimeLimit()
    {
        var report = SweepCorpus.Audit(new SweepAuditOptions { MaxAuditTime = TimeSpan.FromMilliseconds(1) });

        Assert.Null(report.Limits);
        Assert.All(report.Results, r => Assert.NotNull(r.Sweep));
    }

    public static TheoryData<string, bool> Validation() => new()
    {
        { "-00:00:00.001", false },
        { "00:00:00", false },
        { "00:00:00.001", true },
        { "00:15:00", true },
        { "1.00:00:00", true },
        { "1.00:00:00.001", false },
    };

    [Theory]
    [MemberData(nameof(Validation))]
    public void Validate_TimeLimit_AcceptsOneMillisecondToOneDay(string limit, bool valid)
    {
        var span = TimeSpan.Parse(limit, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(valid, new BundleLimits { MaxAuditTime = span }.Validate().Count == 0);
        Assert.Equal(valid, new TrainingAuditOptions { MaxAuditTime = span }.Validate().Count == 0);
        Assert.Equal(valid, new SweepAuditOptions { MaxAuditTime = span }.Validate().Count == 0);
    }
}
