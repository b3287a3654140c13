using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>Mean training step time over the measured steps (audited logs), or the published median.</summary>
internal sealed class StepTimeCalculator : IQuantityCalculator
{
    public static StepTimeCalculator Instance { get; } = new();

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        var p = subject;
        if (context.MinutesTo() is not { } factor)
        {
            context.Add(FindingCatalog.ClmUnitMismatchStepTime, context.Claim.Unit);
            return Recomputed.None;
        }

        var toUnit = factor / 60; // seconds to the claim's unit
        if (p.Audited?.Training?.StepTime is { } st)
        {
            return FromSteps(context, p, st, toUnit);
        }

        if (p.Published?.StepTimeSeconds is { } median)
        {
            var value = median * toUnit;
            context.CheckValue(value, false, $"the published median step time of {p.Label}");
            return new Recomputed(value, $"published median train_step_time {ClaimGate.Fmt(median)} s ({p.Published.Provenance})");
        }

        context.Add(FindingCatalog.ClmEvidenceLacksStepTimes, p.Label);
        return Recomputed.None;
    }

    private static Recomputed FromSteps(ClaimContext context, EvidencePoint p, StepTimeStatistics st, double toUnit)
    {
        var stated = context.Stated;
        var mean = st.MeanSeconds * toUnit;
        var formula = $"mean of {st.Steps} measured steps = {ClaimGate.Fmt(st.MeanSeconds)} s (median {ClaimGate.Fmt(st.MedianSeconds)} s, "
            + $"fastest {ClaimGate.Fmt(st.MinSeconds)} s, slowest {ClaimGate.Fmt(st.MaxSeconds)} s; {st.Source})";
        if (stated.Agrees(mean, false))
        {
            return new Recomputed(mean, formula);
        }

        var medianClose = Math.Abs(st.MedianSeconds - st.MeanSeconds) <= GateRules.ApproximateTolerance * st.MeanSeconds;
        if (stated.RoundsTo(st.MedianSeconds * toUnit) && medianClose)
        {
            context.Add(FindingCatalog.ClmMedianStep, stated.Text, ClaimGate.Fmt(st.MedianSeconds), ClaimGate.Fmt(st.MeanSeconds));
            return new Recomputed(mean, formula);
        }

        var s = stated.Value / toUnit;
        if (s >= st.MinSeconds * (1 - GateRules.ApproximateTolerance) && s <= st.MaxSeconds * (1 + GateRules.ApproximateTolerance))
        {
            var which = stated.RoundsTo(st.MinSeconds * toUnit) ? "the fastest single step"
                : stated.RoundsTo(st.MaxSeconds * toUnit) ? "the slowest (first) step"
                : "a single step's time";
            context.AddAt(p.File, null, FindingCatalog.ClmSingleStep, stated.Text, which, ClaimGate.Fmt(s),
                ClaimGate.Fmt(st.MinSeconds), ClaimGate.Fmt(st.MaxSeconds), ClaimGate.Fmt(st.MeanSeconds), st.Steps);
            return new Recomputed(mean, formula);
        }

        context.CheckValue(mean, false, $"the mean step time of {p.Label}");
        return new Recomputed(mean, formula);
    }
}
