using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>The outcome of a recommendation check: the report data and the finding it raises (null when supported).</summary>
/// <param name="Recommendation">What the data shows.</param>
/// <param name="Finding">SWP-REC-001 (rejected), SWP-REC-002 (not found), SWP-REC-003 (tied), or null.</param>
public sealed record RecommendationOutcome(SweepRecommendation Recommendation, Finding? Finding);

/// <summary>
/// Checks a claimed optimal configuration ("MBS = 4, TP = 1, PP = 2, CP = 1 is optimal for this VM") against audited
/// sweep results. Pure: it reads only the results, so the claims gate can call it with a report it loaded.
/// Only configurations that completed (run_stop success), have no error finding and have a value for the criterion
/// are ranked. Two values closer than the tie tolerance are a tie (warning, not a rejection).
/// </summary>
public static class RecommendationCheck
{
    /// <summary>The criterion's command-line name: <c>step-time</c>, <c>tokens-per-gpu</c> or <c>memory-headroom</c>.</summary>
    public static string Name(SweepCriterion criterion) => criterion switch
    {
        SweepCriterion.StepTime => "step-time",
        SweepCriterion.TokensPerGpu => "tokens-per-gpu",
        SweepCriterion.MemoryHeadroom => "memory-headroom",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    /// <summary>Parses a criterion name (<see cref="Name"/>); null when unknown.</summary>
    public static SweepCriterion? ParseCriterion(string name) => name switch
    {
        "step-time" => SweepCriterion.StepTime,
        "tokens-per-gpu" or "time-per-token" => SweepCriterion.TokensPerGpu,
        "memory-headroom" => SweepCriterion.MemoryHeadroom,
        _ => null,
    };

    /// <summary>The unit of the criterion's value.</summary>
    public static string Unit(SweepCriterion criterion) => criterion switch
    {
        SweepCriterion.StepTime => "s/step",
        SweepCriterion.TokensPerGpu => "tokens/s per GPU",
        _ => "GiB",
    };

    /// <summary>The ranked configurations for a criterion, best first.</summary>
    public static IReadOnlyList<(ResultReport Result, double Value)> Rank(
        IReadOnlyList<ResultReport> results, SweepCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ranked = results
            .Where(r => r.Sweep is { Status: "success" } && r.Verdict == Verdict.Valid)
            .Select(r => (Result: r, Value: Value(r.Sweep!, criterion)))
            .Where(x => x.Value is not null)
            .Select(x => (x.Result, Value: x.Value!.Value));
        return criterion == SweepCriterion.StepTime
            ? [.. ranked.OrderBy(x => x.Value).ThenBy(x => x.Result.Id, StringComparer.Ordinal)]
            : [.. ranked.OrderByDescending(x => x.Value).ThenBy(x => x.Result.Id, StringComparer.Ordinal)];
    }

    /// <summary>Checks <paramref name="claim"/> against <paramref name="results"/>.</summary>
    /// <param name="results">Audited results; those without <see cref="ResultReport.Sweep"/> are ignored.</param>
    /// <param name="claim">The claimed configuration, e.g. <c>MBS=4,TP=1,PP=2,CP=1</c>.</param>
    /// <param name="criterion">What the claim says the configuration is best at.</param>
    /// <param name="tieTolerancePercent">Difference under which two values are tied, in %.</param>
    /// <exception cref="ArgumentException">
    /// The claim cannot be parsed (validate it first with <see cref="SweepClaim.TryParse"/>).
    /// </exception>
    public static RecommendationOutcome Check(
        IReadOnlyList<ResultReport> results, string claim, SweepCriterion criterion, double tieTolerancePercent)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(claim);
        if (!SweepClaim.TryParse(claim, out var parsed, out var why))
        {
            throw new ArgumentException(why, nameof(claim));
        }

        var name = Name(criterion);
        var unit = Unit(criterion);
        var sweep = results.Where(r => r.Sweep is not null).ToList();
        var matches = sweep.Where(r => parsed.Matches(r.Sweep!.Configuration)).ToList();
        if (matches.Count != 1)
        {
            var message = matches.Count == 0
                ? FindingCatalog.SwpRecNotFound.Main.Text(claim, string.Join("; ", sweep.Select(r => r.Sweep!.Configuration.Label)))
                : FindingCatalog.SwpRecNotFoundAmbiguous.Text(
                    claim, matches.Count, string.Join("; ", matches.Select(r => r.Sweep!.Configuration.Label)));
            var notFound = new SweepRecommendation(claim, name, "not-found", null, null, null, null, null, unit, message);
            return Outcome(notFound, FindingCatalog.SwpRecNotFound, message, null);
        }

        var claimed = matches[0];
        var label = claimed.Sweep!.Configuration.Label;
        var ranked = Rank(results, criterion);
        var own = ranked.Where(x => ReferenceEquals(x.Result, claimed)).Select(x => (double?)x.Value).FirstOrDefault();
        if (own is not { } claimedValue)
        {
            return Unranked(claim, name, unit, claimed, ranked);
        }

        var alternatives = ranked.Where(x => !ReferenceEquals(x.Result, claimed)).ToList();
        if (alternatives.Count == 0)
        {
            var alone = FindingCatalog.SwpRecTiedAlone.Text(label, name);
            var only = new SweepRecommendation(claim, name, "tied", label, claimedValue, null, null, null, unit, alone);
            return Outcome(only, FindingCatalog.SwpRecTied, alone, claimed.Id);
        }

        var (alt, altValue) = alternatives[0];
        var altLabel = alt.Sweep!.Configuration.Label;
        var gain = Improvement(criterion, claimedValue, altValue);
        var isBest = ReferenceEquals(ranked[0].Result, claimed);
        var what = criterion switch
        {
            SweepCriterion.StepTime => gain >= 0 ? "faster" : "slower",
            SweepCriterion.TokensPerGpu => gain >= 0 ? "more tokens/s per GPU" : "fewer tokens/s per GPU",
            _ => gain >= 0 ? "more headroom" : "less headroom",
        };
        var compare = FindingCatalog.SwpRecRejectedComparison.Text(altLabel, F(altValue), unit, F(Math.Abs(gain), 3), what, label, F(claimedValue));
        string outcome;
        FindingDefinition? definition;
        string text;
        if (Math.Abs(gain) < tieTolerancePercent)
        {
            outcome = "tied";
            definition = FindingCatalog.SwpRecTied;
            text = (isBest ? FindingCatalog.SwpRecTied.Main : FindingCatalog.SwpRecTiedNotBest).Text(label, name, F(tieTolerancePercent), compare);
        }
        else if (isBest)
        {
            outcome = "supported";
            definition = null;
            text = $"The data supports {label} as optimal by {name}: the best alternative {compare}."; // the report's text, not a finding
        }
        else
        {
            outcome = "rejected";
            definition = FindingCatalog.SwpRecRejected;
            text = FindingCatalog.SwpRecRejected.Text(label, name, compare);
        }

        var recommendation = new SweepRecommendation(claim, name, outcome, label, claimedValue, altLabel, altValue, gain, unit, text);
        return Outcome(recommendation, definition, text, claimed.Id);
    }

