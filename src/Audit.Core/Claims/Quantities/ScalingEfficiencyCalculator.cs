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
            context.Add(FindingCatalog.ClmUnitMismatch, ClaimMessages.NotAScalingUnit(claim.Unit));
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
            context.Add(refused ? FindingCatalog.ClmScalingRefused : FindingCatalog.ClmEvidenceLacks,
                ClaimMessages.NoScaling(claim.Scaling, baseline.Label, subject.Label, result.Formula));
            return new Recomputed(null, result.Formula);
        }

        var value = e * factor;
        if (!context.Stated.Agrees(value, true) && context.Stated.Near(factor / e))
        {
            context.Add(FindingCatalog.ClmScalingInverted, ClaimMessages.InvertedEfficiency(context.Stated.Text, result.Formula));
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
            context.Add(FindingCatalog.ClmEvidenceLacks, ClaimMessages.ScalingLacks(p.Label, context.Claim.Scaling, weak));
            return null;
        }

        return new ScalingPoint(p.Label, p.Benchmark, p.Accelerators.Value, p.GlobalBatchSize.Value, time.Value);
    }
}
