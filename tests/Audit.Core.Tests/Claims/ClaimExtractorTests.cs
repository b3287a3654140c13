using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Claims.Extract;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>claims extract on five posts: every figure found with its qualifier and line, at most one false figure, no date or version.</summary>
public sealed partial class ClaimExtractorTests
{
    public static TheoryData<string, string, bool> Posts => new()
    {
        { "InferenceRecords", ClaimExtractorPosts.InferenceRecords, false },
        { "PerGpu", ClaimExtractorPosts.PerGpu, true },
        { "RackExtrapolation", ClaimExtractorPosts.RackExtrapolation, false },
        { "TrainingTime", ClaimExtractorPosts.TrainingTime, false },
        { "ScalingEfficiency", ClaimExtractorPosts.ScalingEfficiency, false },
    };

    private static ExpectedFigure[] Expected(string name) => name switch
    {
        "InferenceRecords" => ClaimExtractorPosts.InferenceRecordsFigures,
        "PerGpu" => ClaimExtractorPosts.PerGpuFigures,
        "RackExtrapolation" => ClaimExtractorPosts.RackExtrapolationFigures,
        "TrainingTime" => ClaimExtractorPosts.TrainingTimeFigures,
        _ => ClaimExtractorPosts.ScalingEfficiencyFigures,
    };

    /// <summary>Matches each expected figure to an extracted claim; returns the claims no expected figure matched.</summary>
    private static (List<ExpectedFigure> Missed, List<Claim> False) Score(string post, ExpectedFigure[] expected, bool html)
    {
        var claims = ClaimExtractor.Extract(post, "post", html).Claims.ToList();
        var lines = post.Split('\n');
        var missed = new List<ExpectedFigure>();
        foreach (var figure in expected)
        {
            var line = 1 + Array.FindIndex(lines, l => l.Contains(figure.Anchor, StringComparison.Ordinal));
            var match = claims.FirstOrDefault(c => Math.Abs(c.Value - figure.Value) <= 1e-9 * figure.Value && c.Unit == figure.Unit
                && c.Quantity == figure.Quantity && c.Qualifier == figure.Qualifier && c.Draft!.Line == line);
            if (match is null)
            {
                missed.Add(figure);
            }
            else
            {
                claims.Remove(match);
            }
        }

        return (missed, claims);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public void Extract_WhenPostIsRead_FindsEveryFigureWithItsQualifierAndLine(string name, string post, bool html)
    {
        var (missed, _) = Score(post, Expected(name), html);
        Assert.True(missed.Count == 0, $"{name}: missed {string.Join("; ", missed)}");
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public void Extract_WhenPostIsRead_TakesAtMostOneFalseFigure(string name, string post, bool html)
    {
        var (_, extra) = Score(post, Expected(name), html);
        Assert.True(extra.Count <= 1, $"{name}: false figures {string.Join("; ", extra.Select(c => c.Draft!.Figure))}");
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public void Extract_WhenPostHasDatesAndVersions_TakesNoneForAFigure(string name, string post, bool html)
    {
        var claims = ClaimExtractor.Extract(post, name, html).Claims;
        var datesAndVersions = DateOrVersion().Matches(post).Select(m => double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).ToHashSet();
        Assert.NotEmpty(datesAndVersions);
        Assert.DoesNotContain(claims, c => datesAndVersions.Contains(c.Value));
    }

    [Fact]
    public void Extract_NamesResultIdsBenchmarksScenarioAndAcceleratorsOfTheParagraph()
    {
        var claims = ClaimExtractor.Extract(ClaimExtractorPosts.PerGpu, "post.html", html: true).Claims;
        var vm = Assert.Single(claims, c => c.Value == 52062);
        Assert.Equal(["5.1-0008"], vm.Draft!.ResultIds);
        Assert.Equal(["llama2-70b-99"], vm.Draft.Benchmarks);
        Assert.Equal("Offline", vm.Scenario);
        Assert.Equal(4, vm.Accelerators);
        Assert.Equal("post.html", vm.Draft.Source);
        var training = ClaimExtractor.Extract(ClaimExtractorPosts.TrainingTime, "post.md", html: false).Claims;
        Assert.Equal(["llama31_405b"], Assert.Single(training, c => c.Value == 7.07).Draft!.Benchmarks);
        Assert.Equal(8192, Assert.Single(training, c => c.Value == 7.07).Accelerators);
    }

    [Fact]
    public void Extract_DraftHasNoEvidence_SoTheGateRefusesItWithEachClaimsLine()
    {
        var json = ClaimsJson.Serialize(ClaimExtractor.Extract(ClaimExtractorPosts.InferenceRecords, "post.md", html: false));
        var read = ClaimsJson.Read(json);
        Assert.Null(read.File);
        Assert.Equal(6, read.Errors.Count(e => e.Contains("evidence.results is empty", StringComparison.Ordinal)));
        Assert.All(read.Errors, e => Assert.Matches(@"^line \d+: claim 'claim-\d\d-", e));
    }

    // Years, dates' days and round numbers: 2026, April 1, v6.0, 5.1-0008 (the 5.1), rules 5.0.0.
    [GeneratedRegex(
        @"(?<n>\b20\d\d\b)|v(?<n>\d\.\d)|(?<n>\d\.\d)-\d{4}|(?<n>\b\d\.\d)\.\d\b|(?:January|April|June|September|November) (?<n>\d{1,2})\b")]
    private static partial Regex DateOrVersion();
}
