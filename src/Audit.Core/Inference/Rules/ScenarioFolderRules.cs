using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// v6.x (closed and network): the scenario folders present beside a result must hold every scenario the round requires
/// for the system type, at least one of the one-of set, and no scenario the round does not offer; otherwise every result
/// of the benchmark is rejected. The set is judged on the folders present, not on their verdicts. v5.x judges the same
/// sets once per benchmark on the valid results (<see cref="ScenarioSetRules"/>), without rejecting the results.
/// </summary>
internal static class ScenarioFolderRules
{
    public static void Check(ResultContext context, string? systemType)
    {
        var location = context.Location;
        if (!context.Round.ScenarioSetPerResult || !location.IsClosedOrNetwork || systemType is null
            || context.Benchmark.ScenariosFor(systemType) is not { } rule)
        {
            return;
        }

        var benchmarkFolder = location.Folder[..location.Folder.LastIndexOf('/')];
        var present = context.Index.SubfoldersOf(benchmarkFolder)
            .Select(f => Scenarios.Normalize(f) ?? f)
            .ToHashSet(StringComparer.Ordinal);
        var missing = rule.Required.Where(s => !present.Contains(s)).ToList();
        if (rule.OneOf.Count > 0 && !rule.OneOf.Any(present.Contains))
        {
            missing.Add("one of " + string.Join(" or ", rule.OneOf));
        }

        var unknown = present.Where(s => !rule.Required.Contains(s) && !rule.Optional.Contains(s)).Order(StringComparer.Ordinal).ToList();
        var (lacks, extra, round) = (string.Join(", ", missing), string.Join(", ", unknown), context.Round.Round);
        if (missing.Count > 0 && unknown.Count > 0)
        {
            context.Add(FindingCatalog.InfScenarioFolderSet.At(benchmarkFolder, null, benchmarkFolder, systemType, lacks, extra, round));
        }
        else if (missing.Count > 0)
        {
            context.Add(FindingCatalog.InfScenarioFolderSetLacks.At(benchmarkFolder, null, benchmarkFolder, systemType, lacks, round));
        }
        else if (unknown.Count > 0)
        {
            context.Add(FindingCatalog.InfScenarioFolderSetExtra.At(benchmarkFolder, null, benchmarkFolder, systemType, extra, round));
        }
    }
}
