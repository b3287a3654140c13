using MlPerfAudit.Core.Reports.Html.Charts;

namespace MlPerfAudit.Core.Reports.Html;

/// <summary>
/// The chart specifications of a sweep report (<see cref="AuditReport.Sweep"/>): step time and tokens/s per GPU across
/// the configurations, and each configuration's telemetry over time. Drawing is <see cref="BarChart"/>'s and
/// <see cref="LineChart"/>'s job.
/// </summary>
internal static class SweepCharts
{
    /// <summary>Fraction of the maximum SM clock drawn as the throttle reference line (80 %).</summary>
    public const double ThrottleLineRatio = 0.8;

    /// <summary>The configurations of the sweep in chart order: by GPUs, then micro-batch size, then label.</summary>
    public static IReadOnlyList<ResultReport> Configurations(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Results.Where(r => r.Sweep is not null)
            .OrderBy(r => r.Sweep!.Configuration.Gpus)
            .ThenBy(r => r.Sweep!.Configuration.MicroBatchSize)
            .ThenBy(r => r.Sweep!.Configuration.Label, StringComparer.Ordinal)];
    }

    /// <summary>Mean step time per configuration (s/step), with min–max whisker and p95 tick; null when no configuration has measured
    /// steps.</summary>
    public static BarChartSpec? StepTime(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var configurations = Configurations(report).Where(r => r.Sweep!.StepTime is not null).ToList();
        if (configurations.Count == 0)
        {
            return null;
        }

        var best = BestLabel(report, "step-time");
        var bars = configurations.Select(r =>
        {
            var t = r.Sweep!.StepTime!;
            return new ChartBar(BarLabel(report, r, best), t.MeanSeconds, $"mean {Seconds(t.MeanSeconds)}", Style(report, r, best))
            {
                Spread = new ChartSpread(t.MinSeconds, t.MaxSeconds, t.P95Seconds,
                    $"p95 {Seconds(t.P95Seconds)}, min {Seconds(t.MinSeconds)}, max {Seconds(t.MaxSeconds)} over {t.Steps} measured steps"),
            };
        }).ToList();
        return new BarChartSpec(
            "sweep-step-time", "sweep-step-time",
            "Step time per configuration",
            $"Mean time per optimizer step of {bars.Count} configuration(s), warm-up excluded; the whisker spans the fastest to the slowest measured "
                + $"step and the tall tick marks the 95th percentile."
            + (best is null ? string.Empty : $" Fastest: {best}."),
            "Seconds per optimizer step (mean; whisker min–max, tick p95)",
            bars, []);
    }

    /// <summary>Tokens/s per GPU per configuration; null when no configuration has a throughput.</summary>
    public static BarChartSpec? Throughput(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var configurations = Configurations(report).Where(r => r.Sweep!.TokensPerSecondPerGpu is { } v && double.IsFinite(v)).ToList();
        if (configurations.Count == 0)
        {
            return null;
        }

        var best = BestLabel(report, "tokens-per-gpu");
        var bars = configurations.Select(r => new ChartBar(
            BarLabel(report, r, best), r.Sweep!.TokensPerSecondPerGpu!.Value,
            $"{NumberText.Readable(r.Sweep.TokensPerSecondPerGpu!.Value, 0)} tokens/s", Style(report, r, best))).ToList();
        return new BarChartSpec(
            "sweep-throughput", "sweep-throughput",
            "Tokens per second per GPU per configuration",
            $"Tokens per step ÷ mean step time ÷ GPUs of {bars.Count} configuration(s)." + (best is null ? string.Empty : $" Highest: {best}."),
            "Tokens/s per GPU (tokens per step ÷ mean step time ÷ GPUs)",
            bars, []);
    }

    /// <summary>
    /// The telemetry of one configuration over time: SM clock (MHz) with lines at the maximum and at 80 % of it, power (W)
    /// with a line at the power limit, and utilization (%); each with the measured steps shaded. Empty without telemetry.
    /// </summary>
    public static IReadOnlyList<LineChartSpec> Telemetry(AuditReport report, ResultReport result)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Sweep is not { Telemetry: { Series.Count: > 0 } telemetry } sweep)
        {
            return [];
        }

        var label = sweep.Configuration.Label;
        var id = ReportCharts.Id("tel-" + label);
        var window = sweep.Window;
        var span = new XSpan(
            (window.MeasuredStartMs - window.RunStartMs) / 1000, (window.MeasuredStopMs - window.RunStartMs) / 1000, "measured steps");
        const string xLabel = "Seconds since run_start";

        var maxClock = report.Sweep?.MaxSmClockMhz ?? telemetry.MaxSmClockMhz;
        var clockLines = maxClock is { } max
            ? new[]
            {
                new ReferenceLine(max, $"max {NumberText.Readable(max, 0)} MHz"),
                new ReferenceLine(max * ThrottleLineRatio, $"80 % = {NumberText.Readable(max * ThrottleLineRatio, 0)} MHz"),
            }
            : [];
        var powerLimit = report.Sweep?.PowerLimitWatts ?? telemetry.PowerLimitWatts;
        var powerLines = powerLimit is { } limit ? new[] { new ReferenceLine(limit, $"limit {NumberText.Readable(limit, 0)} W") } : [];

        return
        [
            new LineChartSpec(id + "-clock", "telemetry-clock", $"{label}: SM clock",
                $"SM clock of {label} over the run" + Mean(telemetry.MeanSmClockMhz, "MHz", "the mean over the measured steps is")
                + (maxClock is { } m ? $"; reference lines at the maximum {NumberText.Readable(m, 0)} MHz and at 80 % of it." : "."),
                xLabel, "SM clock (MHz)", Series(telemetry, p => p.SmClockMhz), clockLines, span),
            new LineChartSpec(id + "-power", "telemetry-power", $"{label}: power draw",
                $"Power draw of {label} over the run" + Mean(telemetry.MeanPowerWatts, "W", "the mean over the measured steps is")
                + (powerLimit is { } l ? $"; reference line at the power limit {NumberText.Readable(l, 0)} W." : "."),
                xLabel, "Power draw (W)", Series(telemetry, p => p.PowerWatts), powerLines, span),
            new LineChartSpec(id + "-util", "telemetry-utilization", $"{label}: GPU utilization",
                $"utilization.gpu of {label} over the run" + Mean(telemetry.MeanUtilizationPercent, "%", "the mean over the measured steps is") + ".",
                xLabel, "Utilization (%)", Series(telemetry, p => p.UtilizationPercent), [], span) { YMax = 100 },
        ];
    }

    private static List<LineSeries> Series(SweepTelemetry telemetry, Func<TelemetryPoint, double?> value)
        => [.. telemetry.Series.GroupBy(p => p.Gpu).OrderBy(g => g.Key).Select(g => new LineSeries(
            $"GPU {g.Key}", [.. g.OrderBy(p => p.Seconds).Where(p => value(p) is not null).Select(p => (p.Seconds, value(p)!.Value))]))];

    private static string Mean(double? value, string unit, string text)
        => value is { } v ? $"; {text} {NumberText.Readable(v, 0)} {unit}" : string.Empty;

    private static string? BestLabel(AuditReport report, string criterion)
        => report.Sweep?.Best.FirstOrDefault(b => b.Criterion == criterion)?.Label;

    private static string? ClaimedLabel(AuditReport report) => report.Sweep?.Recommendation?.ClaimedLabel;

    private static string BarLabel(AuditReport report, ResultReport result, string? best)
    {
        var configuration = result.Sweep!.Configuration;
        var notes = new List<string>();
        if (configuration.Label == best)
        {
            notes.Add("best");
        }

        if (configuration.Label == ClaimedLabel(report))
        {
            notes.Add($"claimed, {report.Sweep!.Recommendation!.Outcome}");
        }

        var gpus = configuration.Gpus == 1 ? "1 GPU" : $"{configuration.Gpus} GPUs";
        return $"{configuration.Label} · {gpus}{(notes.Count == 0 ? string.Empty : $" ({string.Join("; ", notes)})")}";
    }

    private static BarStyle Style(AuditReport report, ResultReport result, string? best)
    {
        var label = result.Sweep!.Configuration.Label;
        return label == best ? BarStyle.Best : label == ClaimedLabel(report) ? BarStyle.Claimed : BarStyle.Audited;
    }

    private static string Seconds(double seconds) => $"{NumberText.Readable(seconds, 4)} s";
}
