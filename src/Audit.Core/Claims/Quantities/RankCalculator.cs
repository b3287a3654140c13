using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>Rank among the published results of the same round, division, benchmark and scenario; a record is rank 1.</summary>
internal sealed class RankCalculator : IQuantityCalculator
{
    /// <summary>Relative margin by which another result must be better to rank above (ties share a rank).</summary>
    private const double TieMargin = 1e-9;

    public static RankCalculator Instance { get; } = new();

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        var p = subject;
        var claim = context.Claim;
        if (!string.Equals(claim.Unit, "rank", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(FindingCatalog.ClmUnitMismatchRank, claim.Unit);
            return Recomputed.None;
        }

        var perAccel = claim.Scope == ClaimScope.PerAccelerator;
        double? Key(double value, int? accelerators) => perAccel ? (accelerators is > 0 ? value / accelerators.Value : null) : value;
        if (Key(p.Value, p.Accelerators) is not { } mine)
        {
            context.Add(FindingCatalog.ClmEvidenceLacksRankAccelerators, p.Label);
            return Recomputed.None;
        }

        var pool = context.Inputs.Baselines.Find(p.Benchmark, p.Scenario, round: p.Round)
            .Where(r => string.Equals(r.Division, p.Division, StringComparison.OrdinalIgnoreCase) || p.Division.Length == 0)
            .Where(r => string.Equals(r.Unit, p.Unit, StringComparison.OrdinalIgnoreCase))
            .Select(r => new Ranked(r, Key(r.Value, r.Accelerators)))
            .Where(x => x.Key is not null)
            .ToList();
        if (pool.Count == 0)
        {
            context.Add(FindingCatalog.ClmNotPublishedRank, p.Round, p.Division, p.Benchmark, p.Scenario, context.Tables);
            return Recomputed.None;
        }

        var higher = p.HigherIsBetter;
        var better = pool.Where(x => higher ? x.Key > mine * (1 + TieMargin) : x.Key < mine * (1 - TieMargin))
            .Where(x => !(ClaimContext.Eq(x.Row.Platform, p.System) && ClaimContext.Eq(x.Row.Submitter, p.Submitter)))
            .OrderBy(x => higher ? -x.Key!.Value : x.Key!.Value)
            .ToList();
        var rank = 1 + better.Select(x => (x.Row.Submitter, x.Row.Platform)).Distinct().Count();
        var systems = pool.Select(x => (x.Row.Submitter, x.Row.Platform)).Distinct().Count();
        var perText = perAccel ? " per accelerator" : string.Empty;
        var by = perAccel ? "per accelerator" : "headline";
        var formula = $"rank {rank} of {systems} {p.Division} {p.Round} systems on {p.Benchmark} {p.Scenario} by {by} value "
            + $"({ClaimGate.Fmt(mine)} {p.Unit}{perText})";

        // A rank claim holds when the rank is at most the stated one, whatever the qualifier ("up to #3", "top 3").
        var stated = (int)Math.Round(claim.Value);
        if (rank > stated)
        {
            var top = better[0];
            var row = top.Row;
            context.AddAt(row.Source, row.Line, FindingCatalog.ClmNotRecord,
                stated, better.Count, row.Id ?? row.Platform, row.Submitter, row.Platform, ClaimGate.Fmt(top.Key!.Value), p.Unit, perText);
            context.AddProvenance(EvidenceResolver.Provenance(top.Row));
        }

        return new Recomputed(rank, formula);
    }

    private sealed record Ranked(PublishedResult Row, double? Key);
}
