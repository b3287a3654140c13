using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Support;

/// <summary>
/// A real bundle whose paths are renamed in memory (e.g. a benchmark folder <c>llama2-70b-99</c> → <c>llama2-70b-99.9</c>
/// in every tree), so a result of one round can be laid out as a benchmark of another without copying any file.
/// Entries whose path starts with a removed prefix are left out.
/// </summary>
internal sealed class RenamedBundle : IBundle
{
    private readonly IBundle _inner;
    private readonly Dictionary<string, BundleEntry> _byNewPath = new(StringComparer.Ordinal);

    /// <param name="inner">The bundle to view.</param>
    /// <param name="segment">A path segment to rename wherever it appears as a whole segment.</param>
    /// <param name="renamed">Its new name.</param>
    /// <param name="drop">Path prefixes to leave out.</param>
    public RenamedBundle(IBundle inner, string segment, string renamed, params string[] drop)
    {
        _inner = inner;
        foreach (var entry in inner.Entries.Where(e => !drop.Any(d => e.Path.StartsWith(d, StringComparison.Ordinal))))
        {
            var path = string.Join('/', entry.Path.Split('/').Select(s => s == segment ? renamed : s));
            Assert.True(_byNewPath.TryAdd(path, entry), $"two files map to {path}");
        }
    }

    public string Name => _inner.Name;

    public bool SupportsConcurrentReads => _inner.SupportsConcurrentReads;

    public IReadOnlyList<Finding> OpeningFindings => _inner.OpeningFindings;

    public IReadOnlyList<BundleEntry> Entries => [.. _byNewPath.Select(kv => kv.Value with { Path = kv.Key })];

    public Stream Open(BundleEntry entry) => _inner.Open(_byNewPath[entry.Path]);

    public void Dispose() => _inner.Dispose();
}
