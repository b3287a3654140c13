namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// A read-only tree of files to audit: a folder, a zip or an extracted tar.gz. Paths are
/// bundle-relative, '/'-separated and already checked by <see cref="EntryPath"/>.
/// </summary>
public interface IBundle : IDisposable
{
    /// <summary>Display name of the bundle (file or folder name), used in the report.</summary>
    string Name { get; }

    /// <summary>Every regular file of the bundle, ordered by path (ordinal).</summary>
    IReadOnlyList<BundleEntry> Entries { get; }

    /// <summary>Problems met while opening the bundle (skipped links, stray entries, ...).</summary>
    IReadOnlyList<Findings.Finding> OpeningFindings { get; }

    /// <summary>
    /// Symbolic links met while opening the bundle, which are never followed: the link's bundle path → its target as
    /// written. Rules may ask whether a link names a folder of the bundle (<see cref="BundleIndex.FolderExistsOrLinked"/>);
    /// nothing is read through a link. Empty by default.
    /// </summary>
    IReadOnlyDictionary<string, string> Links => System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// Folders of the bundle that hold nothing at all (no file, folder or link), bundle-relative and ordered (ordinal);
    /// the official inference checker rejects a submitter with any. Empty by default (a bundle that cannot tell).
    /// </summary>
    IReadOnlyList<string> EmptyFolders => [];

    /// <summary>Opens an entry for reading. The caller disposes the stream.</summary>
    Stream Open(BundleEntry entry);

    /// <summary>
    /// True when <see cref="Open"/> may be called from several threads at once (a folder on disk); false for
    /// readers over one shared stream (a zip), which the pipeline then reads one entry at a time.
    /// </summary>
    bool SupportsConcurrentReads => false;
}
