using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Logs;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// The rules on the <c>accuracy/</c> folder: targets and bounds from accuracy.txt, the hash line,
/// the truncated accuracy log, LoadGen errors of the accuracy run and its dataset coverage.
/// </summary>
internal static class AccuracyRules
{
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Applies the rules; returns the accuracy string the official CSV carries (e.g. <c>ROUGE1: 44.7494  ...</c>).</summary>
    public static string Check(ResultContext context)
    {
        var accuracyText = CheckTargets(context);
        CheckRun(context);
        return accuracyText;
    }

    /// <summary>The targets, bounds and hash of accuracy.txt: the part the open division is lenient on. Returns the CSV's accuracy string.</summary>
    public static string CheckTargets(ResultContext context) => CheckAccuracyText(context, context.AccuracyFolder + "/accuracy.txt");

    /// <summary>The accuracy run itself: sample outputs, the truncated log, LoadGen errors and the samples covered.</summary>
    public static void CheckRun(ResultContext context)
    {
        var folder = context.AccuracyFolder;
        CheckExtraFiles(context, folder);
        CheckTruncatedLog(context, folder + "/mlperf_log_accuracy.json");
        if (context.ReadDetailLog(folder + "/mlperf_log_detail.txt") is { } log)
        {
            PerformanceRules.CheckErrors(context, log);
            if (context.Round.AccuracySampleCountRequired)
            {
                CheckSampleCount(context, log);
            }
            else
            {
                var total = log.ReadInteger("qsl_reported_total_count");
                var expected = context.Benchmark.AccuracySamplesFor(context.Location.Scenario);
                if (total.Ok && total.Value != expected)
                {
                    context.Add(FindingCatalog.InfAccuracyDatasetSize.At(
                        log.File, total.Line, total.Value, context.Benchmark.Name, expected, context.Round.Round));
                }
            }
        }
    }

    /// <summary>
    /// v6.x: the accuracy run must cover the accuracy sample count exactly. LoadGen's <c>effective_accuracy_sample_count</c>
    /// is read when the log has it, else <c>qsl_reported_total_count</c>; a shortfall, an excess or neither key rejects the
    /// result.
    /// </summary>
    private static void CheckSampleCount(ResultContext context, DetailLog log)
    {
        var expected = context.Benchmark.AccuracySamplesFor(context.Location.Scenario);
        var effective = log.ReadInteger("effective_accuracy_sample_count");
        var count = effective.State == LogValueState.Missing ? log.ReadInteger("qsl_reported_total_count") : effective;
        if (!count.Ok)
        {
            context.Add(FindingCatalog.InfAccuracySampleCountUnreadable.At(log.File, count.Line, count.Problem, context.Benchmark.Name, expected));
        }
        else if (count.Value != expected)
        {
            context.Add(FindingCatalog.InfAccuracySampleCount.At(
                log.File, count.Line, count.Value, count.Key, context.Benchmark.Name, expected, context.Round.Round));
        }
    }

    /// <summary>Reads the benchmark's metrics from an accuracy text file (accuracy.txt, or TEST01's baseline/compliance files).</summary>
    public static AccuracyText ReadValues(ResultContext context, string path)
    {
        var patterns = context.Benchmark.AccuracyFor(context.Location.Scenario).ToDictionary(
            t => t.Metric,
            t => Compiled.GetOrAdd(
                context.Round.MetricPatterns[t.Metric], p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))),
            StringComparer.Ordinal);
        if (context.Index.File(path) is not { } entry)
        {
            return AccuracyText.Read(Stream.Null, patterns, context.Limits.MaxLineBytes);
        }

        using var stream = context.Index.Bundle.Open(entry);
        return AccuracyText.Read(stream, patterns, context.Limits.MaxLineBytes);
    }

    private static string CheckAccuracyText(ResultContext context, string path)
    {
        if (context.Index.File(path) is null)
        {
            return string.Empty;
        }

        var text = ReadValues(context, path);

        var csv = new StringBuilder();
        foreach (var target in context.Benchmark.AccuracyFor(context.Location.Scenario))
        {
            var values = text.Values[target.Metric];
            if (values.Count == 0 && target.Lower is null)
            {
                continue;
            }

            if (values.Count == 0)
            {
                context.Add(FindingCatalog.InfAccuracyMetricMissing.At(path, null, target.Metric));
                continue;
            }

            csv.Append(CultureInfo.InvariantCulture, $"{target.Metric}: {values[^1].Text}  ");
            var bounded = target.Upper is not null;
            if (target.Lower is { } lower)
            {
                foreach (var value in values.Where(v => v.Value < lower.Value))
                {
                    var definition = bounded ? FindingCatalog.InfAccuracyBelowLimit : FindingCatalog.InfAccuracyBelowTarget;
                    context.Add(definition.At(
                        path, value.Line, target.Metric, value.Text, context.Benchmark.Name, lower.Value, lower.Reference, lower.Factor));
                }
            }

            if (target.Upper is { } upper)
            {
                foreach (var value in values.Where(v => v.Value > upper.Value))
                {
                    context.Add(FindingCatalog.InfAccuracyAboveLimit.At(
                        path, value.Line, target.Metric, value.Text, context.Benchmark.Name, upper.Value, upper.Reference, upper.Factor));
                }
            }
        }

        if (text.Hash is null)
        {
            context.Add(FindingCatalog.InfAccuracyHashMissing.At(path, null));
        }

        return csv.ToString().TrimEnd();
    }

    private static void CheckExtraFiles(ResultContext context, string folder)
    {
        foreach (var (sub, stems) in context.Benchmark.ExtraAccuracyFiles)
        {
            var path = $"{folder}/{sub}";
            var present = context.Index.FilesIn(path)
                .Select(e => e.FileName.Split('.')[0])
                .ToHashSet(StringComparer.Ordinal);
            var missing = stems.Where(s => !present.Contains(s)).ToList();
            if (!context.Index.FolderExists(path) || missing.Count > 0)
            {
                var extension = sub == "videos" ? ".mp4" : ".png";
                context.Add(FindingCatalog.InfAccuracyExtraFiles.At(path, null, path, string.Join(", ", missing.Select(m => m + extension))));
            }
        }
    }

    private static void CheckTruncatedLog(ResultContext context, string path)
    {
        if (context.Index.File(path) is not { } entry)
        {
            return;
        }

        if (entry.Length > context.Round.AccuracyLogMaxBytes)
        {
            context.Add(FindingCatalog.InfAccuracyLogNotTruncated.At(path, null, entry.Length, context.Round.AccuracyLogMaxBytes));
        }
    }
}
