using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Local.Bundles;

/// <summary>
/// Opens what the user pointed at — a folder, a zip, a tar or a tar.gz — deciding by content, not
/// by extension. Every failure is an <see cref="InputError"/> with the file named.
/// </summary>
public static class BundleOpener
{
    /// <summary>Opens <paramref name="path"/> as a bundle.</summary>
    /// <param name="path">Folder or archive file.</param>
    /// <param name="limits">Validated limits.</param>
    /// <param name="error">Why the input could not be read, when it could not.</param>
    public static OpenedBundle? Open(string path, BundleLimits limits, out InputError? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        error = null;
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        var name = Path.GetFileName(Path.GetFullPath(trimmed));
        try
        {
            if (Directory.Exists(path))
            {
                var folder = DirectoryBundle.Open(name, path, limits);
                // The manifest digest is computed while the folder is audited: each file the audit reads is hashed in
                // that read, the others on a background thread (the value is that of BundleDigest.OfManifest).
                return new OpenedBundle(new ManifestHasher(folder));
            }

            if (!File.Exists(path))
            {
                error = new InputError(FindingCatalog.BundleNotFound.Of(path));
                return null;
            }

            return OpenArchive(path, name, limits);
        }
        catch (BundleInputException ex)
        {
            error = new InputError(ex.Code, ex.Message);
        }
        catch (IOException ex)
        {
            error = new InputError(FindingCatalog.BundleUnreadable.Of(path, ex.Message));
        }
        catch (UnauthorizedAccessException ex)
        {
            error = new InputError(FindingCatalog.BundleUnreadable.Of(path, ex.Message));
        }

        return null;
    }

    private static OpenedBundle OpenArchive(string path, string name, BundleLimits limits)
    {
        string digest;
        ArchiveFormat format;
        using (var probe = File.OpenRead(path))
        {
            var head = new byte[ArchiveFormatSniffer.HeadLength];
            var read = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            format = ArchiveFormatSniffer.Detect(head.AsSpan(0, read));
            probe.Position = 0;
            digest = BundleDigest.OfStream(probe);
        }

        switch (format)
        {
            case ArchiveFormat.Zip:
                return new OpenedBundle(ZipBundle.Open(name, File.OpenRead(path), limits), digest);
            case ArchiveFormat.GzipTar:
            case ArchiveFormat.Tar:
                var root = WorkRoot.Create();
                try
                {
                    IReadOnlyList<Finding> skipped;
                    using (var archive = File.OpenRead(path))
                    {
                        skipped = TarArchiveReader.Extract(name, archive, format == ArchiveFormat.GzipTar, limits, root);
                    }

                    var extracted = DirectoryBundle.Open(name, root.Path, limits, root.Delete);
                    return new OpenedBundle(new FindingsOverlay(extracted, skipped), digest);
                }
                catch
                {
                    root.Delete();
                    throw;
                }

            default:
                throw new BundleInputException(FindingCatalog.BundleNotAnArchive.Of(path));
        }
    }

    /// <summary>Adds the extraction's findings to the extracted folder's own.</summary>
    private sealed class FindingsOverlay(IBundle inner, IReadOnlyList<Finding> extra) : IBundle
    {
        public string Name => inner.Name;

        public IReadOnlyList<BundleEntry> Entries => inner.Entries;

        public IReadOnlyList<Finding> OpeningFindings { get; } = [.. extra, .. inner.OpeningFindings];

        public IReadOnlyDictionary<string, string> Links => inner.Links;

        public IReadOnlyList<string> EmptyFolders => inner.EmptyFolders;

        public Stream Open(BundleEntry entry) => inner.Open(entry);

        public bool SupportsConcurrentReads => inner.SupportsConcurrentReads;

        public void Dispose() => inner.Dispose();
    }
}
