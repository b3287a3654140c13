using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Round;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// Submitter-folder hygiene (spec §1.4): empty folders, names beginning with '.' or holding a space, __pycache__ folders and
/// files over 50 MiB anywhere under a submitter folder. In a round with <see cref="InferenceRound.SubmitterHygiene"/> (v5.x)
/// each problem rejects every result of the submitter, as the v5.x checkers do; otherwise (v6.x) it is one warning.
/// </summary>
internal static class SubmitterHygieneRules
{
    /// <summary>The file size above which a file rejects its submitter: 50 MiB, in bytes.</summary>
    internal const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Paths listed in one finding at most; the message gives the count of the rest.</summary>
    private const int MaxListed = 50;

    /// <summary>
    /// The hygiene findings of each submitter folder (bundle-relative; empty string when the bundle is one submitter), for the
    /// submitter folders given. Submitters without problems are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Finding>> Check(IBundle bundle, IEnumerable<string> submitterFolders,
        InferenceRound round)
    {
        var submitters = submitterFolders.ToHashSet(StringComparer.Ordinal);
        var problems = new Dictionary<string, Problems>(StringComparer.Ordinal);
        Problems For(string submitter) => problems.TryGetValue(submitter, out var p) ? p : problems[submitter] = new Problems();

        var seenFolders = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string path, bool isFolder, long length)
        {
            if (SubmitterOf(path, submitters) is not { } submitter)
            {
                return;
            }

            var name = path[(path.LastIndexOf('/') + 1)..];
            var p = For(submitter);
            if (name.StartsWith('.'))
            {
                p.Hidden.Add(path);
            }

            if (name.Contains(' ', StringComparison.Ordinal))
            {
                p.Spaces.Add(path);
            }

            // Not an exact match on purpose: the official v5.x check is endswith("__pycache__") on the folder's path
            // (measured with v5.1.1: it rejects code/my__pycache__).
            if (isFolder && name.EndsWith("__pycache__", StringComparison.Ordinal))
            {
                p.Pycache.Add(path);
            }

            if (!isFolder && length > MaxFileBytes)
            {
                p.Large.Add($"{path} ({length} bytes)");
            }
        }

        foreach (var entry in bundle.Entries)
        {
            Visit(entry.Path, isFolder: false, entry.Length);
            var path = entry.Path;
            for (var slash = path.LastIndexOf('/'); slash > 0 && seenFolders.Add(path[..slash]); slash = path.LastIndexOf('/', slash - 1))
            {
                Visit(path[..slash], isFolder: true, 0);
            }
        }

        foreach (var link in bundle.Links.Keys)
        {
            Visit(link, isFolder: false, 0);
        }

        foreach (var empty in bundle.EmptyFolders)
        {
            Visit(empty, isFolder: true, 0);
            if (SubmitterOf(empty, submitters) is { } submitter)
            {
                For(submitter).Empty.Add(empty);
            }
        }

        return problems.Where(p => p.Value.Any)
            .ToDictionary(p => p.Key, p => Findings(p.Key, p.Value, round), StringComparer.Ordinal);
    }

    private static IReadOnlyList<Finding> Findings(string submitter, Problems p, InferenceRound round)
    {
        var name = submitter.Length == 0 ? "The submitter folder" : submitter;
        var file = submitter.Length == 0 ? null : submitter;
        var found = new List<Finding>();
        void Add(FindingDefinition definition, FindingMessage notChecked, List<string> paths)
        {
            if (paths.Count > 0)
            {
                paths.Sort(StringComparer.Ordinal);
                var listed = string.Join(", ", paths.Take(MaxListed));
                var more = paths.Count > MaxListed ? $" and {paths.Count - MaxListed} more" : string.Empty;
                object?[] limit = definition == FindingCatalog.InfFileOver50MiB ? [MaxFileBytes] : [];
                found.Add(round.SubmitterHygiene
                    ? definition.At(file, null, [name, paths.Count, .. limit, listed + more])
                    : notChecked.At(file, null, [name, paths.Count, .. limit, listed + more, definition.Code, round.Round]));
            }
        }

        Add(FindingCatalog.InfEmptyFolders, FindingCatalog.InfHygieneNotChecked.Main, p.Empty);
        Add(FindingCatalog.InfHiddenNames, FindingCatalog.InfHygieneNotCheckedHidden, p.Hidden);
        Add(FindingCatalog.InfNamesWithSpaces, FindingCatalog.InfHygieneNotCheckedSpaces, p.Spaces);
        Add(FindingCatalog.InfPycacheFolders, FindingCatalog.InfHygieneNotCheckedPycache, p.Pycache);
        Add(FindingCatalog.InfFileOver50MiB, FindingCatalog.InfHygieneNotCheckedLarge, p.Large);
        return [.. found];
    }

    /// <summary>The submitter folder <paramref name="path"/> lies under (the nearest), or null.</summary>
    private static string? SubmitterOf(string path, HashSet<string> submitters)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (submitters.Contains(path[..slash]))
            {
                return path[..slash];
            }
        }

        return submitters.Contains(string.Empty) ? string.Empty : null;
    }

    private sealed class Problems
    {
        public List<string> Empty { get; } = [];

        public List<string> Hidden { get; } = [];

        public List<string> Spaces { get; } = [];

        public List<string> Pycache { get; } = [];

        public List<string> Large { get; } = [];

        public bool Any => Empty.Count + Hidden.Count + Spaces.Count + Pycache.Count + Large.Count > 0;
    }
}
