using System.IO.Compression;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// A zip archive read in place over a seekable stream: nothing is extracted. Entry names are
/// checked with <see cref="EntryPath"/>, sizes and ratios against <see cref="BundleLimits"/>.
/// </summary>
public sealed class ZipBundle : IBundle
{
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _byPath;
    private readonly BundleLimits _limits;

    private ZipBundle(string name, ZipArchive archive, Dictionary<string, ZipArchiveEntry> byPath,
        IReadOnlyList<BundleEntry> entries, IReadOnlyList<Finding> findings, BundleLimits limits, IReadOnlyList<string> emptyFolders)
    {
        EmptyFolders = emptyFolders;
        Name = name;
        _archive = archive;
        _byPath = byPath;
        Entries = entries;
        OpeningFindings = findings;
        _limits = limits;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<BundleEntry> Entries { get; }

    /// <inheritdoc />
    public IReadOnlyList<Finding> OpeningFindings { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> EmptyFolders { get; }

    /// <summary>Indexes the archive. Throws <see cref="BundleInputException"/> when it is not a readable zip or breaks a limit.</summary>
    /// <param name="name">Display name of the archive.</param>
    /// <param name="seekable">The archive bytes; the bundle owns and disposes the stream.</param>
    /// <param name="limits">Validated limits.</param>
    public static ZipBundle Open(string name, Stream seekable, BundleLimits limits)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        ArgumentNullException.ThrowIfNull(limits);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            seekable.Dispose();
            throw new BundleInputException(FindingCatalog.BundleZipUnreadable.Of(name, ex.Message), ex);
        }

        try
        {
            return Index(name, archive, limits);
        }
        catch (InvalidDataException ex)
        {
            // The central directory is read lazily: a corrupt one fails here, not in the constructor.
            archive.Dispose();
            throw new BundleInputException(FindingCatalog.BundleZipUnreadable.Of(name, ex.Message), ex);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    private static ZipBundle Index(string name, ZipArchive archive, BundleLimits limits)
    {
        var findings = new List<Finding>();
        var byPath = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var entries = new List<BundleEntry>();
        var folders = new List<string>();
        var skipped = new List<string>();
        long total = 0;
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw new BundleInputException(FindingCatalog.BundleZipTooManyEntries.Of(name, archive.Entries.Count, limits.MaxEntries));
        }

        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') && entry.Length == 0)
            {
                // A folder entry: kept to tell the folders that hold nothing.
                if (EntryPath.Normalize(entry.FullName.TrimEnd('/'), limits.MaxPathDepth, out _, out _) is { Length: > 0 } folder)
                {
                    folders.Add(folder);
                }

                continue;
            }

            var path = EntryPath.Normalize(entry.FullName, limits.MaxPathDepth, out var reason, out var tooDeep)
                ?? throw new BundleInputException(EntryPath.Refused(name, entry.FullName, reason, tooDeep));

            if (IsSymbolicLink(entry))
            {
                findings.Add(FindingCatalog.BundleZipLinkSkipped.At(path, null, path));
                skipped.Add(path);
                continue;
            }

            if (!byPath.TryAdd(path, entry))
            {
                throw new BundleInputException(FindingCatalog.BundleDuplicateEntry.Of(name, path));
            }

            CheckSize(name, path, entry.Length, entry.CompressedLength, limits);
            total = checked(total + entry.Length);
            if (total > limits.MaxTotalBytes)
            {
                throw new BundleInputException(FindingCatalog.BundleLimitReached.Of(name, limits.MaxTotalBytes));
            }

            entries.Add(new BundleEntry(path, entry.Length));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        List<string> everything = [.. entries.Select(e => e.Path), .. folders, .. skipped];
        return new ZipBundle(name, archive, byPath, entries, findings, limits, FolderEntries.Empty(folders, everything));
    }

    private static void CheckSize(string name, string path, long length, long compressed, BundleLimits limits)
    {
        if (length > limits.MaxEntryBytes)
        {
            throw new BundleInputException(FindingCatalog.BundleEntryTooLarge.Of(name, path, length, limits.MaxEntryBytes));
        }

        if (length > 1 << 20 && length / Math.Max(compressed, 1) > limits.MaxCompressionRatio)
        {
            throw new BundleInputException(
                FindingCatalog.BundleEntryRatioTooHigh.Of(name, path, length / Math.Max(compressed, 1), limits.MaxCompressionRatio));
        }
    }

    private static bool IsSymbolicLink(ZipArchiveEntry entry)
    {
        // Unix mode bits live in the high 16 bits of the external attributes; 0xA000 is S_IFLNK.
        var mode = (entry.ExternalAttributes >> 16) & 0xF000;
        return mode == 0xA000;
    }

    /// <inheritdoc />
    public Stream Open(BundleEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var zipEntry = _byPath[entry.Path];
        try
        {
            return new LengthLimitedStream(zipEntry.Open(), zipEntry.Length, _limits.MaxEntryBytes, entry.Path);
        }
        catch (InvalidDataException ex)
        {
            throw new BundleInputException(FindingCatalog.BundleEntryUnreadable.Of(Name, entry.Path, ex.Message), ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _archive.Dispose();
}
