using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Local.Bundles;

/// <summary>
/// A folder on disk read as a bundle. Symbolic links are not followed (a link is reported and
/// skipped), so a bundle cannot reach files outside its root.
/// </summary>
public sealed class DirectoryBundle : IBundle
{
    private readonly string _root;
    private readonly Action? _onDispose;

    private DirectoryBundle(string name, string root, IReadOnlyList<BundleEntry> entries, IReadOnlyList<Finding> findings, Action? onDispose,
        IReadOnlyDictionary<string, string> links, IReadOnlyList<string> emptyFolders)
    {
        EmptyFolders = emptyFolders;
        Links = links;
        Name = name;
        _root = root;
        Entries = entries;
        OpeningFindings = findings;
        _onDispose = onDispose;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<BundleEntry> Entries { get; }

    /// <inheritdoc />
    public IReadOnlyList<Finding> OpeningFindings { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Links { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> EmptyFolders { get; }

    /// <summary>Indexes <paramref name="root"/>. Throws <see cref="BundleInputException"/> when a limit is broken.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="root">Folder to read.</param>
    /// <param name="limits">Validated limits.</param>
    /// <param name="onDispose">Runs when the bundle is disposed (deletes a temp work root).</param>
    public static DirectoryBundle Open(string name, string root, BundleLimits limits, Action? onDispose = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var full = Path.GetFullPath(root);
        var walk = new FolderWalk(name, limits);
        // The top two levels (division, submitter in a submission tree) are walked first; the folders found there are
        // then walked on every core, each into its own lists, merged in the order they were found.
        var top = walk.Run([(full, string.Empty, 0)], maxDepth: 2);
        var parts = new FolderWalk.Part[top.Deferred.Count];
        Parallel.For(0, parts.Length, i => parts[i] = walk.Run([top.Deferred[i]], maxDepth: int.MaxValue));
        var entries = new List<BundleEntry>(walk.Count);
        var findings = new List<Finding>();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var empty = new List<string>();
        foreach (var part in (FolderWalk.Part[])[top, .. parts])
        {
            part.Error?.Throw();
            entries.AddRange(part.Entries);
            empty.AddRange(part.EmptyFolders);
            findings.AddRange(part.Findings);
            foreach (var (path, target) in part.Links)
            {
                links[path] = target;
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        empty.Sort(StringComparer.Ordinal);
        return new DirectoryBundle(name, full, entries, findings, onDispose, links, empty);
    }

    /// <inheritdoc />
    public Stream Open(BundleEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var path = Path.Combine(_root, entry.Path.Replace('/', Path.DirectorySeparatorChar));
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    }

    /// <inheritdoc />
    public bool SupportsConcurrentReads => true;

    /// <inheritdoc />
    public void Dispose() => _onDispose?.Invoke();
}