    /// <summary>SWP-REC-001 for a claimed configuration that is not ranked (incomplete, error findings or no value).</summary>
    private static RecommendationOutcome Unranked(string claim, string name, string unit, ResultReport claimed,
        IReadOnlyList<(ResultReport Result, double Value)> ranked)
    {
        var label = claimed.Sweep!.Configuration.Label;
        var why = claimed.Sweep.Status != "success" ? FindingCatalog.SwpRecRejectedNotCompleted.Text(claimed.Sweep.Status)
            : claimed.Verdict != Verdict.Valid ? FindingCatalog.SwpRecRejectedErrors.Text()
            : FindingCatalog.SwpRecRejectedNoValue.Text(unit);
        var best = ranked.Count > 0 ? ranked[0] : default;
        var bestLabel = best.Result?.Sweep!.Configuration.Label;
        var message = best.Result is null
            ? FindingCatalog.SwpRecRejectedUnranked.Text(label, why)
            : FindingCatalog.SwpRecRejectedUnrankedBest.Text(label, why, bestLabel, F(best.Value), unit);
        var recommendation = new SweepRecommendation(claim, name, "rejected", label, null, bestLabel,
            best.Result is null ? null : best.Value, null, unit, message);
        return Outcome(recommendation, FindingCatalog.SwpRecRejected, message, claimed.Id);
    }

    /// <summary>
    /// How much better <paramref name="other"/> is than <paramref name="claimed"/>, in % of the claimed value (negative: worse).
    /// </summary>
    private static double Improvement(SweepCriterion criterion, double claimed, double other)
        => criterion == SweepCriterion.StepTime ? (claimed - other) / claimed * 100 : (other - claimed) / Math.Abs(claimed) * 100;

    private static double? Value(SweepDetails d, SweepCriterion criterion) => criterion switch
    {
        SweepCriterion.StepTime => d.StepTime?.MeanSeconds,
        SweepCriterion.TokensPerGpu => d.TokensPerSecondPerGpu,
        _ => d.MemoryHeadroomGiB,
    };

    /// <summary>The outcome with its finding; the message was made from the catalogue above.</summary>
    private static RecommendationOutcome Outcome(SweepRecommendation recommendation, FindingDefinition? definition, string message, string? file)
        => new(recommendation, definition is null ? null : Finding.Of(definition, message, file));

    /// <summary>
    /// A value in a recommendation: thousands separators and no decimals from 1000 on, else <paramref name="digits"/> significant digits.
    /// </summary>
    internal static string F(double v, int digits = 4) => Math.Abs(v) >= 1000 ? NumberText.Grouped(v) : NumberText.Significant(v, digits);
}
