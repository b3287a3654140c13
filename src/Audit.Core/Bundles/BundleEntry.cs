namespace MlPerfAudit.Core.Bundles;

/// <summary>One regular file of a bundle.</summary>
/// <param name="Path">Bundle-relative path with '/' separators, e.g. <c>closed/Azure/systems/ND_GB200_v6.json</c>.</param>
/// <param name="Length">Uncompressed size in bytes.</param>
public sealed record BundleEntry(string Path, long Length)
{
    /// <summary>The file name: the last path segment.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The folder holding the entry ("" at the root).</summary>
    public string Folder => Path.LastIndexOf('/') is var i and >= 0 ? Path[..i] : string.Empty;
}
