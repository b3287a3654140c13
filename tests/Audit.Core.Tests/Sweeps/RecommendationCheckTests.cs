using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;

namespace MlPerfAudit.Core.Tests.Sweeps;

/// <summary>The recommendation check on the real H200 sweep.</summary>
public sealed class RecommendationCheckTests
{
    private static readonly Lazy<AuditReport> Report = new(() => SweepCorpus.Audit());

    [Fact]
    public void Check_WhenMbs2ClaimedFastestPerToken_RejectsAndNamesMbs16()
    {
        var outcome = RecommendationCheck.Check(Report.Value.Results, "MBS=2", SweepCriterion.TokensPerGpu, 1.0);

        var r = outcome.Recommendation;
        Assert.Equal("rejected", r.Outcome);
        Assert.Equal("MBS=2,TP=1,PP=1,CP=1", r.ClaimedLabel);
        Assert.Equal("MBS=16,TP=1,PP=1,CP=1", r.Best);
        Assert.Equal(17.7, Math.Round(r.DifferencePercent!.Value, 1)); // 73,145 vs 62,151 tokens/s per GPU
        Assert.Equal("SWP-REC-001", outcome.Finding!.Code);
        Assert.Equal("mbs2.txt", outcome.Finding.File);
    }

    [Theory]
    [InlineData("MBS=16,TP=1,PP=1,CP=1", SweepCriterion.TokensPerGpu, "supported", "MBS=8,TP=1,PP=1,CP=1", -2.8)]
    [InlineData("MBS=1", SweepCriterion.StepTime, "supported", "MBS=2,TP=1,PP=1,CP=1", -15.3)]
    [InlineData("MBS=16", SweepCriterion.StepTime, "rejected", "MBS=1,TP=1,PP=1,CP=1", 87.2)]
    [InlineData("MBS=1", SweepCriterion.MemoryHeadroom, "supported", "MBS=2,TP=1,PP=1,CP=1", -2.7)]
    [InlineData("mbs=8 tp=1", SweepCriterion.TokensPerGpu, "rejected", "MBS=16,TP=1,PP=1,CP=1", 2.9)]
    public void Check_WhenClaimed_SaysWhetherDataSupportsItAndByHowMuch(string claim, SweepCriterion criterion, string outcome, string best,
        double differencePercent)
    {
        var r = RecommendationCheck.Check(Report.Value.Results, claim, criterion, 1.0).Recommendation;

        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(best, r.Best);
        Assert.Equal(differencePercent, Math.Round(r.DifferencePercent!.Value, 1));
    }

    /// <summary>MBS 16 leads MBS 8 by 2.84% tokens/s per GPU: a tie under a tolerance above that, supported at or under it.</summary>
    [Theory]
    [InlineData(2.0, "supported")]
    [InlineData(2.8, "supported")]
    [InlineData(2.9, "tied")]
    [InlineData(5.0, "tied")]
    public void Check_WhenMarginNearTieTolerance_TiesOnlyUnderTolerance(double tolerancePercent, string expected)
    {
        var outcome = RecommendationCheck.Check(Report.Value.Results, "MBS=16", SweepCriterion.TokensPerGpu, tolerancePercent);

        Assert.Equal(expected, outcome.Recommendation.Outcome);
        Assert.Equal(expected == "tied" ? "SWP-REC-003" : null, outcome.Finding?.Code);
    }

    [Theory]
    [InlineData("MBS=32")]
    [InlineData("TP=1")]
    public void Check_WhenClaimMatchesNoneOrSeveral_ReportsNotFound(string claim)
    {
        var outcome = RecommendationCheck.Check(Report.Value.Results, claim, SweepCriterion.TokensPerGpu, 1.0);

        Assert.Equal("not-found", outcome.Recommendation.Outcome);
        Assert.Equal("SWP-REC-002", outcome.Finding!.Code);
    }

    [Theory]
    [InlineData("MBS=4,TP=1,PP=2,CP=1", true)]
    [InlineData("mbs = 4; tp=2", true)]
    [InlineData("MBS=0", false)]
    [InlineData("MBS=four", false)]
    [InlineData("XX=1", false)]
    [InlineData("MBS=1,MBS=2", false)]
    [InlineData("", false)]
    public void TryParse_WhenClaimText_AcceptsOnlyNamedPositiveSizes(string text, bool expected)
        => Assert.Equal(expected, SweepClaim.TryParse(text, out _, out _));

    [Fact]
    public void Validate_WhenSeveralOptionsAreBad_ReportsEveryProblem()
    {
        var problems = new SweepAuditOptions { ClaimedOptimal = "MBS=x", ThrottleClockRatio = 1.5, GapFactor = 0,
            TelemetryUtcOffsetMinutes = 900 }.Validate();

        Assert.Equal(4, problems.Count);
    }
}
