namespace MlPerfAudit.Core.Bundles;

/// <summary>The folder entries of an archive (zip or tar) that nothing sits under: the folders an extracted copy shows as empty.</summary>
internal static class FolderEntries
{
    /// <summary>The folder entries no other entry (file, folder or skipped link) sits under, ordered (ordinal).</summary>
    /// <param name="folders">Folder entries, normalized.</param>
    /// <param name="everything">Every normalized path of the archive: files, folders and the entries skipped (links).</param>
    public static List<string> Empty(List<string> folders, IEnumerable<string> everything)
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in everything)
        {
            for (var slash = name.LastIndexOf('/'); slash > 0; slash = name.LastIndexOf('/', slash - 1))
            {
                if (!parents.Add(name[..slash]))
                {
                    break;
                }
            }
        }

        return [.. folders.Where(f => !parents.Contains(f)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
