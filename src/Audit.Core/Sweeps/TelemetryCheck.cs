using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>A telemetry sample with the file it came from.</summary>
internal sealed record TimedSample(string File, TelemetrySample Sample);

/// <summary>Every telemetry sample of the bundle, per GPU in time order.</summary>
internal sealed class TelemetryIndex
{
    public TelemetryIndex(IReadOnlyList<TelemetryFile> files)
    {
        Files = files;
        var all = files.SelectMany(f => f.Samples.Select(s => new TimedSample(f.Path, s))).ToList();
        ByGpu = all.GroupBy(s => s.Sample.Gpu)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TimedSample>)[.. g.OrderBy(s => s.Sample.TimeMs)]);
        GpuName = all.Select(s => s.Sample.Name).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        MaxSmClockColumn = all.Select(s => s.Sample.MaxSmClockMhz).FirstOrDefault(v => v is not null);
        PowerLimitColumn = all.Select(s => s.Sample.PowerLimitWatts).FirstOrDefault(v => v is not null);
        HighestSmClock = all.Select(s => s.Sample.SmClockMhz).Where(v => v is not null).DefaultIfEmpty(null).Max();
        var intervals = ByGpu.Values.SelectMany(list => list.Zip(list.Skip(1), (a, b) => b.Sample.TimeMs - a.Sample.TimeMs))
            .Where(d => d > 0).Order().ToList();
        MedianIntervalMs = intervals.Count > 0 ? intervals[intervals.Count / 2] : 1000;
    }

    public IReadOnlyList<TelemetryFile> Files { get; }

    public IReadOnlyDictionary<int, IReadOnlyList<TimedSample>> ByGpu { get; }

    public string? GpuName { get; }

    public double? MaxSmClockColumn { get; }

    public double? PowerLimitColumn { get; }

    public double? HighestSmClock { get; }

    /// <summary>Median time between two samples of one GPU, in ms (1000 when unknown).</summary>
    public double MedianIntervalMs { get; }

    /// <summary>GPUs 0..gpus−1 when the telemetry has them all; otherwise every GPU it has.</summary>
    public IReadOnlyList<int> GpusFor(int gpus)
    {
        var wanted = Enumerable.Range(0, Math.Max(1, gpus)).ToList();
        return wanted.All(ByGpu.ContainsKey) ? wanted : [.. ByGpu.Keys.Order()];
    }

    /// <summary>memory.total of the first of <paramref name="gpus"/> that reports it, in MiB.</summary>
    public double? MemoryTotal(IReadOnlyList<int> gpus)
        => gpus.Where(ByGpu.ContainsKey).SelectMany(g => ByGpu[g]).Select(s => s.Sample.MemoryTotalMiB).FirstOrDefault(v => v is not null);
}

/// <summary>Matches telemetry to one configuration by time and judges it: coverage and gaps, utilization, memory, throttling.</summary>
internal static class TelemetryCheck
{
    public static SweepTelemetry Match(TelemetryIndex index, IReadOnlyList<int> gpus, SweepWindow window, double? maxClock, double? powerLimit,
        double? peakGiB, bool expectBusy, string label, SweepAuditOptions options, List<Finding> findings)
    {
        var interval = index.MedianIntervalMs;
        var samples = gpus.Where(index.ByGpu.ContainsKey).SelectMany(g => index.ByGpu[g])
            .OrderBy(s => s.Sample.TimeMs).ThenBy(s => s.Sample.Gpu).ToList();
        var file = samples.FirstOrDefault()?.File ?? index.Files[0].Path;
        var measured = samples.Where(s => s.Sample.TimeMs >= window.MeasuredStartMs && s.Sample.TimeMs <= window.MeasuredStopMs).ToList();
        var run = samples.Where(s => s.Sample.TimeMs >= window.RunStartMs && s.Sample.TimeMs <= window.RunStopMs).ToList();

        if (samples.Count == 0 || window.RunStopMs < samples[0].Sample.TimeMs || window.RunStartMs > samples[^1].Sample.TimeMs)
        {
            findings.Add(samples.Count == 0
                ? FindingCatalog.SwpTelDisagree.At(file, null, label)
                : FindingCatalog.SwpTelDisagreeWindow.At(file, null, label, Utc(window.RunStartMs), Utc(window.RunStopMs),
                    Utc(samples[0].Sample.TimeMs), Utc(samples[^1].Sample.TimeMs), options.TelemetryUtcOffsetMinutes));
        }
        else
        {
            Gaps(index, gpus, window, interval, label, options, findings);
            if (expectBusy && measured.Count > 0 && Mean(measured, s => s.UtilizationPercent) is { } util)
            {
                if (util < options.IdleUtilizationPercent)
                {
                    findings.Add(FindingCatalog.SwpTelDisagreeIdle.At(measured[0].File, measured[0].Sample.Line, label, util, measured.Count));
                }
                else if (util < options.LowUtilizationPercent)
                {
                    findings.Add(FindingCatalog.SwpTelLowUtilization.At(
                        measured[0].File, measured[0].Sample.Line, label, util, measured.Count, options.LowUtilizationPercent));
                }
            }

            var maxUsed = run.Select(s => s.Sample.MemoryUsedMiB).Where(v => v is not null).DefaultIfEmpty(null).Max();
            if (peakGiB is { } peak && maxUsed is { } used && used < peak * 1024)
            {
                findings.Add(FindingCatalog.SwpTelDisagreeMemory.At(file, null, label, peak, peak * 1024, used));
            }
        }

        var throttled = Throttling(measured, gpus, maxClock, powerLimit, interval, label, options, findings);
        var meanClock = Mean(measured, s => s.SmClockMhz);
        var meanPower = Mean(measured, s => s.PowerWatts);
        var series = samples
            .Where(s => s.Sample.TimeMs >= window.RunStartMs - interval && s.Sample.TimeMs <= window.RunStopMs + interval).ToList();
        var stride = Math.Max(1, (int)Math.Ceiling(series.Count / (double)options.MaxSeriesPoints));
        return new SweepTelemetry(
            file,
            measured.Count,
            Mean(measured, s => s.UtilizationPercent),
            meanClock,
            measured.Select(s => s.Sample.SmClockMhz).Where(v => v is not null).DefaultIfEmpty(null).Min(),
            maxClock,
            meanClock / maxClock,
            meanPower,
            powerLimit,
            meanPower / powerLimit,
            Mean(measured, s => s.TemperatureC),
            measured.Select(s => s.Sample.TemperatureC).Where(v => v is not null).DefaultIfEmpty(null).Max(),
            run.Select(s => s.Sample.MemoryUsedMiB).Where(v => v is not null).DefaultIfEmpty(null).Max(),
            throttled,
            [.. series.Where((_, i) => i % stride == 0).Select(s => new TelemetryPoint(
                Math.Round((s.Sample.TimeMs - window.RunStartMs) / 1000, 3), s.Sample.Gpu, s.Sample.UtilizationPercent, s.Sample.SmClockMhz,
                s.Sample.PowerWatts, s.Sample.TemperatureC, s.Sample.MemoryUsedMiB))]);
    }

