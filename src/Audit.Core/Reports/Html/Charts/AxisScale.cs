namespace MlPerfAudit.Core.Reports.Html.Charts;

/// <summary>
/// A linear value axis from 0 to a "nice" maximum with evenly spaced ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ), so tick
/// labels are round numbers a reader can interpolate between.
/// </summary>
/// <param name="Max">Upper end of the axis (≥ the largest value drawn), in the chart's unit.</param>
/// <param name="Step">Distance between ticks, in the chart's unit.</param>
internal sealed record AxisScale(double Max, double Step)
{
    private static readonly double[] Mantissas = [1, 2, 2.5, 5, 10];

    /// <summary>Ticks from 0 to <see cref="Max"/> inclusive.</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            var count = (int)Math.Round(Max / Step);
            return [.. Enumerable.Range(0, count + 1).Select(i => i * Step)];
        }
    }

    /// <summary>Decimals needed to print every tick exactly (0 for steps ≥ 1).</summary>
    public int Decimals
    {
        get
        {
            var text = Step.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? 0 : text.Length - dot - 1;
        }
    }

    /// <summary>
    /// The scale for values up to <paramref name="largest"/> with at most <paramref name="maxTicks"/> intervals.
    /// A non-positive or non-finite largest value gives the axis 0–1.
    /// </summary>
    /// <param name="largest">Largest value to fit, in the chart's unit.</param>
    /// <param name="maxTicks">Most intervals between 0 and the maximum (at least 1); default 5.</param>
    public static AxisScale For(double largest, int maxTicks = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 1);
        if (!double.IsFinite(largest) || largest <= 0)
        {
            return new AxisScale(1, 1.0 / maxTicks);
        }

        var raw = largest / maxTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var mantissa in Mantissas)
        {
            var step = mantissa * magnitude;
            var intervals = Math.Ceiling((largest / step) - 1e-9);
            if (intervals <= maxTicks)
            {
                return new AxisScale(intervals * step, step);
            }
        }

        return new AxisScale(Math.Ceiling(largest / (10 * magnitude)) * 10 * magnitude, 10 * magnitude);
    }

    /// <summary>Position of <paramref name="value"/> along an axis of <paramref name="length"/> units, clamped to the axis.</summary>
    public double Position(double value, double length) => Math.Clamp(value / Max, 0, 1) * length;
}
