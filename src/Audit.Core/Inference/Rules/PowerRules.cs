using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Power;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// Power results (a <c>performance/power</c> folder): the files the power checker needs must be there, and the power
/// metric is computed from the performance run (<see cref="PowerMetric"/>).
/// </summary>
internal static class PowerRules
{
    public static bool HasPower(ResultContext context)
        => context.Index.FolderExists(context.Location.Folder + "/performance/power");

    public static void Check(ResultContext context)
    {
        var power = context.Location.Folder + "/performance/power";
        foreach (var name in context.Round.Files.PowerRequired.Where(n => context.Index.File($"{power}/{n}") is null))
        {
            context.Add(FindingCatalog.InfPowerFileMissing.At($"{power}/{name}", null, $"{power}/{name}"));
        }

        var ranging = context.Location.Folder + "/performance/ranging";
        var runFiles = context.Round.Files.PerformanceRequired.Concat(context.Round.Files.PowerRunRequired);
        foreach (var name in runFiles.Where(n => context.Index.File($"{ranging}/{n}") is null))
        {
            context.Add(FindingCatalog.InfPowerFileMissing.At($"{ranging}/{name}", null, $"{ranging}/{name}"));
        }
    }

    /// <summary>
    /// The power metric of the performance run whose detail log is <paramref name="log"/>; null, with a finding, when it
    /// cannot be computed.
    /// </summary>
    public static PowerMetric? Metric(ResultContext context, DetailLog log)
    {
        var splPath = context.PerformanceFolder + "/spl.txt";
        if (context.Index.File(splPath) is not { } spl)
        {
            return null; // INF-FILE: the run's file set already names the missing spl.txt.
        }

        var begin = Timestamp(context, log, "power_begin");
        var end = Timestamp(context, log, "power_end");
        if (begin is null || end is null)
        {
            return null;
        }

        var stream = context.Location.Scenario is Scenarios.SingleStream or Scenarios.MultiStream;
        long? queries = null;
        if (stream)
        {
            var count = log.ReadInteger("result_query_count");
            if (!count.Ok || count.Value <= 0)
            {
                context.Add(count.Ok
                    ? FindingCatalog.InfPowerLogMalformedQueryCount.At(log.File, count.Line, count.Value)
                    : FindingCatalog.InfPowerLogMalformedNoQueryCount.At(log.File, count.Line, count.Problem));
                return null;
            }

            queries = count.Value;
        }

        SplLog samples;
        using (var input = context.Index.Bundle.Open(spl))
        {
            samples = SplLog.Read(input, begin.Value.Time, end.Value.Time, context.Limits.MaxLineBytes);
        }

        if (samples.Problem is not null)
        {
            context.Add(FindingCatalog.InfPowerLogMalformedSpl.At(splPath, samples.ProblemLine, samples.ProblemLine, samples.Problem));
            return null;
        }

        if (samples.Samples == 0)
        {
            context.Add(FindingCatalog.InfPowerNoSamples.At(splPath, null, begin.Value.Text, end.Value.Text));
            return null;
        }

        // Whole microseconds, as the window is logged.
        var seconds = ((end.Value.Time - begin.Value.Time).Ticks / 10) / 1e6;
        if (!stream)
        {
            return new PowerMetric(samples.AverageWatts, "Watts", samples.AverageWatts, samples.Samples, begin.Value.Text, end.Value.Text,
                seconds, null, null, splPath, samples.FirstLine, samples.LastLine, log.File, begin.Value.Line, end.Value.Line);
        }

        // A MultiStream result run as SingleStream counts 8 samples per query; otherwise LoadGen's queries are the unit.
        var ranAsSingle = context.Location.Scenario == Scenarios.MultiStream
            && log.ReadText("effective_scenario") is { Ok: true, Value: Scenarios.SingleStream };
        var perQuery = ranAsSingle ? 8 : 1;
        var millijoules = ranAsSingle
            ? samples.AverageWatts * seconds * perQuery * 1000 / queries.GetValueOrDefault()
            : samples.AverageWatts * seconds * 1000 / queries.GetValueOrDefault();
        return new PowerMetric(millijoules, "millijoules", samples.AverageWatts, samples.Samples, begin.Value.Text, end.Value.Text,
            seconds, queries, perQuery, splPath, samples.FirstLine, samples.LastLine, log.File, begin.Value.Line, end.Value.Line);
    }

    private static (DateTime Time, string Text, int? Line)? Timestamp(ResultContext context, DetailLog log, string key)
    {
        var value = log.ReadText(key);
        if (!value.Ok)
        {
            context.Add(FindingCatalog.InfPowerLogMalformed.At(log.File, value.Line, key, value.Problem));
            return null;
        }

        if (!PowerTimestamp.TryParse(value.Value, out var time))
        {
            context.Add(FindingCatalog.InfPowerLogMalformedTimestamp.At(log.File, value.Line, key, value.Value));
            return null;
        }

        return (time, value.Value!, value.Line);
    }
}
