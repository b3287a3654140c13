using System.Formats.Tar;
using MlPerfAudit.Core.Bundles.Gzip;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Streams a (gzip-compressed) tar archive into an <see cref="IExtractionTarget"/>, one pass, no
/// seeking. Only regular files are stored; links, devices and FIFOs are skipped with a finding.
/// Paths are checked with <see cref="EntryPath"/> and sizes against <see cref="BundleLimits"/>.
/// </summary>
public static class TarArchiveReader
{
    /// <summary>Reads every entry. Throws <see cref="BundleInputException"/> on corrupt input or a broken limit.</summary>
    /// <param name="name">Display name of the archive, used in messages.</param>
    /// <param name="archive">The archive bytes, not necessarily seekable.</param>
    /// <param name="gzip">True when the tar is gzip-compressed.</param>
    /// <param name="limits">Validated limits.</param>
    /// <param name="target">Receives the regular files.</param>
    /// <returns>Findings about skipped entries.</returns>
    public static IReadOnlyList<Finding> Extract(string name, Stream archive, bool gzip, BundleLimits limits, IExtractionTarget target)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(target);
        var counting = new CountingStream(archive);
        using var source = gzip ? new GzipReadStream(counting) : (Stream)counting;
        var state = new Extraction(name, limits, target, gzip ? counting : null);
        try
        {
            using var reader = new System.Formats.Tar.TarReader(source, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                state.Add(entry);
            }

            if (gzip)
            {
                DrainTrailer(name, source);
            }

            state.KeepEmptyFolders();
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException
                                       or OverflowException)
        {
            throw new BundleInputException(FindingCatalog.BundleTarUnreadable.Of(name, ex.Message), ex);
        }

        return state.Findings;
    }

    /// <summary>
    /// Reads the gzip stream past the tar's end-of-archive blocks to its end, so every member's CRC-32 and size trailer
    /// is checked (<see cref="GzipReadStream"/>) and a stream cut anywhere in it is refused. Tar pads to a 10 KiB
    /// record; more than 1 MiB of trailing data is refused as a limit.
    /// </summary>
    private static void DrainTrailer(string name, Stream source)
    {
        var buffer = new byte[16 * 1024];
        long trailing = 0;
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            trailing += n;
            if (trailing > 1 << 20)
            {
                throw new BundleInputException(FindingCatalog.BundleTarTrailer.Of(name));
            }
        }
    }

    /// <summary>One extraction's running state: the paths seen, the entry count and the bytes expanded so far.</summary>
    /// <param name="name">Display name of the archive, used in messages.</param>
    /// <param name="limits">Validated limits.</param>
    /// <param name="target">Receives the regular files.</param>
    /// <param name="compressed">The compressed bytes read, for the ratio guard; null when the tar is not compressed.</param>
    private sealed class Extraction(string name, BundleLimits limits, IExtractionTarget target, CountingStream? compressed)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _folders = [];
        private readonly List<string> _skipped = [];
        private long _total;
        private int _count;

        /// <summary>Findings about skipped entries.</summary>
        public List<Finding> Findings { get; } = [];

        /// <summary>Checks one entry against the limits and writes it to the target when it is a regular file.</summary>
        public void Add(TarEntry entry)
        {
            if (++_count > limits.MaxEntries)
            {
                throw new BundleInputException(FindingCatalog.BundleTooManyEntries.Of(name, limits.MaxEntries));
            }

            if (entry.EntryType is TarEntryType.Directory)
            {
                // A folder entry: kept to tell the folders that hold nothing (as ZipBundle does).
                if (EntryPath.Normalize(entry.Name.TrimEnd('/'), limits.MaxPathDepth, out _, out _) is { Length: > 0 } folder)
                {
                    _folders.Add(folder);
                }

                return;
            }

            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
            {
                return;
            }

            var path = EntryPath.Normalize(entry.Name, limits.MaxPathDepth, out var reason, out var tooDeep)
                ?? throw new BundleInputException(EntryPath.Refused(name, entry.Name, reason, tooDeep));
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                Findings.Add(FindingCatalog.BundleTarEntrySkipped.At(path, null, entry.EntryType, path));
                _skipped.Add(path);
                return;
            }

            if (!_seen.Add(path))
            {
                throw new BundleInputException(FindingCatalog.BundleDuplicateEntry.Of(name, path));
            }

            CheckSize(path, entry.Length);
            using var data = entry.DataStream ?? Stream.Null;
            try
            {
                target.Write(path, data);
            }
            catch (BundleInputException ex)
            {
                throw ex.Within(name);
            }
        }

        /// <summary>Keeps the folder entries nothing (file, folder or skipped entry) sits under as empty folders of the copy.</summary>
        public void KeepEmptyFolders()
        {
            foreach (var empty in FolderEntries.Empty(_folders, [.. _seen, .. _skipped, .. _folders]))
            {
                target.KeepEmptyFolder(empty);
            }
        }

        private void CheckSize(string path, long length)
        {
            if (length > limits.MaxEntryBytes)
            {
                throw new BundleInputException(FindingCatalog.BundleEntryTooLarge.Of(name, path, length, limits.MaxEntryBytes));
            }

            _total = checked(_total + length);
            if (_total > limits.MaxTotalBytes)
            {
                throw new BundleInputException(FindingCatalog.BundleLimitReached.Of(name, limits.MaxTotalBytes));
            }

            if (compressed is not null && _total > 1 << 20 && _total / Math.Max(compressed.BytesRead, 1) > limits.MaxCompressionRatio)
            {
                throw new BundleInputException(FindingCatalog.BundleRatioTooHigh.Of(name, limits.MaxCompressionRatio));
            }
        }
    }

    /// <summary>Counts compressed bytes read (<see cref="ObservingReadStream.BytesRead"/>), for the compression-ratio guard.</summary>
    private sealed class CountingStream(Stream inner) : ObservingReadStream(inner, ownsInner: false)
    {
        protected override void Observe(ReadOnlySpan<byte> chunk)
        {
        }
    }
}
