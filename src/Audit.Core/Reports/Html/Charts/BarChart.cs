using System.Globalization;
using System.Text;

namespace MlPerfAudit.Core.Reports.Html.Charts;

/// <summary>How a bar is drawn; each style has its own fill and a legend entry, so colour is never the only cue.</summary>
internal enum BarStyle
{
    /// <summary>A result of this report.</summary>
    Audited = 1,

    /// <summary>A published result, for comparison.</summary>
    Published = 2,

    /// <summary>A value within its limit, or a run counted in the score.</summary>
    Within = 3,

    /// <summary>A value at or over its limit, or a run that failed.</summary>
    Over = 4,

    /// <summary>A run not counted in the score (the fastest or slowest dropped by olympic scoring).</summary>
    NotCounted = 5,

    /// <summary>The best configuration of a sweep for the chart's criterion.</summary>
    Best = 6,

    /// <summary>The configuration a recommendation claims is optimal (when it is not also the best).</summary>
    Claimed = 7,
}

/// <summary>One bar.</summary>
/// <param name="Label">Text above the bar, left-aligned: what the bar is.</param>
/// <param name="Value">Length of the bar, in the chart's unit.</param>
/// <param name="ValueText">Text above the bar, right-aligned: the value as a person reads it, with its unit.</param>
/// <param name="Style">How it is drawn.</param>
internal sealed record ChartBar(string Label, double Value, string ValueText, BarStyle Style)
{
    /// <summary>Spread drawn over the bar (a whisker from minimum to maximum and a tick), in the chart's unit; null for none.</summary>
    public ChartSpread? Spread { get; init; }
}

/// <summary>The spread of the values a bar summarizes, drawn as a whisker over the bar.</summary>
/// <param name="Min">Smallest value, in the chart's unit (left cap).</param>
/// <param name="Max">Largest value, in the chart's unit (right cap).</param>
/// <param name="Tick">A percentile marked with a tall tick (e.g. p95), in the chart's unit.</param>
/// <param name="Text">The three values in words with units, e.g. <c>p95 0.0625 s, min 0.0466 s, max 0.0801 s</c>; appended to the bar's
/// title.</param>
internal sealed record ChartSpread(double Min, double Max, double Tick, string Text);

/// <summary>A vertical line across all bars at a value (a limit, a score).</summary>
/// <param name="Value">Where, in the chart's unit.</param>
/// <param name="Label">What it marks, printed at its top.</param>
internal sealed record ChartMarker(double Value, string Label);

/// <summary>A horizontal bar chart.</summary>
/// <param name="Id">Unique id within the page (letters, digits, dashes), used for the title and description ids.</param>
/// <param name="Kind">What the chart shows (<c>comparison</c>, <c>latency</c>, <c>training</c>), written as data-chart for tests and styling.</param>
/// <param name="Title">Title of the chart, also its accessible name.</param>
/// <param name="Description">One or two sentences a screen reader gets: what is plotted and what stands out.</param>
/// <param name="AxisLabel">Value axis label with its unit, e.g. <c>Tokens/s per accelerator</c>.</param>
/// <param name="Bars">Bars, top to bottom.</param>
/// <param name="Markers">Vertical reference lines.</param>
internal sealed record BarChartSpec(
    string Id,
    string Kind,
    string Title,
    string Description,
    string AxisLabel,
    IReadOnlyList<ChartBar> Bars,
    IReadOnlyList<ChartMarker> Markers);

/// <summary>
/// Draws <see cref="BarChartSpec"/> as inline SVG: one row per bar (label and value on a line above the bar, so long
/// labels never squeeze the plot at phone width), gridlines and a labelled value axis at the bottom, markers as dashed
/// lines. Every bar carries a &lt;title&gt; (shown on hover, read by screen readers) and its value in data-value.
/// </summary>
// Hand-written: a chart library would bring script or a runtime; the report is one self-contained HTML file of static SVG.
internal static class BarChart
{
    /// <summary>Width of the SVG coordinate system; the SVG scales to its container.</summary>
    public const double Width = 640;

