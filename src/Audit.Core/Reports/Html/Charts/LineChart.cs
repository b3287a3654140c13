using System.Globalization;
using System.Text;

namespace MlPerfAudit.Core.Reports.Html.Charts;

/// <summary>One line: the samples of one source (e.g. one GPU), in time order.</summary>
/// <param name="Name">What the line is, e.g. <c>GPU 0</c>; printed in its title.</param>
/// <param name="Points">(x, y) pairs in the chart's units; non-finite values are skipped.</param>
internal sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A horizontal reference line at a value (a limit, a threshold).</summary>
/// <param name="Value">Where, in the y unit.</param>
/// <param name="Label">What it marks, printed at its right end and in its title.</param>
internal sealed record ReferenceLine(double Value, string Label);

/// <summary>A shaded span of the x axis (e.g. the measured steps).</summary>
/// <param name="From">Start, in the x unit.</param>
/// <param name="To">End, in the x unit.</param>
/// <param name="Label">What it is, printed at its top and in its title.</param>
internal sealed record XSpan(double From, double To, string Label);

/// <summary>A line chart over time.</summary>
/// <param name="Id">Unique id within the page (letters, digits, dashes).</param>
/// <param name="Kind">What the chart shows (e.g. <c>telemetry-clock</c>), written as data-chart.</param>
/// <param name="Title">Title of the chart, also its accessible name.</param>
/// <param name="Description">One or two sentences a screen reader gets: what is plotted and what stands out.</param>
/// <param name="XAxisLabel">x axis label with its unit, e.g. <c>Seconds since run_start</c>.</param>
/// <param name="YAxisLabel">y axis label with its unit, e.g. <c>SM clock (MHz)</c>.</param>
/// <param name="Series">Lines drawn.</param>
/// <param name="References">Horizontal reference lines.</param>
/// <param name="Span">Shaded span of x, or null.</param>
internal sealed record LineChartSpec(
    string Id,
    string Kind,
    string Title,
    string Description,
    string XAxisLabel,
    string YAxisLabel,
    IReadOnlyList<LineSeries> Series,
    IReadOnlyList<ReferenceLine> References,
    XSpan? Span)
{
    /// <summary>Top of the y axis when no value exceeds it (e.g. 100 for a percentage), in the y unit; null to fit the data.</summary>
    public double? YMax { get; init; }
}

/// <summary>
/// Draws <see cref="LineChartSpec"/> as inline SVG in the style of <see cref="BarChart"/>: y from 0 to a round maximum
/// (reference lines included), x over the data's range with round ticks, both axes labelled with units, dashed reference
/// lines with their labels, every line and reference line with a &lt;title&gt;. No script.
/// </summary>
// Hand-written: a chart library would bring script or a runtime; the report is one self-contained HTML file of static SVG.
internal static class LineChart
{
    /// <summary>Width of the SVG coordinate system; the SVG scales to its container.</summary>
    public const double Width = 480;

    /// <summary>Height of the SVG coordinate system.</summary>
    public const double Height = 250;

    private const double Left = 74;
    private const double Right = 12;
    private const double Top = 24;
    private const double Bottom = 52;

