using MlPerfAudit.Core.Claims.Quantities;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims;

/// <summary>The check of one claim: resolve its evidence, recompute its quantity, give the verdict.</summary>
internal sealed class ClaimCheck(Claim claim, GateInputs inputs, int? line)
{
    private readonly ClaimContext context = new(claim, inputs, line);

    public ClaimResult Run()
    {
        var recomputed = Compute();
        var ordered = context.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? ClaimVerdict.Block
            : ordered.Count > 0 ? ClaimVerdict.Warn
            : ClaimVerdict.Pass;
        return new ClaimResult(claim.Id, claim.Text, line, verdict, claim.Value, claim.Unit, recomputed.Value, recomputed.Formula, ordered,
            context.Provenance.Distinct().ToList());
    }

    /// <summary>The calculator for a claim's quantity (a throughput with per-accelerator scope is a per-accelerator figure).</summary>
    internal static IQuantityCalculator? CalculatorFor(Claim claim) => claim.Quantity switch
    {
        ClaimQuantity.Throughput when claim.Scope == ClaimScope.PerAccelerator => PerAcceleratorCalculator.Instance,
        ClaimQuantity.Throughput => ThroughputCalculator.Instance,
        ClaimQuantity.PerAcceleratorThroughput => PerAcceleratorCalculator.Instance,
        ClaimQuantity.TimeToTrain => TimeToTrainCalculator.Instance,
        ClaimQuantity.StepTime => StepTimeCalculator.Instance,
        ClaimQuantity.Speedup => SpeedupCalculator.Instance,
        ClaimQuantity.ScalingEfficiency => ScalingEfficiencyCalculator.Instance,
        ClaimQuantity.Rank => RankCalculator.Instance,
        _ => null,
    };

    private Recomputed Compute()
    {
        var resolver = new EvidenceResolver(context);
        var points = new List<EvidencePoint>();
        foreach (var reference in claim.Evidence.Results)
        {
            if (resolver.Resolve(reference) is { } point)
            {
                points.Add(point);
            }
        }

        var baseline = claim.Evidence.Baseline is { } b ? resolver.Resolve(b) : null;
        if (points.Count != claim.Evidence.Results.Count || (claim.Evidence.Baseline is not null && baseline is null))
        {
            return Recomputed.None;
        }

        // "up to": the best of the evidence counts.
        var subject = points.Count == 1 ? points[0]
            : points[0].HigherIsBetter ? points.MaxBy(p => p.Value)! : points.MinBy(p => p.Value)!;
        return CalculatorFor(claim)?.Compute(context, subject, baseline) ?? Recomputed.None;
    }
}
