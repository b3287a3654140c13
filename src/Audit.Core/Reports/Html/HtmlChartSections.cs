using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Reports.Html.Charts;

namespace MlPerfAudit.Core.Reports.Html;

/// <summary>The page's chart sections for <see cref="HtmlRenderer"/>: comparisons, latency and time to train, and sweep telemetry.</summary>
internal static class HtmlChartSections
{
    /// <summary>Comparison, latency and time-to-train bar charts; nothing when the report has none.</summary>
    public static void AppendCharts(StringBuilder html, AuditReport report, ReportViewOptions options)
    {
        var comparisons = ReportCharts.Comparisons(report, options);
        var latency = ReportCharts.Latency(report);
        var training = report.Results.Select(ReportCharts.Training).OfType<BarChartSpec>().ToList();
        if (comparisons.Count == 0 && latency is null && training.Count == 0)
        {
            return;
        }

        html.Append("<section aria-labelledby=\"charts-heading\">\n<h2 id=\"charts-heading\">Charts</h2>\n");
        if (comparisons.Count > 0)
        {
            html.Append("<h3>Throughput per accelerator</h3>\n");
            html.Append(options.Comparisons.Count == 0
                ? "<p class=\"note\">No published results were supplied, so only the audited results are drawn.</p>\n"
                : $"<p class=\"note\">Audited results (dark) beside published results of the same benchmark and scenario "
                    + $"(grey){(options.ComparisonSource is { } source ? ", from " + Markup.Escape(source) : string.Empty)}. Published values are "
                    + $"divided by the published accelerator count.</p>\n");
            AppendLegend(html, (BarStyle.Audited, "this report"), (BarStyle.Published, "published"));
            foreach (var chart in comparisons)
            {
                AppendFigure(html, chart);
            }
        }

        if (latency is not null)
        {
            html.Append("<h3>Latency against limits</h3>\n");
            AppendLegend(html, (BarStyle.Within, "below the limit"), (BarStyle.Over, "at or over the limit"));
            AppendFigure(html, latency);
        }

        if (training.Count > 0)
        {
            html.Append("<h3>Time to train</h3>\n");
            AppendLegend(html,
                (BarStyle.Within, "counted in the score"), (BarStyle.NotCounted, "dropped by olympic scoring"), (BarStyle.Over, "failed"));
            foreach (var chart in training)
            {
                AppendFigure(html, chart);
            }
        }

        html.Append("</section>\n");
    }

    /// <summary>The sweep's bar charts and each configuration's telemetry line charts; nothing for other reports.</summary>
    public static void AppendSweepCharts(StringBuilder html, AuditReport report)
    {
        if (report.Sweep is not { } summary)
        {
            return;
        }

        html.Append("<section aria-labelledby=\"sweep-heading\">\n<h2 id=\"sweep-heading\">Sweep</h2>\n");
        if (summary.Recommendation is { } recommendation)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"note\">Claimed optimal: <strong>{Markup.Escape(recommendation.Claimed)}</strong> "
                    + $"({Markup.Escape(recommendation.Criterion)}): <strong>{Markup.Escape(recommendation.Outcome)}</strong>. "
                    + $"{Markup.Escape(recommendation.Message)}</p>\n");
        }

        var stepTime = SweepCharts.StepTime(report);
        var throughput = SweepCharts.Throughput(report);
        if (stepTime is not null || throughput is not null)
        {
            html.Append("<h3>Step time and throughput per configuration</h3>\n");
            html.Append("<p class=\"note\">Configurations ordered by GPUs, then micro-batch size. Step times exclude warm-up steps.</p>\n");
            AppendLegend(html, [(BarStyle.Audited, "configuration"), (BarStyle.Best, "best for the chart's criterion"),
                .. summary.Recommendation?.ClaimedLabel is null ? Array.Empty<(BarStyle, string)>() : [(BarStyle.Claimed, "claimed optimal")]]);
            foreach (var chart in new[] { stepTime, throughput }.OfType<BarChartSpec>())
            {
                AppendFigure(html, chart);
            }
        }

        var telemetry = SweepCharts.Configurations(report)
            .Select(r => (Result: r, Charts: SweepCharts.Telemetry(report, r)))
            .Where(x => x.Charts.Count > 0)
            .ToList();
        if (telemetry.Count > 0)
        {
            html.Append("<h3>Telemetry over time</h3>\n");
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"note\">GPU telemetry of each configuration against seconds since its run_start; the shaded band is the measured "
                    + $"(non-warm-up) steps. Dashed lines: the maximum SM clock and {SweepCharts.ThrottleLineRatio * 100:0} % of it, and the power "
                    + $"limit{(summary.LimitsSource.Length > 0 ? " (" + Markup.Escape(summary.LimitsSource) + ")" : string.Empty)}.</p>\n");
            foreach (var (result, charts) in telemetry)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h4>{Markup.Escape(result.Sweep!.Configuration.Label)}</h4>\n<div "
                    + $"class=\"chart-grid\">\n");
                foreach (var chart in charts)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<figure>\n{LineChart.Render(chart)}\n<figcaption>{Markup.Escape(chart.Description)}"
                        + $"</figcaption>\n</figure>\n");
                }

                html.Append("</div>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static void AppendLegend(StringBuilder html, params (BarStyle Style, string Text)[] entries)
    {
        html.Append("<ul class=\"legend\">");
        foreach (var (style, text) in entries)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"swatch {BarChart.StyleClass(style)}\" "
                + $"aria-hidden=\"true\"></span>{Markup.Escape(text)}</li>");
        }

        html.Append("</ul>\n");
    }

    private static void AppendFigure(StringBuilder html, BarChartSpec chart)
    {
        html.Append(CultureInfo.InvariantCulture, $"<figure>\n{BarChart.Render(chart)}\n<figcaption>{Markup.Escape(chart.Title)}. "
            + $"{Markup.Escape(chart.Description)}</figcaption>\n</figure>\n");
    }
}