    private const double Margin = 8;
    private const double RowHeight = 46;
    private const double BarHeight = 18;
    private const double LabelBaseline = 17;
    private const double TopBand = 26;
    private const double AxisBand = 56;
    private const double CharWidth = 8.4;

    /// <summary>Renders the chart as an SVG element.</summary>
    public static string Render(BarChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var largest = spec.Bars.Select(b => b.Value).Concat(spec.Bars.Where(b => b.Spread is not null).Select(b => b.Spread!.Max))
            .Concat(spec.Markers.Select(m => m.Value)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var scale = AxisScale.For(largest * 1.02);
        var plotWidth = Width - (2 * Margin);
        var plotTop = spec.Markers.Count > 0 ? TopBand : 4;
        var plotBottom = plotTop + (spec.Bars.Count * RowHeight);
        var height = plotBottom + AxisBand;
        var titleId = spec.Id + "-title";
        var descId = spec.Id + "-desc";

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" data-chart=\"{Markup.Escape(spec.Kind)}\" id=\"{Markup.Escape(spec.Id)}\" role=\"img\" "
                + $"aria-labelledby=\"{titleId} {descId}\" viewBox=\"0 0 {F(Width)} {F(height)}\" width=\"{F(Width)}\" height=\"{F(height)}\" "
                + $"preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{titleId}\">{Markup.Escape(spec.Title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{descId}\">{Markup.Escape(spec.Description)}</desc>");

        // Gridlines and tick labels.
        svg.Append("<g class=\"axis\" aria-hidden=\"true\">");
        foreach (var tick in scale.Ticks)
        {
            var x = Margin + scale.Position(tick, plotWidth);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"grid\" x1=\"{F(x)}\" y1=\"{F(plotTop)}\" x2=\"{F(x)}\" y2=\"{F(plotBottom)}\"/>");
            var anchor = tick == 0 ? "start" : Math.Abs(tick - scale.Max) < scale.Step / 2 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{F(x)}\" y=\"{F(plotBottom + 20)}\" "
                    + $"text-anchor=\"{anchor}\">{Markup.Escape(NumberText.Readable(tick, scale.Decimals))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"baseline\" x1=\"{F(Margin)}\" y1=\"{F(plotBottom)}\" x2=\"{F(Width - Margin)}\" "
            + $"y2=\"{F(plotBottom)}\"/>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"axis-label\" x=\"{F(Width / 2)}\" y=\"{F(plotBottom + 46)}\" "
                + $"text-anchor=\"middle\">{Markup.Escape(spec.AxisLabel)}</text>");
        svg.Append("</g>");

