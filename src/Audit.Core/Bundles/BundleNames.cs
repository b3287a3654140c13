namespace MlPerfAudit.Core.Bundles;

/// <summary>What a bundle's name says when the bundle's root is a submitter folder.</summary>
internal static class BundleNames
{
    private static readonly string[] ArchiveExtensions = [".tar.gz", ".tgz", ".tar", ".zip"];

    /// <summary>The name without an archive extension: <c>Azure.tar.gz</c> → <c>Azure</c>; a folder name is returned as is.</summary>
    public static string WithoutArchiveExtension(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var extension in ArchiveExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }
}