    private static void Gaps(TelemetryIndex index, IReadOnlyList<int> gpus, SweepWindow window, double interval, string label,
        SweepAuditOptions options, List<Finding> findings)
    {
        var limit = options.GapFactor * interval;
        foreach (var gpu in gpus.Where(index.ByGpu.ContainsKey))
        {
            var list = index.ByGpu[gpu];
            if (list[0].Sample.TimeMs - window.RunStartMs > limit || window.RunStopMs - list[^1].Sample.TimeMs > limit)
            {
                findings.Add(list[0].Sample.TimeMs > window.RunStartMs
                    ? FindingCatalog.SwpTelGapLateStart.At(list[0].File, null, label, gpu, Utc(list[0].Sample.TimeMs), Utc(window.RunStartMs))
                    : FindingCatalog.SwpTelGapEarlyEnd.At(list[0].File, null, label, gpu, Utc(list[^1].Sample.TimeMs), Utc(window.RunStopMs)));
                return;
            }

            for (var i = 1; i < list.Count; i++)
            {
                var (a, b) = (list[i - 1].Sample.TimeMs, list[i].Sample.TimeMs);
                if (b - a > limit && b > window.RunStartMs && a < window.RunStopMs)
                {
                    findings.Add(FindingCatalog.SwpTelGap.At(
                        list[i].File, list[i].Sample.Line, label, gpu, (b - a) / 1000, Utc(a), Utc(b), interval / 1000));
                    return;
                }
            }
        }
    }

    private static double Throttling(List<TimedSample> measured, IReadOnlyList<int> gpus, double? maxClock, double? powerLimit, double interval,
        string label, SweepAuditOptions options, List<Finding> findings)
    {
        if (maxClock is not { } max)
        {
            return 0;
        }

        var threshold = options.ThrottleClockRatio * max;
        double longest = 0;
        List<TimedSample>? worst = null;
        foreach (var gpu in gpus)
        {
            var stretch = new List<TimedSample>();
            foreach (var s in measured.Where(s => s.Sample.Gpu == gpu).Append(null))
            {
                if (s is not null && s.Sample.UtilizationPercent >= options.BusyUtilizationPercent && s.Sample.SmClockMhz < threshold)
                {
                    stretch.Add(s);
                    continue;
                }

                if (stretch.Count > 0)
                {
                    var seconds = (stretch[^1].Sample.TimeMs - stretch[0].Sample.TimeMs + interval) / 1000;
                    if (seconds > longest)
                    {
                        (longest, worst) = (seconds, [.. stretch]);
                    }

                    stretch.Clear();
                }
            }
        }

        if (worst is not null && longest >= options.ThrottleMinSeconds)
        {
            var power = worst.Select(s => s.Sample.PowerWatts).Where(v => v is not null).DefaultIfEmpty(null).Average();
            var temp = worst.Select(s => s.Sample.TemperatureC).Where(v => v is not null).DefaultIfEmpty(null).Max();
            var cause = power is { } p && powerLimit is { } lim
                ? p >= 0.95 * lim ? FindingCatalog.SwpTelThrottledPowerCapping.Text(p / lim * 100, lim)
                    : temp is { } t ? FindingCatalog.SwpTelThrottledNotPowerHot.Text(p / lim * 100, lim, t)
                    : FindingCatalog.SwpTelThrottledNotPower.Text(p / lim * 100, lim)
                : FindingCatalog.SwpTelThrottledNoPower.Text();
            findings.Add(FindingCatalog.SwpTelThrottled.At(worst[0].File, worst[0].Sample.Line, label, worst[0].Sample.Gpu, threshold,
                options.ThrottleClockRatio * 100, max, longest, worst.Min(s => s.Sample.SmClockMhz), Utc(worst[0].Sample.TimeMs), cause));
        }

        return Math.Round(longest, 2);
    }

    private static double? Mean(List<TimedSample> samples, Func<TelemetrySample, double?> value)
    {
        var values = samples.Select(s => value(s.Sample)).Where(v => v is not null).Select(v => v!.Value).ToList();
        return values.Count > 0 ? values.Average() : null;
    }

    private static string Utc(double ms)
        => DateTimeOffset.FromUnixTimeMilliseconds((long)ms).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
