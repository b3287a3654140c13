using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// Turns a log's step times into the steps the statistics use: a step logged twice is an error (the first is kept),
/// gaps in a per-step log are a warning, warm-up is what MLLOG marks or else the first N iterations the manifest names,
/// and a log without times gets them from the manifest's start plus the step times before each step.
/// </summary>
internal static class SweepSteps
{
    public static List<StepValue> Prepare(ResolvedRun run, string label, List<Finding> findings)
    {
        var log = run.Log;
        var seen = new Dictionary<int, StepValue>();
        var kept = new List<StepValue>();
        StepValue? firstDuplicate = null;
        var duplicates = 0;
        foreach (var s in log.StepTimes)
        {
            if (seen.TryAdd(s.Step, s))
            {
                kept.Add(s);
                continue;
            }

            duplicates++;
            firstDuplicate ??= s;
        }

        if (firstDuplicate is { } d)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpStepDuplicate, string.Create(CultureInfo.InvariantCulture,
                $"{label}: step {d.Step} is logged again (first on line {seen[d.Step].Line}, {seen[d.Step].Value} s; again {d.Value} s); {duplicates} repeated step(s) in all, only the first of each is used."),
                log.Path, d.Line));
        }

        var perStep = log.Format is not (SweepLogFormat.Nemo2 or SweepLogFormat.Megatron);
        if (perStep)
        {
            var gaps = kept.Zip(kept.Skip(1)).Where(p => p.Second.Step - p.First.Step > 1).ToList();
            if (gaps.Count > 0)
            {
                var missing = gaps.Sum(p => (long)p.Second.Step - p.First.Step - 1);
                var (a, b) = gaps[0];
                findings.Add(Finding.Of(FindingCatalog.SwpStepMissing, string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {missing} step(s) are missing from the log (first gap: steps {a.Step + 1}–{b.Step - 1}); the statistics use the {kept.Count} steps logged."),
                    log.Path, b.Line));
            }
        }

        long through = 0;
        var clock = run.StartMs;
        var timed = log.HasTimes;
        for (var i = 0; i < kept.Count; i++)
        {
            var s = kept[i];
            through += s.Weight;
            var warm = log.Format == SweepLogFormat.Mllog ? s.Warmup : through <= run.WarmupSteps;
            var time = s.TimeMs;
            if (!timed && clock is { } c)
            {
                clock = c + (double.IsFinite(s.Value) ? s.Value * s.Weight * 1000 : 0);
                time = clock.Value;
            }

            kept[i] = s with { Warmup = warm, TimeMs = timed ? s.TimeMs : time };
        }

        return kept;
    }

    public static SweepLoss? Loss(ResolvedRun run, string label, SweepAuditOptions options, List<Finding> findings)
    {
        var log = run.Log;
        var path = log.Path;
        if (log.Losses.Count == 0)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLossMissing, $"{label} logs no training loss.", path));
            return null;
        }

        var values = log.Losses.Select(l => l.Value).ToList();
        var finite = values.Where(double.IsFinite).ToList();
        var bad = log.Losses.FirstOrDefault(l => !double.IsFinite(l.Value));
        if (bad is not null)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLossNonFinite, string.Create(CultureInfo.InvariantCulture,
                $"{label}: the training loss is {bad.Value} at step {bad.Step} ({log.Losses.Count(l => !double.IsFinite(l.Value))} non-finite values)."), path, bad.Line));
            return new SweepLoss(values.Count, Finite(values[0]), Finite(values[^1]), finite.Count > 0 ? finite.Min() : null, finite.Count > 0 ? finite.Max() : null, false, "non-finite", null);
        }

        var k = Math.Max(1, values.Count / 5);
        var first = values.GetRange(0, k).Average();
        var last = values.GetRange(values.Count - k, k).Average();
        var change = first != 0 ? (last - first) / Math.Abs(first) : 0;
        var trend = change < -0.001 ? "decreasing" : change > 0.001 ? "increasing" : "flat";
        if (change > options.DivergenceRatio + SweepAuditor.LimitTolerance)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLossDiverging, string.Create(CultureInfo.InvariantCulture,
                $"{label}: the loss diverges: the mean of the last {k} values ({last:0.####}) is {change * 100:0.#}% above the mean of the first {k} ({first:0.####}), over the {options.DivergenceRatio * 100:0.#}% limit; its step times do not describe a configuration that trains."),
                path, log.Losses[^1].Line));
        }

        return new SweepLoss(values.Count, values[0], values[^1], finite.Min(), finite.Max(), true, trend, change);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
