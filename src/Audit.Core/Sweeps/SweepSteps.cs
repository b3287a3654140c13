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
            var first = seen[d.Step];
            findings.Add(FindingCatalog.SwpStepDuplicate.At(log.Path, d.Line, label, d.Step, first.Line, first.Value, d.Value, duplicates));
        }

        var perStep = log.Format is not (SweepLogFormat.Nemo2 or SweepLogFormat.Megatron);
        if (perStep)
        {
            var gaps = kept.Zip(kept.Skip(1)).Where(p => p.Second.Step - p.First.Step > 1).ToList();
            if (gaps.Count > 0)
            {
                var missing = gaps.Sum(p => (long)p.Second.Step - p.First.Step - 1);
                var (a, b) = gaps[0];
                findings.Add(FindingCatalog.SwpStepMissing.At(log.Path, b.Line, label, missing, a.Step + 1, b.Step - 1, kept.Count));
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
            findings.Add(FindingCatalog.SwpLossMissing.At(path, null, label));
            return null;
        }

        var values = log.Losses.Select(l => l.Value).ToList();
        var finite = values.Where(double.IsFinite).ToList();
        var bad = log.Losses.FirstOrDefault(l => !double.IsFinite(l.Value));
        if (bad is not null)
        {
            var nonFinite = log.Losses.Count(l => !double.IsFinite(l.Value));
            findings.Add(FindingCatalog.SwpLossNonFinite.At(path, bad.Line, label, bad.Value, bad.Step, nonFinite));
            return new SweepLoss(values.Count, Finite(values[0]), Finite(values[^1]), finite.Count > 0 ? finite.Min() : null,
                finite.Count > 0 ? finite.Max() : null, false, "non-finite", null);
        }

        var k = Math.Max(1, values.Count / 5);
        var first = values.GetRange(0, k).Average();
        var last = values.GetRange(values.Count - k, k).Average();
        var change = first != 0 ? (last - first) / Math.Abs(first) : 0;
        var trend = change < -0.001 ? "decreasing" : change > 0.001 ? "increasing" : "flat";
        if (change > options.DivergenceRatio + SweepAuditor.LimitTolerance)
        {
            findings.Add(FindingCatalog.SwpLossDiverging.At(
                path, log.Losses[^1].Line, label, k, last, change * 100, first, options.DivergenceRatio * 100));
        }

        return new SweepLoss(values.Count, values[0], values[^1], finite.Min(), finite.Max(), true, trend, change);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
