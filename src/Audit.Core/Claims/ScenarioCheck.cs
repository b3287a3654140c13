using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// Does the sentence name the evidence's scenario? An unnamed scenario is blocked when another scenario of the same
/// system is lower by more than <see cref="GateRules.ScenarioGap"/> (CLM-SCN-001), else noted (CLM-SCN-002).
/// </summary>
internal static class ScenarioCheck
{
    public static void Check(ClaimContext context, EvidencePoint p)
    {
        if (p.Scenario.Length == 0)
        {
            return;
        }

        if (context.Claim.Scenario is { } named)
        {
            if (!string.Equals(named, p.Scenario, StringComparison.OrdinalIgnoreCase))
            {
                context.Add(FindingCatalog.ClmScenarioMismatch, named, p.Label, p.Scenario);
            }

            return;
        }

        var siblings = Siblings(context.Inputs, p).Where(s => !string.Equals(s.Scenario, p.Scenario, StringComparison.OrdinalIgnoreCase)).ToList();
        var lowest = siblings.Where(s => s.Value < p.Value).OrderBy(s => s.Value).FirstOrDefault();
        if (lowest is not null && (p.Value - lowest.Value) / p.Value > GateRules.ScenarioGap)
        {
            var gap = (p.Value - lowest.Value) / p.Value;
            context.AddAt(lowest.File, lowest.Line, FindingCatalog.ClmScenarioUnstated,
                ClaimGate.Fmt(p.Value), p.Unit, p.Scenario, lowest.Scenario, ClaimGate.Fmt(lowest.Value), gap);
        }
        else if (lowest is null)
        {
            context.Add(FindingCatalog.ClmScenarioUnstatedAlone, p.Scenario);
        }
        else
        {
            context.Add(FindingCatalog.ClmScenarioUnstatedClose, p.Scenario, lowest.Scenario, GateRules.ScenarioGap);
        }
    }

    /// <summary>The same system's results of the same benchmark in other scenarios: audited (valid) and published.</summary>
    private static IEnumerable<Sibling> Siblings(GateInputs inputs, EvidencePoint p)
    {
        if (p.AuditSource is { } source)
        {
            foreach (var r in source.Report.Results.Where(r => ClaimContext.Eq(r.System, p.System) && ClaimContext.Eq(r.Submitter, p.Submitter)
                && ClaimContext.Eq(r.Benchmark, p.Benchmark) && r.Metric is not null && r.Verdict == Verdict.Valid))
            {
                yield return new Sibling(r.Scenario, r.Metric!.Value, r.Metric.File, r.Metric.Line);
            }
        }

        foreach (var r in inputs.Baselines.Find(p.Benchmark, round: p.Round)
            .Where(r => ClaimContext.Eq(r.Platform, p.System) && ClaimContext.Eq(r.Submitter, p.Submitter) && ClaimContext.Eq(r.Unit, p.Unit)))
        {
            yield return new Sibling(r.Scenario, r.Value, r.Source, r.Line);
        }
    }

    private sealed record Sibling(string Scenario, double Value, string? File, int? Line);
}
