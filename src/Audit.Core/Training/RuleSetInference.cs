using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Rounds;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>The rule set a bundle is judged by when none is given, and the rule set of each result folder.</summary>
/// <param name="RuleSet">The bundle's rule set (reported in the report's rules block).</param>
/// <param name="PerFolder">Result folders whose benchmark the bundle's rule set lacks, with the rule set that fits them.</param>
/// <param name="Findings">TRN-RND-002 (what was inferred, from which evidence) and TRN-RND-003 (where the evidence disagrees).</param>
internal sealed record RuleSetChoice(string RuleSet, IReadOnlyDictionary<string, string> PerFolder, IReadOnlyList<Finding> Findings);

/// <summary>
/// Weighs all the evidence a training bundle holds about its round (issue 16): a round named in the bundle or folder
/// names (<c>v5.1</c>), benchmark names that exist only in some rule sets, and the date of the first record of every
/// log (a round's runs happen before its results are published, so the latest log gives the earliest possible round).
/// No result is skipped for want of a fitting rule set: a folder whose benchmark the bundle's rule set lacks is judged
/// by a rule set that holds it, with a finding that says so.
/// </summary>
internal static partial class RuleSetInference
{
    /// <summary>
    /// The rounds' submission windows by the UTC date of a log's first MLLOG record: a round's runs happen before its
    /// results are published (v4.1 2024-11-13, v5.0 2025-06-04, v5.1 2025-11-12), so each window ends a little after that.
    /// </summary>
    private static readonly (DateTimeOffset Before, string RuleSet)[] RoundWindows =
    [
        (new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero), "4.1.0"),
        (new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), "5.0.0"),
        (new DateTimeOffset(2025, 12, 15, 0, 0, 0, TimeSpan.Zero), "5.1.0"),
    ];

    /// <summary>Lines of a log read to find its first time stamp or its submission_benchmark.</summary>
    private const int LinesScanned = 10_000;

    /// <summary>Infers the bundle's rule set and each folder's rule set from the evidence; reads only the bundle.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="folders">Result folders (bundle-relative) with their result_*.txt entries.</param>
    public static RuleSetChoice Infer(IBundle bundle, IReadOnlyList<IGrouping<string, BundleEntry>> folders)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(folders);
        var evidence = folders.Select(f => Gather(bundle, f)).ToList();
        // The bundle's name and the folders above <org>/results name the round; a system folder's name ("..._v5.0") may
        // name the round a system was first submitted in, so it only breaks ties between rule sets the rest allows.
        var namedPerFolder = folders.ToDictionary(f => f.Key, f => NamedRound([bundle.Name, Above(f.Key)]), StringComparer.Ordinal);
        var named = namedPerFolder.Values.OfType<string>().GroupBy(n => n, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        var systemNames = folders.Select(f => NamedRound([SystemPart(f.Key)])).OfType<string>()
            .GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var core = evidence.Where(e => namedPerFolder[e.Folder] is not { } own || own == named).ToList();
        var benchmarks = core.Select(e => e.Benchmark).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var fitsAll = TrainingRuleSet.Supported.Where(id => benchmarks.All(b => Holds(id, b))).ToList();
        var dates = core.SelectMany(e => e.Dates).Order().ToList();
        var dated = dates.Count > 0 ? WindowOf(dates[^1]) : null;

        var choice = named
            ?? (fitsAll.Count > 0 ? Tiebreak(fitsAll, dated, systemNames) : null)
            ?? dated
            ?? TrainingRuleSet.Supported[^1];

        var findings = new List<Finding>
        {
            FindingCatalog.TrnRoundInferred.Of(choice, Describe(named, benchmarks, fitsAll, dates, dated)),
        };
        Disagreements(choice, named, benchmarks, fitsAll, dated, findings);

        var perFolder = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in evidence.Where(e => namedPerFolder[e.Folder] is { } own && own != choice
            && (e.Benchmark is null || Holds(own, e.Benchmark))))
        {
            // A folder whose own path names another round (a tree of several rounds) is judged by that round.
            perFolder[e.Folder] = namedPerFolder[e.Folder]!;
        }

        if (perFolder.Count > 0)
        {
            var rounds = string.Join(", ", namedPerFolder.Values.OfType<string>().Distinct().Order(StringComparer.Ordinal));
            findings.Add(FindingCatalog.TrnRoundEvidenceDisagrees.Of(rounds, perFolder.Count, choice));
        }

        foreach (var e in evidence.Where(e => e.Benchmark is { } b && !Holds(perFolder.GetValueOrDefault(e.Folder, choice), b)))
        {
            var holders = TrainingRuleSet.Supported.Where(id => Holds(id, e.Benchmark!)).ToList();
            var own = e.Dates.Count > 0 ? WindowOf(e.Dates.Max()) : dated;
            var fit = Earliest(holders, own) ?? holders[^1];
            var lacking = perFolder.GetValueOrDefault(e.Folder, choice);
            perFolder[e.Folder] = fit;
            findings.Add(e.Dates.Count > 0
                ? FindingCatalog.TrnRoundBenchmarkElsewhere.At(
                    e.Folder, null, e.Benchmark, lacking, string.Join(", ", holders), e.Folder, fit, Day(e.Dates.Min()), Day(e.Dates.Max()))
                : FindingCatalog.TrnRoundBenchmarkElsewhereUndated.At(
                    e.Folder, null, e.Benchmark, lacking, string.Join(", ", holders), e.Folder, fit));
        }

        return new RuleSetChoice(choice, perFolder, findings);
    }

    private static void Disagreements(
        string choice, string? named, List<string> benchmarks, List<string> fitsAll, string? dated, List<Finding> findings)
    {
        if (named is not null && fitsAll.Count > 0 && !fitsAll.Contains(named))
        {
            findings.Add(FindingCatalog.TrnRoundNamesVersusBenchmarks.Of(named, string.Join(", ", benchmarks), string.Join(", ", fitsAll), choice));
        }

        if (dated is not null && string.CompareOrdinal(dated, choice) > 0)
        {
            var message = named is not null ? FindingCatalog.TrnRoundLogsLaterThanNames : FindingCatalog.TrnRoundLogsLaterThanBenchmarks;
            findings.Add(message.Of(choice, dated));
        }

        if (fitsAll.Count == 0 && benchmarks.Count > 1)
        {
            findings.Add(FindingCatalog.TrnRoundNoSingleRuleSet.Of(string.Join(", ", benchmarks)));
        }
    }

    private static string Describe(string? named, List<string> benchmarks, List<string> fitsAll, List<DateTimeOffset> dates, string? dated)
    {
        var parts = new List<string>
        {
            named is null ? "no round in the bundle or folder names" : $"the names give round {named}",
            benchmarks.Count == 0 ? "no known benchmark names"
                : fitsAll.Count == 0 ? $"benchmarks {string.Join(", ", benchmarks)} are held by no single rule set"
                : $"benchmarks {string.Join(", ", benchmarks)} are all held by {string.Join(", ", fitsAll)}",
            dates.Count == 0 ? "no dated log"
                : $"{dates.Count} logs dated {Day(dates[0])} to {Day(dates[^1])}, the latest within {dated}'s submission window or later",
        };
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Among rule sets holding every benchmark: those not before the logs' dates; the one system folder names give, else the earliest.
    /// </summary>
    private static string Tiebreak(List<string> fitsAll, string? dated, string? systemNames)
    {
        var allowed = fitsAll.Where(c => dated is null || string.CompareOrdinal(c, dated) >= 0).ToList();
        return allowed.Count == 0 ? fitsAll[^1] : systemNames is not null && allowed.Contains(systemNames) ? systemNames : allowed[0];
    }

    /// <summary>
    /// The part of a result folder path above <c>&lt;org&gt;/results/&lt;system&gt;/&lt;benchmark&gt;</c>
    /// (or above <c>&lt;system&gt;/&lt;benchmark&gt;</c>).
    /// </summary>
    private static string Above(string folder)
    {
        var parts = folder.Split('/');
        var keep = parts.Length >= 4 && parts[^3] == "results" ? parts.Length - 4 : Math.Max(0, parts.Length - 2);
        return string.Join('/', parts[..keep]);
    }

    private static string SystemPart(string folder)
    {
        var parts = folder.Split('/');
        return parts.Length >= 2 ? parts[^2] : string.Empty;
    }

    /// <summary>The earliest rule set of <paramref name="candidates"/> not before <paramref name="lowerBound"/> (ordinal order of ids).</summary>
    private static string? Earliest(List<string> candidates, string? lowerBound) =>
        candidates.Where(c => lowerBound is null || string.CompareOrdinal(c, lowerBound) >= 0).Order(StringComparer.Ordinal).FirstOrDefault();

    private static bool Holds(string ruleSet, string benchmark) => TrainingRuleSet.Get(ruleSet)?.Benchmarks.ContainsKey(benchmark) == true;

    private static bool Known(string benchmark) => TrainingRuleSet.Supported.Any(id => Holds(id, benchmark));

    private static string WindowOf(DateTimeOffset when) =>
        RoundWindows.FirstOrDefault(w => when < w.Before).RuleSet ?? TrainingRuleSet.Supported[^1];

    private static string Day(DateTimeOffset when) => when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? NamedRound(IEnumerable<string> names)
    {
        foreach (var text in names)
        {
            var m = RoundInPath().Match(text);
            if (m.Success && RoundLabel.Parse(m.Groups[1].Value + "." + m.Groups[2].Value)?.TrainingRuleSet is { } ruleSet
                && TrainingRuleSet.Supported.Contains(ruleSet))
            {
                return ruleSet;
            }
        }

        return null;
    }

    private sealed record FolderEvidence(string Folder, string? Benchmark, IReadOnlyList<DateTimeOffset> Dates);

    /// <summary>
    /// The folder's benchmark (its name when a rule set knows it, else the first log's submission_benchmark) and every log's first date.
    /// </summary>
    private static FolderEvidence Gather(IBundle bundle, IGrouping<string, BundleEntry> folder)
    {
        var name = folder.Key.Split('/')[^1];
        string? benchmark = Known(name) ? name : null;
        var dates = new List<DateTimeOffset>();
        foreach (var log in folder.OrderBy(e => e.FileName, StringComparer.Ordinal))
        {
            var (date, logged) = Scan(bundle, log, wantBenchmark: benchmark is null);
            if (date is { } d)
            {
                dates.Add(d);
            }

            if (benchmark is null && logged is not null && Known(logged))
            {
                benchmark = logged;
            }
        }

        return new FolderEvidence(folder.Key, benchmark, dates);
    }

    private static (DateTimeOffset? Date, string? Benchmark) Scan(IBundle bundle, BundleEntry log, bool wantBenchmark)
    {
        using var stream = bundle.Open(log);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        DateTimeOffset? date = null;
        string? benchmark = null;
        for (var i = 0; i < LinesScanned && reader.ReadLine() is { } line; i++)
        {
            if (date is null && FirstTimeMs().Match(line) is { Success: true } t
                && double.TryParse(t.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 1e14)
            {
                date = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
            }

            if (wantBenchmark && benchmark is null && LoggedBenchmark().Match(line) is { Success: true } b)
            {
                benchmark = b.Groups[1].Value;
            }

            if (date is not null && (!wantBenchmark || benchmark is not null))
            {
                break;
            }
        }

        return (date, benchmark);
    }

    [GeneratedRegex(@":::MLLOG .*""time_ms"":\s*""?([0-9.eE+]+)")]
    private static partial Regex FirstTimeMs();

    [GeneratedRegex(@":::MLLOG .*""key"":\s*""submission_benchmark"".*""value"":\s*""([A-Za-z0-9_]+)""")]
    private static partial Regex LoggedBenchmark();

    [GeneratedRegex(@"(?:^|[^0-9])v(\d+)\.(\d+)(?:[^0-9]|$)")]
    private static partial Regex RoundInPath();
}