    /// <summary>Renders the chart as an SVG element.</summary>
    public static string Render(LineChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var points = spec.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var largest = points.Select(p => p.Y).Concat(spec.References.Select(r => r.Value)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var y = spec.YMax is { } top && largest <= top ? AxisScale.For(top, 5) : AxisScale.For(largest * 1.04, 5);
        var (xMin, xMax, xStep) = XRange(points.Select(p => p.X).Concat(spec.Span is { } s ? [s.From, s.To] : []).ToList());
        var plotWidth = Width - Left - Right;
        var plotBottom = Height - Bottom;
        var plotHeight = plotBottom - Top;
        double X(double value) => Left + (Math.Clamp((value - xMin) / (xMax - xMin), 0, 1) * plotWidth);
        double Y(double value) => plotBottom - y.Position(value, plotHeight);
        var titleId = spec.Id + "-title";
        var descId = spec.Id + "-desc";

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart line-chart\" data-chart=\"{Markup.Escape(spec.Kind)}\" id=\"{Markup.Escape(spec.Id)}\" role=\"img\" "
                + $"aria-labelledby=\"{titleId} {descId}\" viewBox=\"0 0 {F(Width)} {F(Height)}\" width=\"{F(Width)}\" height=\"{F(Height)}\" "
                + $"preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{titleId}\">{Markup.Escape(spec.Title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{descId}\">{Markup.Escape(spec.Description)}</desc>");

        if (spec.Span is { } span)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"span\"><title>{Markup.Escape(span.Label)}</title>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{F(X(span.From))}\" y=\"{F(Top)}\" width=\"{F(Math.Max(X(span.To) - X(span.From), 1))}\" height=\"{F(plotHeight)}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F((X(span.From) + X(span.To)) / 2)}\" y=\"{F(Top - 8)}\" text-anchor=\"middle\">{Markup.Escape(span.Label)}</text></g>");
        }

        // Axes: horizontal gridlines with y ticks, x ticks under the baseline, both axis labels.
        svg.Append("<g class=\"axis\" aria-hidden=\"true\">");
        foreach (var tick in y.Ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(Left)}\" y1=\"{F(Y(tick))}\" x2=\"{F(Width - Right)}\" "
                + $"y2=\"{F(Y(tick))}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{F(Left - 6)}\" y=\"{F(Y(tick) + 5)}\" "
                    + $"text-anchor=\"end\">{Markup.Escape(NumberText.Readable(tick, y.Decimals))}</text>");
        }

        var xDecimals = new AxisScale(xStep, xStep).Decimals;
        for (var tick = xMin; tick <= xMax + (xStep / 2); tick += xStep)
        {
            var x = X(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(x)}\" y1=\"{F(plotBottom)}\" x2=\"{F(x)}\" "
                + $"y2=\"{F(plotBottom + 5)}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{F(x)}\" y=\"{F(plotBottom + 20)}\" "
                    + $"text-anchor=\"middle\">{Markup.Escape(NumberText.Readable(Math.Round(tick, 9), xDecimals))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"baseline\" x1=\"{F(Left)}\" y1=\"{F(plotBottom)}\" x2=\"{F(Width - Right)}\" "
            + $"y2=\"{F(plotBottom)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"baseline\" x1=\"{F(Left)}\" y1=\"{F(Top)}\" x2=\"{F(Left)}\" "
            + $"y2=\"{F(plotBottom)}\"/>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"axis-label\" x=\"{F(Left + (plotWidth / 2))}\" y=\"{F(Height - 8)}\" "
                + $"text-anchor=\"middle\">{Markup.Escape(spec.XAxisLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"axis-label\" x=\"{F(-(Top + (plotHeight / 2)))}\" y=\"16\" transform=\"rotate(-90)\" "
                + $"text-anchor=\"middle\">{Markup.Escape(spec.YAxisLabel)}</text>");
        svg.Append("</g>");

        AppendSeries(svg, spec, X, Y);
        AppendReferences(svg, spec, Y);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Lines, one polyline per series; <paramref name="x"/> and <paramref name="y"/> map values to the plot.</summary>
    private static void AppendSeries(StringBuilder svg, LineChartSpec spec, Func<double, double> x, Func<double, double> y)
    {
        foreach (var (series, index) in spec.Series.Select((s, i) => (s, i)))
        {
            var drawn = series.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            if (drawn.Count == 0)
            {
                continue;
            }

            var ys = drawn.Select(p => p.Y).ToList();
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"series s{index % 4}\" data-series=\"{Markup.Escape(series.Name)}\" "
                    + $"data-points=\"{drawn.Count}\"><title>{Markup.Escape(series.Name)}: {drawn.Count} samples, "
                    + $"{Markup.Escape(NumberText.Readable(ys.Min(), 0))} to {Markup.Escape(NumberText.Readable(ys.Max(), 0))}</title>");
            svg.Append("<polyline points=\"");
            svg.AppendJoin(' ', drawn.Select(p => $"{F(x(p.X))},{F(y(p.Y))}"));
            svg.Append("\"/></g>");
        }
    }

    /// <summary>Reference lines last, labelled at their right end (the label has a white halo).</summary>
    private static void AppendReferences(StringBuilder svg, LineChartSpec spec, Func<double, double> y)
    {
        foreach (var reference in spec.References)
        {
            var at = y(reference.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"reference\" data-value=\"{Markup.Escape(NumberText.Plain(reference.Value))}\">"
                + $"<title>{Markup.Escape(reference.Label)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" y1=\"{F(at)}\" x2=\"{F(Width - Right)}\" y2=\"{F(at)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Width - Right - 4)}\" y=\"{F(at - 5)}\" "
                + $"text-anchor=\"end\">{Markup.Escape(reference.Label)}</text></g>");
        }
    }

    /// <summary>The x axis: round ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) from at or below the smallest value to at or above the largest.</summary>
    internal static (double Min, double Max, double Step) XRange(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return (0, 1, 0.25);
        }

        var low = Math.Min(0, finite.Min());
        var high = finite.Max();
        var step = AxisScale.For(Math.Max(high - low, 1e-9), 6).Step;
        var min = Math.Floor((low / step) + 1e-9) * step;
        var max = Math.Ceiling((high / step) - 1e-9) * step;
        return max > min ? (min, max, step) : (min, min + step, step);
    }

    private static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
