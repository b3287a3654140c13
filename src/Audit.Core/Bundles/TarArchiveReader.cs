using System.Formats.Tar;
using MlPerfAudit.Core.Bundles.Gzip;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Streams a (gzip-compressed) tar archive into an <see cref="IExtractionTarget"/>, one pass, no
/// seeking. Only regular files are stored, and the folder entries nothing sits under (empty folders); links, devices and FIFOs
/// are skipped with a finding.
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
        var findings = new List<Finding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var folders = new List<string>();
        var skipped = new List<string>();
        var counting = new CountingStream(archive);
        using var source = gzip ? new GzipReadStream(counting) : (Stream)counting;
        long total = 0;
        var count = 0;
        try
        {
            using var reader = new System.Formats.Tar.TarReader(source, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (++count > limits.MaxEntries)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                        $"{name}: more than {limits.MaxEntries} entries, the limit");
                }

                if (entry.EntryType is TarEntryType.Directory)
                {
                    // A folder entry: kept to tell the folders that hold nothing (as ZipBundle does).
                    if (EntryPath.Normalize(entry.Name.TrimEnd('/'), limits.MaxPathDepth, out _, out _) is { Length: > 0 } folder)
                    {
                        folders.Add(folder);
                    }

                    continue;
                }

                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                {
                    continue;
                }

                var path = EntryPath.Normalize(entry.Name, limits.MaxPathDepth, out var reason, out var tooDeep);
                if (path is null)
                {
                    throw new BundleInputException(tooDeep ? FindingCatalog.BundleLimitReached.Code : FindingCatalog.BundleUnsafePath.Code, $"{name}: entry '{entry.Name}' refused: {reason}");
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                {
                    findings.Add(Finding.Of(FindingCatalog.BundleSpecialEntry,
                        $"{entry.EntryType} entry '{path}' was skipped; only regular files are read.", path));
                    skipped.Add(path);
                    continue;
                }

                if (!seen.Add(path))
                {
                    throw new BundleInputException(FindingCatalog.BundleDuplicateEntry.Code, $"{name}: entry '{path}' appears more than once");
                }

                if (entry.Length > limits.MaxEntryBytes)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                        $"{name}: entry '{path}' is {entry.Length} bytes, the limit is {limits.MaxEntryBytes}");
                }

                total = checked(total + entry.Length);
                if (total > limits.MaxTotalBytes)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                        $"{name}: expands to more than {limits.MaxTotalBytes} bytes, the limit");
                }

                if (gzip && total > 1 << 20 && total / Math.Max(counting.BytesRead, 1) > limits.MaxCompressionRatio)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                        $"{name}: expands more than {limits.MaxCompressionRatio}-fold (zip bomb guard)");
                }

                using var data = entry.DataStream ?? Stream.Null;
                try
                {
                    target.Write(path, data);
                }
                catch (BundleInputException ex)
                {
                    throw new BundleInputException(ex.Code, $"{name}: {ex.Message}", ex);
                }
            }

            if (gzip)
            {
                DrainTrailer(name, source);
            }

            foreach (var empty in FolderEntries.Empty(folders, [.. seen, .. skipped, .. folders]))
            {
                target.KeepEmptyFolder(empty);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            throw new BundleInputException(FindingCatalog.BundleLimitReached.Code, $"{name}: not a readable tar archive ({ex.Message})", ex);
        }

        return findings;
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
                throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                    $"{name}: more than 1 MiB of data after the end of the tar archive");
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
