using System.Globalization;
using MlPerfAudit.Core.Reports.Html.Charts;

namespace MlPerfAudit.Core.Reports.Html;

/// <summary>Builds the chart specifications of a report: what is plotted, with which labels and units. Drawing is <see cref="BarChart"/>'s
/// job.</summary>
internal static class ReportCharts
{
    /// <summary>
    /// One chart per benchmark and scenario that has audited results with a per-accelerator throughput: the audited
    /// results beside the published results of the same benchmark, scenario and unit, highest first. Sweep configurations
    /// are left to <see cref="SweepCharts"/>.
    /// </summary>
    public static IReadOnlyList<BarChartSpec> Comparisons(AuditReport report, ReportViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var charts = new List<BarChartSpec>();
        var groups = report.Results
            .Where(r => r.Derived.PerAccelerator is { } v && double.IsFinite(v) && r.Metric is not null && r.Training is null && r.Sweep is null)
            .GroupBy(r => (r.Benchmark, r.Scenario, r.Metric!.Unit))
            .OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Scenario, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var (benchmark, scenario, unit) = group.Key;
            var audited = group.ToList();
            var auditedIds = audited.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var published = options.Comparisons
                .Where(p => p.Benchmark == benchmark && p.Scenario == scenario && p.Unit == unit
                            && double.IsFinite(p.PerAccelerator) && p.PerAccelerator > 0)
                .OrderByDescending(p => p.PerAccelerator)
                .ToList();
            var shown = published.Take(options.MaxComparisonBars)
                .Concat(published.Skip(options.MaxComparisonBars).Where(p => p.Location is { } l && auditedIds.Contains(l)))
                .ToList();

            var bars = audited.Select(r => (Value: r.Derived.PerAccelerator!.Value, Bar: new ChartBar(
                    $"{r.Submitter} {r.System} ×{r.Accelerators} (this report)", r.Derived.PerAccelerator!.Value,
                    $"{NumberText.Readable(r.Derived.PerAccelerator!.Value, 1)} {unit}", BarStyle.Audited)))
                .Concat(shown.Select(p => (Value: p.PerAccelerator, Bar: new ChartBar(
                    $"{p.Submitter} {p.System} ×{p.Accelerators} "
                        + $"({p.ResultId}{(p.Location is { } l && auditedIds.Contains(l) ? ", published value of this result" : string.Empty)})",
                    p.PerAccelerator, $"{NumberText.Readable(p.PerAccelerator, 1)} {unit}", BarStyle.Published))))
                .OrderByDescending(x => x.Value)
                .ThenBy(x => x.Bar.Style)
                .Select(x => x.Bar)
                .ToList();

            var best = audited.Max(r => r.Derived.PerAccelerator!.Value);
            var others = published.Where(p => p.Location is null || !auditedIds.Contains(p.Location)).ToList();
            var rank = others.Count(p => p.PerAccelerator > best) + 1;
            var description = published.Count == 0
                ? $"{audited.Count} audited result(s) of {benchmark} {scenario}; no published results were given for comparison."
                : $"{audited.Count} audited result(s) of {benchmark} {scenario} beside {shown.Count} of {published.Count} published results with the "
                    + $"same unit. "
                  + $"The best audited value, {NumberText.Readable(best, 1)} {unit} per accelerator, ranks {rank} of {others.Count + 1} (the other "
                      + $"published results and this one).";
            charts.Add(new BarChartSpec(
                Id($"cmp-{benchmark}-{scenario}"), "comparison",
                $"{benchmark} {scenario}: {unit} per accelerator",
                description,
                $"{unit} per accelerator (headline ÷ accelerators)",
                bars, []));
        }

        return charts;
    }

    /// <summary>
    /// One chart of the p99 token latencies of every LLM Server/Interactive result, each as a percentage of its
    /// scenario's limit (the limit is the 100 % line), or null when no result has latencies.
    /// </summary>
    public static BarChartSpec? Latency(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bars = new List<ChartBar>();
        var over = 0;
        foreach (var result in report.Results.Where(r => r.Latency is not null))
        {
            var latency = result.Latency!;
            var name = $"{result.System} {result.Benchmark} {result.Scenario}";
            Add(name, "TTFT p99", latency.TimeToFirstTokenP99Ms, latency.TimeToFirstTokenLimitMs);
            Add(name, "TPOT p99", latency.TimePerOutputTokenP99Ms, latency.TimePerOutputTokenLimitMs);
        }

        if (bars.Count == 0)
        {
            return null;
        }

        return new BarChartSpec(
            "latency", "latency",
            "Token latency against its limit (Server and Interactive)",
            $"99th percentile time to first token (TTFT) and time per output token (TPOT) of {bars.Count / 2} result(s), each as a percentage of the "
                + $"limit its scenario allows; "
            + (over == 0 ? "every value is below its limit." : $"{over} value(s) reach or exceed the limit."),
            "% of the scenario's p99 limit (100 % = limit)",
            bars,
            [new ChartMarker(100, "limit")]);

        void Add(string name, string what, double? valueMs, double limitMs)
        {
            if (valueMs is not { } ms || limitMs <= 0)
            {
                return;
            }

            var percent = ms / limitMs * 100;
            var style = ms >= limitMs ? BarStyle.Over : BarStyle.Within;
            over += style == BarStyle.Over ? 1 : 0;
            bars.Add(new ChartBar($"{name}: {what}", percent,
                $"{NumberText.Readable(ms, 1)} ms of {NumberText.Readable(limitMs, 0)} ms "
                    + $"({percent.ToString("0.0", CultureInfo.InvariantCulture)} %)", style));
        }
    }

    /// <summary>Time to train per run of a training result, with the olympic mean and the score marked; null for inference results.</summary>
    public static BarChartSpec? Training(ResultReport result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Training is not { } training || training.Runs.All(r => r.TimeToTrainMinutes is null))
        {
            return null;
        }

        var bars = training.Runs
            .Where(r => r.TimeToTrainMinutes is not null)
            .Select(r => new ChartBar(
                $"{FileName(r.File)}{(r.CountedInScore ? string.Empty : r.Compliant ? " (not counted)" : " (failed)")}",
                r.TimeToTrainMinutes!.Value,
                $"{NumberText.Readable(r.TimeToTrainMinutes!.Value, 2)} min",
                r.CountedInScore ? BarStyle.Within : r.Compliant ? BarStyle.NotCounted : BarStyle.Over))
            .ToList();
        var markers = new List<ChartMarker>();
        if (training.Score is { } score)
        {
            markers.Add(new ChartMarker(score.ScoreMinutes, $"score {NumberText.Readable(score.ScoreMinutes, 2)} min"));
            if (Math.Abs(score.ScalingFactor - 1) > 1e-12)
            {
                markers.Add(new ChartMarker(score.OlympicMinutes, $"olympic mean {NumberText.Readable(score.OlympicMinutes, 2)} min"));
            }
        }

        var scoreText = training.Score is { } s
            ? $"The score is {NumberText.Readable(s.ScoreMinutes, 4)} min: {s.Formula}."
            : "No score: too many runs failed.";
        return new BarChartSpec(
            Id($"ttt-{result.Id}"), "training",
            $"{result.System} {result.Benchmark}: time to train per run",
            $"{bars.Count} run(s) of {result.Benchmark} on {result.System}. {scoreText}",
            "Time to train (minutes, run_start to run_stop)",
            bars, markers);
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>An element id from free text: lower-case letters, digits and dashes.</summary>
    internal static string Id(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }
}
