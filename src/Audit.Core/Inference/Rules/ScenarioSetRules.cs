using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// Benchmark-level rules (closed and network): every required scenario has a valid result, and
/// for LLMs with a one-of set (Server, Interactive) at least one of them does. Like the official
/// checker, these reject the benchmark entry of the submission, not the individual results.
/// </summary>
internal static class ScenarioSetRules
{
    public static IEnumerable<Finding> Check(
        IReadOnlyList<ResultReport> results, InferenceRound round, IReadOnlyDictionary<string, SystemAssessment> systems)
    {
        var groups = results
            .Where(r => r.Division is "closed" or "network")
            .GroupBy(r => (r.Division, r.Submitter, r.System, r.Benchmark));
        foreach (var group in groups.OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            var benchmark = round.FindBenchmark(group.Key.Benchmark);
            var first = group.First();
            var systemType = first.SystemDescription?.SystemType;
            if (benchmark is null || systemType is null || benchmark.ScenariosFor(systemType) is not { } rule)
            {
                continue;
            }

            var folder = first.Id[..first.Id.LastIndexOf('/')];
            var valid = group.Where(r => r.Verdict == Verdict.Valid).Select(r => r.Scenario).ToHashSet(StringComparer.Ordinal);
            var missing = rule.Required.Where(s => !valid.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                yield return FindingCatalog.InfRequiredScenarioMissing.At(folder, null, folder, string.Join(", ", missing));
            }

            if (rule.OneOf.Count > 0 && !rule.OneOf.Any(valid.Contains))
            {
                yield return FindingCatalog.InfOneOfScenarioMissing.At(folder, null, folder, string.Join(" or ", rule.OneOf));
            }
        }
    }
}
