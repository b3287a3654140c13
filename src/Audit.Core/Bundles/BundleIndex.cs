using System.Runtime.CompilerServices;

namespace MlPerfAudit.Core.Bundles;

/// <summary>Lookups over a bundle's entries: file by path, files directly in a folder, folder existence.</summary>
internal sealed class BundleIndex
{
    private readonly Dictionary<string, BundleEntry> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BundleEntry>> _children = new(StringComparer.Ordinal);

    /// <summary>Indexes the bundle's entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BundleIndex(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Bundle = bundle;
        string? folder = null;
        List<BundleEntry> list = [];
        foreach (var entry in bundle.Entries)
        {
            _files[entry.Path] = entry;

            // Files of one folder are usually neighbours in the entry list: the folder's path and list are reused.
            var slash = entry.Path.LastIndexOf('/');
            var folderSpan = slash >= 0 ? entry.Path.AsSpan(0, slash) : [];
            if (folder is not null && folderSpan.SequenceEqual(folder))
            {
                list.Add(entry);
                continue;
            }

            folder = folderSpan.ToString();
            if (!_children.TryGetValue(folder, out var found))
            {
                _children[folder] = found = [];
            }

            list = found;
            list.Add(entry);
            for (var parent = folder; parent.Length > 0; parent = Parent(parent))
            {
                if (!_children.TryAdd(parent, []) && parent != folder)
                {
                    break;
                }
            }
        }
    }

    /// <summary>The indexed bundle.</summary>
    public IBundle Bundle { get; }

    /// <summary>Each file's SHA-256 (hex) by path when the opener computed them; null otherwise.</summary>
    public IEntryDigests? EntryDigests { get; init; }

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public BundleEntry? File(string path) => _files.GetValueOrDefault(path);

    /// <summary>True when some file lies under <paramref name="folder"/>.</summary>
    public bool FolderExists(string folder) => _children.ContainsKey(folder);

    /// <summary>
    /// True when <paramref name="folder"/> exists, or is a symbolic link (<see cref="IBundle.Links"/>) whose relative target
    /// names an existing folder inside the bundle, as a submitter's <c>src -&gt; code</c> link does. Only one link is resolved.
    /// </summary>
    public bool FolderExistsOrLinked(string folder)
    {
        if (FolderExists(folder))
        {
            return true;
        }

        if (!Bundle.Links.TryGetValue(folder, out var target) || target.Length == 0 || target[0] == '/')
        {
            return false;
        }

        var resolved = new List<string>(Parent(folder).Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    return false;
                }

                resolved.RemoveAt(resolved.Count - 1);
            }
            else if (part != ".")
            {
                resolved.Add(part);
            }
        }

        return resolved.Count > 0 && FolderExists(string.Join('/', resolved));
    }

    /// <summary>Files directly inside <paramref name="folder"/> (not in sub-folders).</summary>
    public IReadOnlyList<BundleEntry> FilesIn(string folder) => _children.TryGetValue(folder, out var list) ? list : [];

    /// <summary>Names of the sub-folders directly inside <paramref name="folder"/>.</summary>
    public IEnumerable<string> SubfoldersOf(string folder)
    {
        var prefix = folder.Length == 0 ? string.Empty : folder + "/";
        return _children.Keys
            .Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0)
            .Select(k => k[prefix.Length..])
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Joins path segments with '/', skipping empty ones.</summary>
    public static string Join(params string[] parts) => string.Join('/', parts.Where(p => p.Length > 0));

    private static string Parent(string folder) => folder.LastIndexOf('/') is var i and >= 0 ? folder[..i] : string.Empty;
}
