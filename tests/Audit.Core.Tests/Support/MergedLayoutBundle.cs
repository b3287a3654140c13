using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Support;

/// <summary>
/// A split-layout (v5.x) bundle re-arranged in memory into the v6.x merged layout (spec §1.3), without
/// copying any file: <c>compliance/&lt;sys&gt;/&lt;b&gt;/&lt;s&gt;/TEST0x/…</c> → <c>results/&lt;sys&gt;/&lt;b&gt;/&lt;s&gt;/TEST0x/…</c>,
/// <c>measurements/&lt;sys&gt;/&lt;b&gt;/&lt;s&gt;/&lt;sys&gt;*.json</c> → <c>results/&lt;sys&gt;/&lt;b&gt;/&lt;s&gt;/measurements.json</c>
/// (the other measurement files, user.conf and README.md, move alongside), <c>code/</c> → <c>src/</c>.
/// </summary>
internal sealed class MergedLayoutBundle : IBundle
{
    private readonly IBundle _inner;
    private readonly Dictionary<string, BundleEntry> _byNewPath = new(StringComparer.Ordinal);

    /// <param name="inner">The split-layout bundle.</param>
    /// <param name="onlyUnder">Re-arrange only the paths that begin with this (e.g. one submitter, "closed/AMD/"); null: all.</param>
    public MergedLayoutBundle(IBundle inner, string? onlyUnder = null)
    {
        _inner = inner;
        foreach (var entry in inner.Entries)
        {
            var path = onlyUnder is null || entry.Path.StartsWith(onlyUnder, StringComparison.Ordinal) ? Map(entry.Path) : entry.Path;
            Assert.True(_byNewPath.TryAdd(path, entry), $"two files map to {path}");
        }
    }

    public string Name => _inner.Name;

    public bool SupportsConcurrentReads => _inner.SupportsConcurrentReads;

    public IReadOnlyList<Finding> OpeningFindings => _inner.OpeningFindings;

    public IReadOnlyList<BundleEntry> Entries => [.. _byNewPath.Select(kv => kv.Value with { Path = kv.Key })];

    public Stream Open(BundleEntry entry) => _inner.Open(_byNewPath[entry.Path]);

    /// <summary>The merged-layout path of a split-layout path.</summary>
    public static string Map(string path)
    {
        var s = path.Split('/');
        // <division>/<submitter>/<tree>/...
        if (s.Length < 3 || s[0] is not ("closed" or "open" or "network"))
        {
            return path;
        }

        switch (s[2])
        {
            case "code":
                s[2] = "src";
                return string.Join('/', s);
            case "compliance" when s.Length > 6:
                s[2] = "results";
                return string.Join('/', s);
            case "measurements" when s.Length == 7:
                var system = s[3];
                var file = s[6];
                var name = file.StartsWith(system, StringComparison.Ordinal)
                    && file.EndsWith(".json", StringComparison.Ordinal) ? "measurements.json" : file;
                return string.Join('/', [s[0], s[1], "results", s[3], s[4], s[5], name]);
            default:
                return path;
        }
    }

    public void Dispose() => _inner.Dispose();
}
