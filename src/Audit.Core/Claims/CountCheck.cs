using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// The accelerator and system counts a claim states against its evidence, for every quantity: one system's
/// accelerators (CLM-EXTRAP-003) and nodes (CLM-EXTRAP-004); for aggregates and projections, N x the evidence's
/// accelerators. Per-accelerator figures report a different count as CLM-PERACC-001 in their calculator.
/// </summary>
internal static class CountCheck
{
    public static void Check(ClaimContext context, EvidencePoint p)
    {
        var claim = context.Claim;
        if (claim.Scope is ClaimScope.Aggregate or ClaimScope.Projected)
        {
            if (claim.Accelerators is { } stated && p.Accelerators is { } one && claim.Systems is { } n && stated != n * one)
            {
                context.Add(FindingCatalog.ClmAcceleratorCountOfSystems, stated, n, p.Label, one, n * one);
            }

            return;
        }

        if (claim.Quantity != ClaimQuantity.PerAcceleratorThroughput && claim.Scope != ClaimScope.PerAccelerator)
        {
            context.CheckAccelerators(p);
        }

        if (claim.Systems is { } systems && p.Nodes is { } nodes && systems != nodes)
        {
            context.Add(FindingCatalog.ClmSystemCount, systems, p.Label, nodes);
        }
    }
}
