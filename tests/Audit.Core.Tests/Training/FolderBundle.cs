using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>A read-only folder (optionally with in-memory overrides) as an <see cref="IBundle"/>, for tests.</summary>
internal sealed class FolderBundle : IBundle
{
    private readonly string _root;
    private readonly Dictionary<string, byte[]> _overrides;

    public FolderBundle(string root, IReadOnlyDictionary<string, byte[]>? overrides = null, IEnumerable<string>? remove = null)
    {
        _root = root;
        _overrides = overrides is null ? [] : new Dictionary<string, byte[]>(overrides, StringComparer.Ordinal);
        var removed = new HashSet<string>(remove ?? [], StringComparer.Ordinal);
        var entries = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !removed.Contains(p) && !_overrides.ContainsKey(p))
            .Select(p => new BundleEntry(p, new FileInfo(Path.Combine(root, p)).Length))
            .Concat(_overrides.Select(o => new BundleEntry(o.Key, o.Value.Length)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        Entries = entries;
        Name = Path.GetFileName(root.TrimEnd('/'));
    }

    public string Name { get; }

    public IReadOnlyList<BundleEntry> Entries { get; }

    public IReadOnlyList<Finding> OpeningFindings => [];

    public Stream Open(BundleEntry entry) =>
        _overrides.TryGetValue(entry.Path, out var bytes) ? new MemoryStream(bytes, writable: false) : File.OpenRead(Path.Combine(_root, entry.Path));

    public static OpenedBundle Opened(string root, IReadOnlyDictionary<string, byte[]>? overrides = null, IEnumerable<string>? remove = null) =>
        new(new FolderBundle(root, overrides, remove), new string('0', 64));

    public void Dispose()
    {
    }
}
