using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Reports.Html;

namespace MlPerfAudit.Core.Tests.Reports.Html;

public sealed class HtmlRendererTests
{
    private static ReportViewOptions WithPublished
        => new() { Comparisons = PublishedPoints.InferenceV51, ComparisonSource = PublishedPoints.InferenceV51Source };

    [Fact]
    public void Render_WhenRealAzureReport_PutsTheVerdictBeforeTheResultsTable()
    {
        var html = HtmlRenderer.Render(ReportSamples.Azure);

        var verdict = html.IndexOf("<section class=\"verdict ok\"", StringComparison.Ordinal);
        var results = html.IndexOf("id=\"results-heading\"", StringComparison.Ordinal);
        Assert.InRange(verdict, 0, results);
        Assert.Contains("All 4 results valid", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenRealAzureReport_HasOneRowWithHeaderCellsPerResult()
    {
        var report = ReportSamples.Azure;
        var html = HtmlRenderer.Render(report);

        Assert.Equal(6, Regex.Count(html, "<th scope=\"col\">"));
        Assert.Equal(report.Results.Count, Regex.Count(html, "<th scope=\"row\""));
        foreach (var result in report.Results)
        {
            Assert.Contains(NumberText.Readable(result.Metric!.Value, 3) + " Tokens/s", html, StringComparison.Ordinal);
            Assert.Contains(NumberText.Readable(result.Derived.PerAccelerator!.Value, 1) + " Tokens/s", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_WhenPublishedPointsGiven_EachComparisonChartHoldsTheAuditedValueAndPublishedValues()
    {
        var report = ReportSamples.Azure;
        var html = HtmlRenderer.Render(report, WithPublished);

        var charts = Charts(html, "comparison");
        Assert.Equal(4, charts.Count);
        foreach (var result in report.Results)
        {
            var chart = Assert.Single(charts,
                c => c.Contains($"{result.Benchmark} {result.Scenario}: Tokens/s per accelerator", StringComparison.Ordinal));
            var audited = BarValues(chart, "audited");
            Assert.Equal([result.Derived.PerAccelerator!.Value], audited);
            var published = BarValues(chart, "published");
            var expected = PublishedPoints.InferenceV51.Where(p => p.Benchmark == result.Benchmark && p.Scenario == result.Scenario).ToList();
            Assert.InRange(published.Count, Math.Min(expected.Count, 12), expected.Count);
            Assert.All(published, v => Assert.Contains(expected, p => p.PerAccelerator == v));

            // Azure's own published row is drawn too, and equals the audited value: the audit reproduces the published number.
            Assert.Contains("5.1-0008, published value of this result", chart, StringComparison.Ordinal);
            Assert.Contains(result.Derived.PerAccelerator!.Value, published);
        }
    }

    [Fact]
    public void Render_WhenLlmServerResults_DrawsLatencyAsPercentOfTheLimitWithTheLimitMarked()
    {
        var report = ReportSamples.Azure;
        var html = HtmlRenderer.Render(report);

        var chart = Assert.Single(Charts(html, "latency"));
        var server = report.Results.Where(r => r.Scenario == "Server").ToList();
        Assert.Equal(2, server.Count);
        var values = BarValues(chart, "within");
        Assert.Equal(4, values.Count);
        foreach (var result in server)
        {
            var latency = result.Latency!;
            Assert.Contains(latency.TimeToFirstTokenP99Ms!.Value / latency.TimeToFirstTokenLimitMs * 100, values);
            Assert.Contains(latency.TimePerOutputTokenP99Ms!.Value / latency.TimePerOutputTokenLimitMs * 100, values);
        }

        Assert.Contains("<g class=\"marker\" data-value=\"100\"><title>limit</title>", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenTrainingReport_DrawsEachRunWithTheScoreMarked()
    {
        var report = ReportSamples.Training;
        var result = Assert.Single(report.Results);
        var html = HtmlRenderer.Render(report);

        var chart = Assert.Single(Charts(html, "training"));
        var runs = result.Training!.Runs.Where(r => r.TimeToTrainMinutes is not null).Select(r => r.TimeToTrainMinutes!.Value).ToList();
        var drawn = BarValues(chart, "within").Concat(BarValues(chart, "not-counted")).Concat(BarValues(chart, "over")).ToList();
        Assert.Equal(runs.Order(), drawn.Order());
        Assert.Contains($"<g class=\"marker\" data-value=\"{NumberText.Plain(result.Training.Score!.ScoreMinutes)}\">", chart,
            StringComparison.Ordinal);
        Assert.Contains("Time to train (minutes", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenAnyReport_EveryChartHasTitleDescriptionAxisLabelAndTicks()
    {
        var html = HtmlRenderer.Render(ReportSamples.WholeRound, WithPublished);

        var charts = Regex.Matches(html, "<svg class=\"chart\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.NotEmpty(charts);
        Assert.All(charts, chart =>
        {
            Assert.Matches("^<svg [^>]*role=\"img\" aria-labelledby=\"[^\"]+-title [^\"]+-desc\"", chart);
            Assert.Matches("<title id=\"[^\"]+-title\">[^<]+</title><desc id=\"[^\"]+-desc\">[^<]+</desc>", chart);
            Assert.Matches("<text class=\"axis-label\"[^>]*>[^<]+</text>", chart);
            Assert.True(Regex.Count(chart, "<text class=\"tick\"") >= 2, "an axis needs at least two ticks");
            Assert.All(Regex.Matches(chart, "<g class=\"bar [^\"]+\"[^>]*>(.*?)</g>", RegexOptions.Singleline),
                bar => Assert.StartsWith("<title>", bar.Groups[1].Value, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Render_WhenAnyReport_IsSelfContainedWithoutScript()
    {
        var html = HtmlRenderer.Render(ReportSamples.WholeRound, WithPublished);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(" (src|href)=\"(?!#)", html);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenSameReportTwice_GivesTheSameText()
        => Assert.Equal(HtmlRenderer.Render(ReportSamples.WholeRound, WithPublished), HtmlRenderer.Render(ReportSamples.WholeRound, WithPublished));

    [Fact]
    public void Render_WhenTextHoldsMarkup_EscapesItEverywhere()
    {
        const string Hostile = "<script>alert(1)</script>\"'&";
        var report = ReportSamples.Azure;
        var first = report.Results[0];
        var finding = new Finding(FindingCatalog.InfLogWarnings.Code, Severity.Warning, Hostile, Hostile, 7);
        var hostile = report with
        {
            Bundle = report.Bundle with { Name = Hostile },
            Results = [first with { System = Hostile, Submitter = Hostile, Findings = [finding] }, .. report.Results.Skip(1)],
        };

        var html = HtmlRenderer.Render(hostile,
            new ReportViewOptions { Signature = new SignatureSummary(SignatureStatus.Verified, Hostile, Hostile, Hostile) });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenResultInvalid_ShowsFailFirstAndTheFindingWithFileLineAndRule()
    {
        var report = ReportSamples.Azure;
        var error = Finding.Of(FindingCatalog.InfTtftOverLimit,
            "The 99th percentile time to first token is 2100 ms; Server allows less than 2000 ms.",
            "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server/performance/run_1/mlperf_log_detail.txt", 42);
        var broken = report with
        {
            Results = [.. report.Results.Select(r => r.Scenario == "Server"
                && r.Benchmark == "llama2-70b-99" ? r with { Verdict = Verdict.Invalid, Findings = [error] } : r)],
            Summary = new ReportSummary(3, 1),
        };

        var html = HtmlRenderer.Render(broken);

        Assert.Contains("<section class=\"verdict bad\"", html, StringComparison.Ordinal);
        Assert.Contains("1 of 4 results invalid", html, StringComparison.Ordinal);
        Assert.Contains("<h3 id=\"errors\">Errors (1)</h3>", html, StringComparison.Ordinal);
        Assert.Contains("mlperf_log_detail.txt:42", html, StringComparison.Ordinal);
        Assert.Contains(Markup(FindingCatalog.InfTtftOverLimit.Rule), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureStatus.NotSigned, "not signed")]
    [InlineData(SignatureStatus.SignedByThisRun, "signed (by this run)")]
    [InlineData(SignatureStatus.Verified, "verified")]
    [InlineData(SignatureStatus.VerificationFailed, "verification FAILED")]
    [InlineData(SignatureStatus.NotChecked, "not checked")]
    public void Render_WhenSignatureGiven_ShowsStatusKeyIdAndHowToVerify(SignatureStatus status, string expected)
    {
        const string KeyId = "71dd1ff8f4b4fea3964d2b725f7a68a7ef87374ae07f365c96a746ba7d325953";
        var html = HtmlRenderer.Render(ReportSamples.Azure,
            new ReportViewOptions { Signature = new SignatureSummary(status, KeyId, "report.dsse.json") });

        var section = html[html.IndexOf("<section id=\"signature\"", StringComparison.Ordinal)..];
        Assert.Contains(expected, section, StringComparison.Ordinal);
        Assert.Contains(KeyId, section, StringComparison.Ordinal);
        Assert.Contains("mlperf-audit verify report.dsse.json --key", section, StringComparison.Ordinal);
        Assert.Contains(HtmlRenderer.VerifySection, section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenNoResults_SaysSoAndDrawsNoChart()
    {
        var empty = ReportSamples.Azure with { Results = [], Summary = new ReportSummary(0, 0) };

        var html = HtmlRenderer.Render(empty);

        Assert.Contains("No result found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    internal static List<string> Charts(string html, string kind)
        => [.. Regex.Matches(html, $"<svg class=\"chart\" data-chart=\"{kind}\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value)];

    internal static List<double> BarValues(string chart, string style)
        => [.. Regex.Matches(chart, $"<g class=\"bar {style}\" data-label=\"[^\"]*\" data-value=\"([^\"]+)\"")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string Markup(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
}
