using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>Ratio of a result to a baseline result: throughput ratio, or inverse time ratio.</summary>
internal sealed class SpeedupCalculator : IQuantityCalculator
{
    public static SpeedupCalculator Instance { get; } = new();

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (context.RatioTo() is not { } factor)
        {
            context.Add(FindingCatalog.ClmUnitMismatchSpeedup, context.Claim.Unit);
            return Recomputed.None;
        }

        if (!string.Equals(subject.Unit, baseline.Unit, StringComparison.OrdinalIgnoreCase))
        {
            context.Add(FindingCatalog.ClmUnitMismatchNotComparable, subject.Label, subject.Unit, baseline.Label, baseline.Unit);
            return Recomputed.None;
        }

        var ratio = subject.HigherIsBetter ? subject.Value / baseline.Value : baseline.Value / subject.Value;
        var formula = subject.HigherIsBetter
            ? $"{ClaimGate.Fmt(subject.Value)} / {ClaimGate.Fmt(baseline.Value)} {subject.Unit} = {ClaimGate.Fmt(ratio)}x"
            : $"{ClaimGate.Fmt(baseline.Value)} / {ClaimGate.Fmt(subject.Value)} {subject.Unit} = {ClaimGate.Fmt(ratio)}x";
        var value = ratio * factor;
        if (!context.Stated.Agrees(value, true) && context.Stated.Near(factor / ratio))
        {
            context.Add(FindingCatalog.ClmScalingInvertedSpeedup, context.Stated.Text, formula);
            return new Recomputed(value, formula);
        }

        context.CheckValue(value, true, "the speedup " + formula);
        return new Recomputed(value, formula);
    }
}
