using System.Text.RegularExpressions;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Reports.Html;
using MlPerfAudit.Core.Reports.Html.Charts;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Sweeps;

namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>The page of the real H200 sweep (shared/corpus/sweeps) charts every configuration with the report's values.</summary>
public sealed class SweepChartTests
{
    private static readonly Lazy<AuditReport> Claimed = new(() => SweepCorpus.Audit(new SweepAuditOptions { ClaimedOptimal = "MBS=2" }));
    private static readonly Lazy<AuditReport> Unclaimed = new(() => SweepCorpus.Audit());

    [Fact]
    public void Render_WhenRealSweep_StepTimeChartHasEachConfigurationsMeanP95MinAndMaxInOrder()
    {
        var report = Unclaimed.Value;
        var chart = Assert.Single(Charts(HtmlRenderer.Render(report), "sweep-step-time"));

        var bars = Bars(chart);
        Assert.Equal(["MBS=1", "MBS=2", "MBS=4", "MBS=8", "MBS=16"], bars.Select(b => b.Label.Split(',')[0]));
        foreach (var result in report.Results)
        {
            var t = result.Sweep!.StepTime!;
            var bar = Assert.Single(bars, b => b.Label.StartsWith(result.Sweep.Configuration.Label + " ", StringComparison.Ordinal));
            Assert.Equal(NumberText.Plain(t.MeanSeconds), bar.Value);
            Assert.Contains(
                $"mean {NumberText.Readable(t.MeanSeconds, 4)} s; p95 {NumberText.Readable(t.P95Seconds, 4)} s, min "
                + $"{NumberText.Readable(t.MinSeconds, 4)} s, max {NumberText.Readable(t.MaxSeconds, 4)} s", bar.Title, StringComparison.Ordinal);
            Assert.Contains(
                $"data-min=\"{NumberText.Plain(t.MinSeconds)}\" data-max=\"{NumberText.Plain(t.MaxSeconds)}\" "
                + $"data-tick=\"{NumberText.Plain(t.P95Seconds)}\"", chart, StringComparison.Ordinal);
        }

        // README: MBS 1 0.0572 s/step is the fastest; without a claim nothing is drawn as claimed.
        Assert.Contains("mean 0.0572 s", Assert.Single(bars, b => b.Style == "best").Title, StringComparison.Ordinal);
        Assert.DoesNotContain("claimed", chart, StringComparison.Ordinal);
        Assert.Contains("Seconds per optimizer step", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenRealSweepWithRejectedClaim_ThroughputChartMarksBestAndClaimedWithTheirTokensPerGpu()
    {
        var report = Claimed.Value;
        var html = HtmlRenderer.Render(report);
        var chart = Assert.Single(Charts(html, "sweep-throughput"));

        var bars = Bars(chart);
        Assert.Equal(5, bars.Count);
        foreach (var result in report.Results)
        {
            var value = result.Sweep!.TokensPerSecondPerGpu!.Value;
            var bar = Assert.Single(bars, b => b.Label.StartsWith(result.Sweep.Configuration.Label + " ", StringComparison.Ordinal));
            Assert.Equal(NumberText.Plain(value), bar.Value);
            Assert.Contains($"{NumberText.Readable(value, 0)} tokens/s", bar.Title, StringComparison.Ordinal);
        }

        // README: MBS 16 73.1k tokens/s is the best; the claim MBS=2 is rejected and drawn as claimed in both charts.
        Assert.StartsWith("MBS=16,TP=1,PP=1,CP=1 · 1 GPU (best)", Assert.Single(bars, b => b.Style == "best").Title, StringComparison.Ordinal);
        Assert.Contains("73,145 tokens/s", Assert.Single(bars, b => b.Style == "best").Title, StringComparison.Ordinal);
        Assert.StartsWith("MBS=2,TP=1,PP=1,CP=1 · 1 GPU (claimed, rejected)", Assert.Single(bars, b => b.Style == "claimed").Title,
            StringComparison.Ordinal);
        Assert.Single(Bars(Assert.Single(Charts(html, "sweep-step-time"))), b => b.Style == "claimed");
        Assert.Contains("<strong>rejected</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenRealSweep_DrawsClockPowerAndUtilizationOverTimePerConfigurationWithReferenceLines()
    {
        var report = Unclaimed.Value;
        var html = HtmlRenderer.Render(report);

        Assert.Equal(1980, report.Sweep!.MaxSmClockMhz);
        Assert.Equal(700, report.Sweep.PowerLimitWatts);
        foreach (var (kind, references) in new[] { ("telemetry-clock", new[] { "1980", "1584" }), ("telemetry-power", ["700"]),
            ("telemetry-utilization", Array.Empty<string>()) })
        {
            var charts = Charts(html, kind);
            Assert.Equal(report.Results.Count, charts.Count);
            foreach (var chart in charts)
            {
                Assert.Equal(references, Regex.Matches(chart, "<g class=\"reference\" data-value=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
                Assert.Contains("Seconds since run_start", chart, StringComparison.Ordinal);
                Assert.Contains("<g class=\"span\"><title>measured steps</title>", chart, StringComparison.Ordinal);
                if (kind == "telemetry-utilization")
                {
                    Assert.Contains(">100</text>", chart, StringComparison.Ordinal);
                    Assert.DoesNotContain(">120</text>", chart, StringComparison.Ordinal);
                    Assert.DoesNotContain(">125</text>", chart, StringComparison.Ordinal);
                }
            }
        }

        Assert.Contains("<title>max 1,980 MHz</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>80 % = 1,584 MHz</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>limit 700 W</title>", html, StringComparison.Ordinal);
        foreach (var result in report.Results)
        {
            var telemetry = result.Sweep!.Telemetry!;
            var id = ReportCharts.Id("tel-" + result.Sweep.Configuration.Label);
            var clock = Assert.Single(Charts(html, "telemetry-clock"), c => c.Contains($"id=\"{id}-clock\"", StringComparison.Ordinal));
            var points = Regex.Match(clock, "<g class=\"series s0\" data-series=\"GPU 0\" data-points=\"([0-9]+)\"").Groups[1].Value;
            Assert.Equal(telemetry.Series.Count(p => p.SmClockMhz is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), points);
            Assert.Contains($"{NumberText.Readable(telemetry.MeanSmClockMhz!.Value, 0)} MHz", clock, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_WhenRealSweep_ShowsSweepChartsInsteadOfPerResultComparisons()
    {
        var html = HtmlRenderer.Render(Unclaimed.Value);

        Assert.Contains("id=\"sweep-heading\"", html, StringComparison.Ordinal);
        Assert.Empty(Charts(html, "comparison"));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sweep-heading\"", HtmlRenderer.Render(ReportSamples.Azure), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { -0.4, 4.3 }, -1, 5, 1)]
    [InlineData(new[] { 0.0, 37.0 }, 0, 40, 10)]
    [InlineData(new double[0], 0, 1, 0.25)]
    public void XRange_WhenValuesGiven_CoversThemWithRoundTicks(double[] values, double min, double max, double step)
    {
        Assert.Equal((min, max, step), LineChart.XRange(values));
    }

    [Fact]
    public void LineChart_WhenRendered_HasTitleDescriptionAxisLabelsAndNoScript()
    {
        var svg = LineChart.Render(new LineChartSpec("t", "test", "Title <x>", "Desc", "Seconds", "Power draw (W)",
            [new LineSeries("GPU 0", [(0, 100), (1, 300), (2, double.NaN)])], [new ReferenceLine(700, "limit 700 W")],
                new XSpan(0.5, 1.5, "measured steps")));

        Assert.Contains("<title id=\"t-title\">Title &lt;x&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"t-desc\">Desc</desc>", svg, StringComparison.Ordinal);
        Assert.Contains(">Power draw (W)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">Seconds</text>", svg, StringComparison.Ordinal);
        Assert.Contains("data-points=\"2\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title>GPU 0: 2 samples, 100 to 300</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
    }

    internal static AuditReport ClaimedReport => Claimed.Value;

    private static List<string> Charts(string html, string kind)
        => [.. Regex.Matches(html, $"<svg class=\"chart[^\"]*\" data-chart=\"{kind}\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value)];

    private static List<(string Style, string Label, string Value, string Title)> Bars(string chart)
        => [.. Regex.Matches(chart, "<g class=\"bar ([a-z-]+)\" data-label=\"([^\"]*)\" data-value=\"([^\"]+)\"><title>([^<]*)</title>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))];
}
