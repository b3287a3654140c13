using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Metrics;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>Weak (step times) or strong (times to train) scaling efficiency between a smaller and a larger training result.</summary>
internal sealed class ScalingEfficiencyCalculator : IQuantityCalculator
{
    public static ScalingEfficiencyCalculator Instance { get; } = new();

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var claim = context.Claim;
        if (context.RatioTo() is not { } factor)
        {
            context.Add(FindingCatalog.ClmUnitMismatchScaling, claim.Unit);
            return Recomputed.None;
        }

        var a = Point(context, subject);
        var b = Point(context, baseline);
        if (a is null || b is null)
        {
            return Recomputed.None;
        }

        var result = claim.Scaling == ScalingKind.Weak ? ScalingEfficiency.Weak(b, a) : ScalingEfficiency.Strong(b, a);
        if (result.Efficiency is not { } e)
        {
            var refused = result.Formula.Contains("batch", StringComparison.Ordinal);
            var message = refused ? FindingCatalog.ClmScalingRefused.Main : FindingCatalog.ClmEvidenceLacksScaling;
            context.Add(message, claim.Scaling, baseline.Label, subject.Label, result.Formula);
            return new Recomputed(null, result.Formula);
        }

        var value = e * factor;
        if (!context.Stated.Agrees(value, true) && context.Stated.Near(factor / e))
        {
            context.Add(FindingCatalog.ClmScalingInverted, context.Stated.Text, result.Formula);
            return new Recomputed(value, result.Formula);
        }

        context.CheckValue(value, true, "the scaling efficiency " + result.Formula);
        return new Recomputed(value, result.Formula);
    }

    private static ScalingPoint? Point(ClaimContext context, EvidencePoint p)
    {
        var weak = context.Claim.Scaling == ScalingKind.Weak;
        var time = weak ? p.Audited?.Training?.StepTime?.MeanSeconds ?? p.Published?.StepTimeSeconds : p.Value;
        if (p.Accelerators is not > 0 || p.GlobalBatchSize is not > 0 || time is not > 0 || !p.IsTraining)
        {
            var needs = weak ? "step times" : "time to train";
            context.Add(FindingCatalog.ClmEvidenceLacksScalingInputs, p.Label, context.Claim.Scaling, needs);
            return null;
        }

        return new ScalingPoint(p.Label, p.Benchmark, p.Accelerators.Value, p.GlobalBatchSize.Value, time.Value);
    }
}
