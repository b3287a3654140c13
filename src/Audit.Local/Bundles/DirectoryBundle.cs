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
        IReadOnlyDictionary<string, string> links)
    {
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

    /// <summary>Indexes <paramref name="root"/>. Throws <see cref="BundleInputException"/> when a limit is broken.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="root">Folder to read.</param>
    /// <param name="limits">Validated limits.</param>
    /// <param name="onDispose">Runs when the bundle is disposed (deletes a temp work root).</param>
    public static DirectoryBundle Open(string name, string root, BundleLimits limits, Action? onDispose = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var full = Path.GetFullPath(root);
        var entries = new List<BundleEntry>();
        var findings = new List<Finding>();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        long total = 0;
        var pending = new Stack<(DirectoryInfo Dir, int Depth)>();
        pending.Push((new DirectoryInfo(full), 0));
        while (pending.Count > 0)
        {
            var (dir, depth) = pending.Pop();
            foreach (var info in dir.EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(full, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
                // The attributes come from the directory walk's stat; ReparsePoint marks a symbolic link on Unix.
                if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    findings.Add(Finding.Of(FindingCatalog.BundleSpecialEntry, $"Symbolic link '{relative}' was not followed.", relative));
                    links[relative] = info.LinkTarget ?? string.Empty;
                    continue;
                }

                if (info is DirectoryInfo sub)
                {
                    if (depth + 1 >= limits.MaxPathDepth)
                    {
                        throw new BundleInputException(FindingCatalog.BundleLimitReached.Code,
                            $"{name}: folder '{relative}' is nested deeper than {limits.MaxPathDepth} levels, the limit");
                    }

                    pending.Push((sub, depth + 1));
                    continue;
                }

                if (info is not FileInfo file || (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0)
                {
                    findings.Add(Finding.Of(FindingCatalog.BundleSpecialEntry, $"Special file '{relative}' was skipped.", relative));
                    continue;
                }

                if (entries.Count >= limits.MaxEntries)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code, $"{name}: more than {limits.MaxEntries} files, the limit");
                }

                total = checked(total + file.Length);
                if (total > limits.MaxTotalBytes)
                {
                    throw new BundleInputException(FindingCatalog.BundleLimitReached.Code, $"{name}: more than {limits.MaxTotalBytes} bytes, the limit");
                }

                entries.Add(new BundleEntry(relative, file.Length));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new DirectoryBundle(name, full, entries, findings, onDispose, links);
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
