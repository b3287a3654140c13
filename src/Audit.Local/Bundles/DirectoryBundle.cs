using System.IO.Enumeration;
using System.Runtime.CompilerServices;
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

    private DirectoryBundle(string name, string root, IReadOnlyList<BundleEntry> entries, IReadOnlyList<Finding> findings, Action? onDispose)
    {
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

    /// <summary>Indexes <paramref name="root"/>. Throws <see cref="BundleInputException"/> when a limit is broken.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="root">Folder to read.</param>
    /// <param name="limits">Validated limits.</param>
    /// <param name="onDispose">Runs when the bundle is disposed (deletes a temp work root).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DirectoryBundle Open(string name, string root, BundleLimits limits, Action? onDispose = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var full = Path.GetFullPath(root);
        var entries = new List<BundleEntry>();
        var findings = new List<Finding>();
        long total = 0;
        var pending = new Stack<(string Full, string Relative, int Depth)>();
        pending.Push((full, string.Empty, 0));
        var walk = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        while (pending.Count > 0)
        {
            var (dir, prefix, depth) = pending.Pop();
            // One readdir walk; each item's attributes and length come from that walk's own stat, and its bundle path is
            // built from its folder's (no FileInfo objects, no path normalisation per file).
            var items = new FileSystemEnumerable<(string Name, FileAttributes Attributes, bool IsDirectory, long Length)>(dir,
                (ref FileSystemEntry e) => (e.FileName.ToString(), e.Attributes, e.IsDirectory, e.IsDirectory ? 0 : e.Length), walk);
            foreach (var (itemName, attributes, isDirectory, length) in items)
            {
                var relative = prefix + itemName;
                // ReparsePoint marks a symbolic link on Unix.
                if ((attributes & FileAttributes.ReparsePoint) != 0)
                {
                    findings.Add(Finding.Of(FindingCatalog.BundleSpecialEntry, $"Symbolic link '{relative}' was not followed.", relative));
                    continue;
                }

                if (isDirectory)
                {
                    if (depth + 1 >= limits.MaxPathDepth)
                    {
                        throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                            $"{name}: folder '{relative}' is nested deeper than {limits.MaxPathDepth} levels, the limit");
                    }

                    pending.Push((Path.Join(dir, itemName), relative + "/", depth + 1));
                    continue;
                }

                if ((attributes & FileAttributes.Device) != 0)
                {
                    findings.Add(Finding.Of(FindingCatalog.BundleSpecialEntry, $"Special file '{relative}' was skipped.", relative));
                    continue;
                }

                if (entries.Count >= limits.MaxEntries)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code, $"{name}: more than {limits.MaxEntries} files, the limit");
                }

                total = checked(total + length);
                if (total > limits.MaxTotalBytes)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code, $"{name}: more than {limits.MaxTotalBytes} bytes, the limit");
                }

                entries.Add(new BundleEntry(relative, length));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new DirectoryBundle(name, full, entries, findings, onDispose);
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
