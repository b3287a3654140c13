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

    /// <summary>How many candidates of an ambiguous reference the finding lists.</summary>
    private const int MaxCandidates = 8;

    private Recomputed Compute()
    {
        var resolver = new EvidenceResolver(context);
        var results = claim.Evidence.Results.Select(resolver.Resolve).ToList();
        var baseline = claim.Evidence.Baseline is { } b ? resolver.Resolve(b) : null;
        ExplainAmbiguities(results, baseline);
        if (results.Any(r => r.Point is null) || (baseline is not null && baseline.Point is null))
        {
            return Recomputed.None;
        }

        return Evaluate(context, [.. results.Select(r => r.Point!)], baseline?.Point);
    }

    /// <summary>Who and how many, then the quantity: the checks every claim gets once its evidence is resolved.</summary>
    private static Recomputed Evaluate(ClaimContext into, IReadOnlyList<EvidencePoint> points, EvidencePoint? baseline)
    {
        foreach (var point in points)
        {
            PartyCheck.Check(into, point);
        }

        // "up to": the best of the evidence counts.
        var subject = points.Count == 1 ? points[0]
            : points[0].HigherIsBetter ? points.MaxBy(p => p.Value)! : points.MinBy(p => p.Value)!;
        CountCheck.Check(into, subject);
        return CalculatorFor(into.Claim)?.Compute(into, subject, baseline) ?? Recomputed.None;
    }

    /// <summary>CLM-EVD-003 for each ambiguous reference: each candidate with its value and whether it would support the claim.</summary>
    private void ExplainAmbiguities(IReadOnlyList<EvidenceResolution> results, EvidenceResolution? baseline)
    {
        IEnumerable<EvidenceResolution> all = baseline is null ? results : [.. results, baseline];
        foreach (var ambiguous in all.Where(r => r.Ambiguity is not null).ToList())
        {
            var lines = ambiguous.Candidates.Take(MaxCandidates).Select(c => Trial(results, baseline, ambiguous, c)).ToList();
            var count = ambiguous.Candidates.Count;
            var more = count > lines.Count ? $"; and {count - lines.Count} more" : string.Empty;
            context.Add(FindingCatalog.ClmEvidenceAmbiguous, ambiguous.Ambiguity, string.Join("; ", lines), more);
        }
    }

    /// <summary>Runs the claim with <paramref name="candidate"/> in place of the ambiguous reference, on a scratch context.</summary>
    private string Trial(
        IReadOnlyList<EvidenceResolution> results, EvidenceResolution? baseline, EvidenceResolution ambiguous, EvidencePoint candidate)
    {
        EvidencePoint? Pick(EvidenceResolution r) => ReferenceEquals(r, ambiguous) ? candidate : r.Point;
        var points = results.Select(Pick).ToList();
        var basePoint = baseline is null ? null : Pick(baseline);
        if (points.Any(p => p is null) || (baseline is not null && basePoint is null))
        {
            return ClaimMessages.Candidate(candidate, null, claim.Unit, ["the other evidence does not resolve"]);
        }

        var trial = new ClaimContext(claim, inputs, line);
        var recomputed = Evaluate(trial, [.. points.Select(p => p!)], basePoint);
        var blocking = trial.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        return ClaimMessages.Candidate(candidate, recomputed.Value, claim.Unit, blocking);
    }
}
