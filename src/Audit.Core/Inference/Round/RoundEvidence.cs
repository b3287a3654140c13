using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Rounds;

namespace MlPerfAudit.Core.Inference.Round;

/// <summary>The round one result is judged by, and why.</summary>
/// <param name="Round">The round whose rules fit the result.</param>
/// <param name="Why">Why that round, when it is not the bundle's round (empty otherwise).</param>
/// <param name="Conflicts">Evidence of the result that names another round (one sentence each); empty when all agree.</param>
internal sealed record ResultRound(string Round, string Why, IReadOnlyList<string> Conflicts);

/// <summary>
/// Weighs the evidence each result carries about its round, when no round was given: the RNG seeds of its performance detail
/// log (each round fixes its own), the LoadGen release it ran (<c>loadgen_version</c> "5.1.0 @ ..." is v5.1's; a run cannot use a
/// release newer than its round, an older one is allowed), whether its
/// benchmark exists in a round at all (names such as deepseek-r1 or gpt-oss-120b exist only in some), and its layout (split
/// for v5.x, merged for v6.x). A result whose seeds name another round than the bundle's, or whose benchmark the bundle's round
/// lacks, is judged by the rules that fit it; evidence that disagrees is reported, never silently dropped.
/// </summary>
internal static class RoundEvidence
{
    /// <summary>The round of each located result (by its bundle folder), given the round the bundle as a whole was detected as.</summary>
    /// <param name="index">The bundle's files, for each result's layout.</param>
    /// <param name="results">The located results.</param>
    /// <param name="heads">What each result's run records (<see cref="ResultHead.Read"/>), by result folder.</param>
    /// <param name="bundleRound">The round detected for the bundle.</param>
    public static IReadOnlyDictionary<string, ResultRound> Weigh(BundleIndex index, IReadOnlyList<ResultLocation> results,
        IReadOnlyDictionary<string, ResultHead> heads, string bundleRound)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(heads);
        var rounds = InferenceRoundCatalog.Supported.Select(r => InferenceRoundCatalog.Find(r)!.Rules).ToList();
        var answer = new Dictionary<string, ResultRound>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            answer[result.Folder] = Judge(index, result, heads[result.Folder], bundleRound, rounds);
        }

        return answer;
    }

    private static ResultRound Judge(BundleIndex index, ResultLocation result, ResultHead head, string bundleRound,
        List<InferenceRound> rounds)
    {
        var bySeeds = rounds.FirstOrDefault(r => head.Matches(r.Seeds))?.Round;
        var byLoadGen = head.LoadGen is { } version ? rounds.FirstOrDefault(r => r.Round == "v" + version)?.Round : null;
        var withBenchmark = rounds.Where(r => r.FindBenchmark(result.Benchmark) is not null).Select(r => r.Round).ToList();
        var layout = ExplicitLayout(index, result);

        string chosen;
        var why = string.Empty;
        // Another round's seeds move a result only when nothing of it contradicts that round: a result laid out for the bundle's
        // round with an old round's seeds is a seed fault of the bundle's round (as the official checker of that round sees it).
        if (bySeeds is not null && bySeeds != bundleRound && (withBenchmark.Count == 0 || withBenchmark.Contains(bySeeds))
            && (layout is null || rounds.Single(r => r.Round == bySeeds).DefaultLayout == layout))
        {
            chosen = bySeeds;
            why = $"its {head.Source} records {bySeeds}'s RNG seeds" + (byLoadGen == bySeeds ? $" and it ran LoadGen {head.LoadGen}" : string.Empty);
        }
        else if (withBenchmark.Count == 0 || withBenchmark.Contains(bundleRound))
        {
            chosen = bundleRound;
        }
        else
        {
            // The bundle's round has no such benchmark: the round that has it and that the rest of the evidence names.
            var order = InferenceRoundCatalog.Supported.ToList();
            chosen = withBenchmark.OrderByDescending(r => (r == bySeeds ? 4 : 0) + (r == byLoadGen ? 2 : 0)
                    + (layout is { } l && rounds.Single(x => x.Round == r).DefaultLayout == l ? 1 : 0))
                .ThenByDescending(order.IndexOf).First();
            why = $"{result.Benchmark} is a benchmark of {string.Join(", ", withBenchmark)} only, not of {bundleRound}";
        }

        var conflicts = new List<string>();
        if (bySeeds is not null && bySeeds != chosen)
        {
            conflicts.Add($"its {head.Source} records {bySeeds}'s RNG seeds");
        }
        else if (head.Seeds is not null && bySeeds is null)
        {
            conflicts.Add($"its {head.Source} records RNG seeds of no round with rules");
        }

        // An older LoadGen is allowed (v5.1 results ran 5.0.25), one released after the round is not possible for a run of it.
        if (head.LoadGen is { } release && Version.TryParse(release, out var ran)
            && Version.TryParse(RoundLabel.WithoutV(chosen), out var of) && ran > of)
        {
            conflicts.Add($"it ran LoadGen {release}, released after {chosen}");
        }

        if (withBenchmark.Count > 0 && !withBenchmark.Contains(chosen))
        {
            conflicts.Add($"{result.Benchmark} is a benchmark of {string.Join(", ", withBenchmark)} only");
        }

        if (layout is { } found && rounds.Single(r => r.Round == chosen).DefaultLayout != found)
        {
            conflicts.Add($"its folders have the {found.ToString().ToLowerInvariant()} layout, not {chosen}'s");
        }

        return new ResultRound(chosen, why, conflicts);
    }

    /// <summary>The layout the result's own folders show, or null when they show none (no compliance or measurements around it).</summary>
    private static ResultLayout? ExplicitLayout(BundleIndex index, ResultLocation result)
    {
        var asSplit = ResultLayouts.Detect(index, result, ResultLayout.Split);
        var asMerged = ResultLayouts.Detect(index, result, ResultLayout.Merged);
        return asSplit == asMerged ? asSplit : null;
    }
}
