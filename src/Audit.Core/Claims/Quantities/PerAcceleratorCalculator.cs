using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>Throughput divided by the evidence system's total accelerators.</summary>
internal sealed class PerAcceleratorCalculator : IQuantityCalculator
{
    public static PerAcceleratorCalculator Instance { get; } = new();

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        var p = subject;
        if (!context.ThroughputUnitMatches(p))
        {
            return Recomputed.None;
        }

        if (p.Accelerators is not > 0)
        {
            context.Add(FindingCatalog.ClmEvidenceLacksAccelerators, p.Label);
            return Recomputed.None;
        }

        ScenarioCheck.Check(context, p);
        var perAccel = p.Value / p.Accelerators.Value;
        var formula = $"{ClaimGate.Fmt(p.Value)} {p.Unit} / {p.Accelerators} accelerators = "
            + $"{ClaimGate.Fmt(perAccel)} {context.Claim.Unit} per accelerator";
        if (context.Claim.Accelerators is { } stated && stated != p.Accelerators)
        {
            context.Add(FindingCatalog.ClmPerAcceleratorOtherSystem, stated, p.Label, p.Accelerators.Value);
        }

        if (!context.Stated.Agrees(perAccel, true))
        {
            var message = context.Stated.Flatters(perAccel, true)
                ? FindingCatalog.ClmPerAccelerator.Main
                : FindingCatalog.ClmValueConservativePerAccelerator;
            context.Add(message, context.Stated.Text, formula);
        }

        return new Recomputed(perAccel, formula);
    }
}
