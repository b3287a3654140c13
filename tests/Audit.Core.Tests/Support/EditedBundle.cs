using System.Text;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Support;

/// <summary>
/// A real bundle with a few files edited, removed or added in memory: tests break one thing in a
/// published result without copying or writing the published logs anywhere.
/// </summary>
internal sealed class EditedBundle : IBundle
{
    private readonly IBundle _inner;
    private readonly Dictionary<string, byte[]> _replaced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    public EditedBundle(IBundle inner) => _inner = inner;

    public string Name => _inner.Name;

    public bool SupportsConcurrentReads => _inner.SupportsConcurrentReads;

    public IReadOnlyList<Finding> OpeningFindings => _inner.OpeningFindings;

    public IReadOnlyList<BundleEntry> Entries =>
    [
        .. _inner.Entries.Where(e => !_removed.Contains(e.Path) && !_replaced.ContainsKey(e.Path)),
        .. _replaced.Select(kv => new BundleEntry(kv.Key, kv.Value.Length)),
    ];

    public Stream Open(BundleEntry entry) => _replaced.TryGetValue(entry.Path, out var bytes)
        ? new MemoryStream(bytes, writable: false)
        : _inner.Open(_inner.Entries.First(e => e.Path == entry.Path));

    public string ReadText(string path)
    {
        if (_replaced.TryGetValue(path, out var bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var stream = _inner.Open(_inner.Entries.Single(e => e.Path == path));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public EditedBundle Replace(string path, string text) => Replace(path, Encoding.UTF8.GetBytes(text));

    public EditedBundle Replace(string path, byte[] bytes)
    {
        _removed.Remove(path);
        _replaced[path] = bytes;
        return this;
    }

    public EditedBundle Edit(string path, Func<string, string> edit) => Replace(path, edit(ReadText(path)));

    /// <summary>Sets the value of the first MLLOG record with <paramref name="key"/> (raw JSON text).</summary>
    public EditedBundle SetLogValue(string path, string key, string jsonValue) => Edit(path, text =>
    {
        var pattern = new Regex($"(\"key\": \"{Regex.Escape(key)}\", \"value\": )(\"[^\"]*\"|[^,]+)");
        Assert.Matches(pattern, text);
        return pattern.Replace(text, m => m.Groups[1].Value + jsonValue, 1);
    });

    /// <summary>Sets the value of the first <c>label : value</c> line of a summary log.</summary>
    public EditedBundle SetSummaryValue(string path, string label, string value) => Edit(path, text =>
    {
        var pattern = new Regex($"(?m)^({Regex.Escape(label)}\\s*:\\s*)\\S+");
        Assert.Matches(pattern, text);
        return pattern.Replace(text, m => m.Groups[1].Value + value, 1);
    });

    public EditedBundle Remove(string path)
    {
        Assert.Contains(_inner.Entries, e => e.Path == path);
        _removed.Add(path);
        _replaced.Remove(path);
        return this;
    }

    public EditedBundle RemoveFolder(string folder)
    {
        foreach (var entry in _inner.Entries.Where(e => e.Path.StartsWith(folder + "/", StringComparison.Ordinal)))
        {
            _removed.Add(entry.Path);
        }

        return this;
    }

    public void Dispose() => _inner.Dispose();
}
