using System.Globalization;

namespace MlPerfAudit.Core.Reports;

/// <summary>How the people-facing reports (Markdown, HTML) write a result's power metric, its efficiency and its source.</summary>
internal static class PowerText
{
    /// <summary>The power metric: mean watts (<c>1,000 W</c>) or millijoules per query (<c>12.3 mJ per query</c>).</summary>
    public static string Value(PowerMetric power)
        => power.Unit == "Watts" ? $"{NumberText.Readable(power.Value, 3)} W" : $"{NumberText.Readable(power.Value, 3)} mJ per query";

    /// <summary>
    /// Work per joule for a throughput result measured in watts: the headline divided by the mean power, e.g.
    /// <c>52.1 Tokens/s per W</c> (tokens per joule); a dash for SingleStream and MultiStream, whose power metric is
    /// already energy per query.
    /// </summary>
    public static string Efficiency(ResultReport result)
        => result is { Power: { Unit: "Watts", Value: > 0 } power, Metric: { } metric }
            ? $"{NumberText.Readable(metric.Value / power.Value, 3)} {metric.Unit} per W"
            : "–";

    /// <summary>The samples the metric averages and where they are: <c>240 samples in 600.0 s, spl.txt:2-241</c>.</summary>
    public static string Source(PowerMetric power)
    {
        var lines = power.FirstSampleLine is { } first && power.LastSampleLine is { } last
            ? $":{first.ToString(CultureInfo.InvariantCulture)}-{last.ToString(CultureInfo.InvariantCulture)}"
            : string.Empty;
        return $"{power.Samples.ToString("N0", CultureInfo.InvariantCulture)} samples in {NumberText.Readable(power.WindowSeconds, 1)} s, "
            + $"{power.SamplesFile}{lines}";
    }
}
