using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>Headline throughput of one system, or of N systems (aggregate, projected).</summary>
internal sealed class ThroughputCalculator : IQuantityCalculator
{
    public static ThroughputCalculator Instance { get; } = new();

    private static readonly string[] ProjectionWords = ["project", "estimat", "extrapolat", "would", "expected"];

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        var p = subject;
        if (!context.ThroughputUnitMatches(p))
        {
            return Recomputed.None;
        }

        ScenarioCheck.Check(context, p);
        switch (context.Claim.Scope)
        {
            case ClaimScope.Aggregate:
                return Aggregate(context, p);
            case ClaimScope.Projected:
                return Projected(context, p);
        }

        var measured = p.Value;
        var stated = context.Stated;
        if (!stated.Agrees(measured, true) && stated.Flatters(measured, true) && MultipleOf(stated, measured) is { } times)
        {
            context.Add(FindingCatalog.ClmExtrapolated, stated.Text, times, ClaimGate.Fmt(measured), p.Unit, p.Label, p.AcceleratorText);
            return new Recomputed(measured, $"measured {ClaimGate.Fmt(measured)} {p.Unit}; stated = {times} x measured");
        }

        context.CheckValue(measured, true, $"the measured throughput of {p.Label}");
        var at = p.File is null ? string.Empty : ", " + p.File + (p.Line is null ? string.Empty : ":" + p.Line);
        return new Recomputed(measured, $"{ClaimGate.Fmt(measured)} {p.Unit} ({p.Label}{at})");
    }

    private static Recomputed Aggregate(ClaimContext context, EvidencePoint p)
    {
        var n = context.Claim.Systems!.Value;
        context.Add(FindingCatalog.ClmExtrapolatedAggregate, n, ClaimGate.Fmt(p.Value), p.Unit, p.Label, p.AcceleratorText);
        return new Recomputed(p.Value * n, $"{n} x {ClaimGate.Fmt(p.Value)} (one system, not measured as {n})");
    }

    private static Recomputed Projected(ClaimContext context, EvidencePoint p)
    {
        var k = context.Claim.Systems!.Value;
        var projected = p.Value * k;
        context.CheckValue(projected, true, $"{k} x the measured {ClaimGate.Fmt(p.Value)} {p.Unit}");
        if (!ProjectionWords.Any(w => context.Claim.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            context.Add(FindingCatalog.ClmExtrapolatedUnlabelled, k);
        }
        else
        {
            context.Add(FindingCatalog.ClmProjected, p.Label, k);
        }

        return new Recomputed(projected, $"{k} x {ClaimGate.Fmt(p.Value)} {p.Unit} ({p.Label})");
    }

    /// <summary>The k (2..4096) for which k x the measured value is the stated one, within <see cref="StatedNumber.Near"/>.</summary>
    private static int? MultipleOf(StatedNumber stated, double measured)
    {
        for (var k = 2; k <= 4096; k++)
        {
            var m = measured * k;
            if (m > stated.Value * 2)
            {
                break;
            }

            if (stated.Near(m))
            {
                return k;
            }
        }

        return null;
    }
}
