using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;

namespace MlPerfAudit.Core.Inference.Round;

/// <summary>The round a bundle was run for, and why; <see cref="Round"/> is the default round when nothing decided it.</summary>
/// <param name="Round">The round to audit with.</param>
/// <param name="Detected">True when the seeds of at least one detail log named the round.</param>
/// <param name="Reason">One sentence for the report.</param>
internal sealed record RoundDetection(string Round, bool Detected, string Reason);

/// <summary>
/// Tells the round from the bundle: every round fixes LoadGen's three RNG seeds (spec §4.4), and a
/// performance detail log records them as <c>effective_qsl_rng_seed</c>, <c>effective_sample_index_rng_seed</c>
/// and <c>effective_schedule_rng_seed</c>. The round whose seeds most logs carry wins.
/// </summary>
internal static partial class RoundDetector
{
    /// <summary>Logs with a full set of seeds after which the vote stops (a round's results all carry the same seeds).</summary>
    private const int EnoughVotes = 64;

    /// <summary>Detects the round of the located results, reading each result's head until the vote is clear.</summary>
    public static RoundDetection Detect(IBundle bundle, IReadOnlyList<ResultLocation> results)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(results);
        var byPath = bundle.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        return Detect(results.Select(r => ResultHead.Read(bundle, byPath.GetValueOrDefault, r)));
    }

    /// <summary>Detects the round from the results' heads (a detail log's three seeds, or an endpoints result's config.yaml
    /// with the sample-index and schedule seeds), in result order; stops after <see cref="EnoughVotes"/>.</summary>
    public static RoundDetection Detect(IEnumerable<ResultHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var known = InferenceRoundCatalog.Supported
            .Select(r => (Round: r, Seeds: InferenceRoundCatalog.Find(r)!.Rules.Seeds))
            .ToList();
        var votes = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = 0;
        RoundSeeds? firstUnknown = null;
        foreach (var head in heads)
        {
            var found = head.Seeds;
            var round = known.FirstOrDefault(k => head.Matches(k.Seeds)).Round;
            if (found is null)
            {
                continue;
            }

            if (round is not null)
            {
                votes[round] = votes.GetValueOrDefault(round) + 1;
            }
            else
            {
                unknown++;
                firstUnknown ??= found;
            }

            if (votes.Values.Sum() + unknown >= EnoughVotes)
            {
                break;
            }
        }

        if (votes.Count == 0)
        {
            var fallback = InferenceRoundCatalog.DefaultRound;
            return new RoundDetection(fallback, false, firstUnknown is { } u
                ? FindingCatalog.InfRoundDetectedUnknownSeeds.Text(unknown, u.QslRngSeed, u.SampleIndexRngSeed, u.ScheduleRngSeed,
                    string.Join(", ", InferenceRoundCatalog.Supported), fallback)
                : FindingCatalog.InfRoundDetectedNoSeeds.Text(fallback));
        }

        return Detected(votes, unknown, known);
    }

    /// <summary>The round most results' seeds name, and the sentence that says so (and names the others).</summary>
    private static RoundDetection Detected(Dictionary<string, int> votes, int unknown, List<(string Round, RoundSeeds Seeds)> known)
    {
        var best = votes.OrderByDescending(v => v.Value).ThenBy(v => InferenceRoundCatalog.Supported.ToList().IndexOf(v.Key)).First();
        var s = known.Single(k => k.Round == best.Key).Seeds;
        var others = votes.Where(v => v.Key != best.Key).Select(v => $"{v.Value} of {v.Key}").ToList();
        if (unknown > 0)
        {
            others.Add($"{unknown} of no known round");
        }

        var text = others.Count > 0
            ? FindingCatalog.InfRoundDetectedMixed.Text(
                best.Key, best.Value, s.QslRngSeed, s.SampleIndexRngSeed, s.ScheduleRngSeed, string.Join(", ", others))
            : FindingCatalog.InfRoundDetected.Text(best.Key, best.Value, s.QslRngSeed, s.SampleIndexRngSeed, s.ScheduleRngSeed);
        return new RoundDetection(best.Key, true, text);
    }

    /// <summary>An endpoints result's seeds from its config.yaml (QSL seed 0: endpoints runs have none), or null when either is missing.</summary>
    internal static RoundSeeds? ReadEndpointsSeeds(IBundle bundle, BundleEntry entry)
    {
        Logs.YamlScalars yaml;
        try
        {
            using var stream = bundle.Open(entry);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            yaml = Logs.YamlScalars.Read(reader);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or Logs.YamlScalarsException)
        {
            return null;
        }

        var invariant = CultureInfo.InvariantCulture;
        return ulong.TryParse(yaml.Find("settings.runtime.dataloader_random_seed")?.Value, NumberStyles.None, invariant, out var sample)
            && ulong.TryParse(yaml.Find("settings.runtime.scheduler_random_seed")?.Value, NumberStyles.None, invariant, out var schedule)
            ? new RoundSeeds(0, sample, schedule)
            : null;
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of a bundle file as UTF-8 text, or null when it cannot be read.</summary>
    internal static string? ReadHead(IBundle bundle, BundleEntry entry, int maxBytes)
    {
        try
        {
            using var stream = bundle.Open(entry);
            var buffer = new byte[(int)Math.Min(maxBytes, Math.Max(entry.Length, 0))];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The three effective seeds in the text of a detail log's head, or null when any is missing.</summary>
    internal static RoundSeeds? SeedsIn(string head)
    {
        ulong? qsl = null, sample = null, schedule = null;
        foreach (Match match in SeedPattern().Matches(head))
        {
            if (!ulong.TryParse(match.Groups["v"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            switch (match.Groups["k"].Value)
            {
                case "qsl":
                    qsl ??= value;
                    break;
                case "sample_index":
                    sample ??= value;
                    break;
                default:
                    schedule ??= value;
                    break;
            }
        }

        return qsl is { } q && sample is { } si && schedule is { } sc ? new RoundSeeds(q, si, sc) : null;
    }

    [GeneratedRegex(
        "\"key\":\\s*\"effective_(?<k>qsl|sample_index|schedule)_rng_seed\",\\s*\"value\":\\s*(?<v>[0-9]{1,20})\\b",
        RegexOptions.CultureInvariant,
        1000)]
    private static partial Regex SeedPattern();
}