        // Bars: each a group with its title and rect, and the value in data-value.
        for (var i = 0; i < spec.Bars.Count; i++)
        {
            var bar = spec.Bars[i];
            var top = plotTop + (i * RowHeight);
            var length = double.IsFinite(bar.Value) ? scale.Position(bar.Value, plotWidth) : 0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"bar {StyleClass(bar.Style)}\" data-label=\"{Markup.Escape(bar.Label)}\" "
                    + $"data-value=\"{Markup.Escape(NumberText.Plain(bar.Value))}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Markup.Escape(bar.Label)}: "
                + $"{Markup.Escape(bar.ValueText)}{(bar.Spread is { } sp ? "; " + Markup.Escape(sp.Text) : string.Empty)}</title>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{F(Margin)}\" y=\"{F(top + LabelBaseline + 6)}\" width=\"{F(Math.Max(length, 1))}\" "
                    + $"height=\"{F(BarHeight)}\" rx=\"2\"/>");
            svg.Append("</g>");
            if (bar.Spread is { } spread)
            {
                AppendSpread(svg, spread, top + LabelBaseline + 6 + (BarHeight / 2), x => Margin + scale.Position(x, plotWidth));
            }
        }

        AppendMarkers(svg, spec, scale, plotWidth, plotTop, plotBottom);
        AppendLabels(svg, spec, plotTop);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Markers over the bars, under the texts (texts have a white halo, so a marker never hides a value).</summary>
    private static void AppendMarkers(
        StringBuilder svg, BarChartSpec spec, AxisScale scale, double plotWidth, double plotTop, double plotBottom)
    {
        foreach (var marker in spec.Markers)
        {
            var x = Margin + scale.Position(marker.Value, plotWidth);
            var anchor = x > Width * 0.75 ? "end" : x < Width * 0.25 ? "start" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"marker\" data-value=\"{Markup.Escape(NumberText.Plain(marker.Value))}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Markup.Escape(marker.Label)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{F(plotTop - 6)}\" x2=\"{F(x)}\" y2=\"{F(plotBottom)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(plotTop - 10)}\" "
                + $"text-anchor=\"{anchor}\">{Markup.Escape(marker.Label)}</text>");
            svg.Append("</g>");
        }
    }

    /// <summary>Labels and values last, on top of markers and gridlines.</summary>
    private static void AppendLabels(StringBuilder svg, BarChartSpec spec, double plotTop)
    {
        for (var i = 0; i < spec.Bars.Count; i++)
        {
            var bar = spec.Bars[i];
            var top = plotTop + (i * RowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar-text {StyleClass(bar.Style)}\" aria-hidden=\"true\">");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"label\" x=\"{F(Margin)}\" y=\"{F(top + LabelBaseline)}\">{Markup.Escape(Fit(bar.Label, bar.ValueText))}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"value\" x=\"{F(Width - Margin)}\" y=\"{F(top + LabelBaseline)}\" "
                    + $"text-anchor=\"end\">{Markup.Escape(bar.ValueText)}</text>");
            svg.Append("</g>");
        }
    }

    private static void AppendSpread(StringBuilder svg, ChartSpread spread, double middle, Func<double, double> at)
    {
        var (low, high, tick) = (at(spread.Min), at(spread.Max), at(spread.Tick));
        var cap = (BarHeight / 2) + 2;
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"spread\" aria-hidden=\"true\" data-min=\"{Markup.Escape(NumberText.Plain(spread.Min))}\" "
                + $"data-max=\"{Markup.Escape(NumberText.Plain(spread.Max))}\" data-tick=\"{Markup.Escape(NumberText.Plain(spread.Tick))}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(low)}\" y1=\"{F(middle)}\" x2=\"{F(high)}\" y2=\"{F(middle)}\"/>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{F(low)}\" y1=\"{F(middle - cap + 3)}\" x2=\"{F(low)}\" y2=\"{F(middle + cap - 3)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(high)}\" y1=\"{F(middle - cap + 3)}\" x2=\"{F(high)}\" "
            + $"y2=\"{F(middle + cap - 3)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"tick-mark\" x1=\"{F(tick)}\" y1=\"{F(middle - cap)}\" x2=\"{F(tick)}\" "
            + $"y2=\"{F(middle + cap)}\"/>");
        svg.Append("</g>");
    }

    /// <summary>The CSS class of a bar style, also used by the page's legend.</summary>
    public static string StyleClass(BarStyle style) => style switch
    {
        BarStyle.Audited => "audited",
        BarStyle.Published => "published",
        BarStyle.Within => "within",
        BarStyle.Over => "over",
        BarStyle.NotCounted => "not-counted",
        BarStyle.Best => "best",
        BarStyle.Claimed => "claimed",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "unknown bar style"),
    };

    /// <summary>
    /// Shortens a label with an ellipsis so it does not run into the value text on its line (the full label stays in the
    /// bar's title). Widths are estimated at <see cref="CharWidth"/> units per character of the 15 px font.
    /// </summary>
    internal static string Fit(string label, string valueText)
    {
        var room = (int)((Width - (2 * Margin) - 16 - (valueText.Length * CharWidth)) / CharWidth);
        return label.Length <= room || room < 4 ? label : string.Concat(label.AsSpan(0, room - 1).TrimEnd(), "…");
    }

    private static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
