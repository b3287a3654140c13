using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Bundles;

/// <summary>Normalizes and checks archive entry names so nothing can point outside the bundle.</summary>
internal static class EntryPath
{
    /// <summary>
    /// The finding for an entry name <see cref="Normalize(string, int, out string?, out bool)"/> refused: a limit
    /// (<c>BUN-LIM-001</c>) when it was only too deep, else an unsafe path (<c>BUN-PATH-001</c>).
    /// </summary>
    /// <param name="bundle">Display name of the archive.</param>
    /// <param name="entry">The raw entry name as stored in the archive.</param>
    /// <param name="reason">Why the name was refused.</param>
    /// <param name="tooDeep">True when it was refused for its depth only.</param>
    public static Finding Refused(string bundle, string entry, string? reason, bool tooDeep)
        => (tooDeep ? FindingCatalog.BundleEntryTooDeep : FindingCatalog.BundleUnsafePath.Main).Of(bundle, entry, reason);

    /// <summary>
    /// Turns an archive entry name into a safe bundle-relative path ('/'-separated, no empty,
    /// '.' or '..' segments, not rooted). Returns null with a reason when the name is unsafe.
    /// </summary>
    /// <param name="name">The raw entry name as stored in the archive.</param>
    /// <param name="maxDepth">Most path segments allowed.</param>
    /// <param name="reason">Why the name was refused, when it was.</param>
    public static string? Normalize(string name, int maxDepth, out string? reason)
        => Normalize(name, maxDepth, out reason, out _);

    /// <summary>
    /// As <see cref="Normalize(string, int, out string?)"/>; <paramref name="tooDeep"/> tells a name refused only for
    /// its depth (a limit, <c>BUN-LIM-001</c>) from an unsafe one (<c>BUN-PATH-001</c>).
    /// </summary>
    /// <param name="name">The raw entry name as stored in the archive.</param>
    /// <param name="maxDepth">Most path segments allowed.</param>
    /// <param name="reason">Why the name was refused, when it was.</param>
    /// <param name="tooDeep">True when the name is safe but deeper than <paramref name="maxDepth"/>.</param>
    public static string? Normalize(string name, int maxDepth, out string? reason, out bool tooDeep)
    {
        ArgumentNullException.ThrowIfNull(name);
        reason = null;
        tooDeep = false;
        if (name.Length == 0)
        {
            reason = "empty entry name";
            return null;
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            reason = "entry name contains a NUL character";
            return null;
        }

        var unified = name.Replace('\\', '/');
        if (unified.StartsWith('/') || (unified.Length >= 2 && unified[1] == ':'))
        {
            reason = "absolute path";
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in unified.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                reason = "path climbs out of the bundle with '..'";
                return null;
            }

            segments.Add(segment);
        }

        if (segments.Count == 0)
        {
            reason = "entry name has no file name";
            return null;
        }

        if (segments.Count > maxDepth)
        {
            reason = $"path is {segments.Count} segments deep, the limit is {maxDepth}";
            tooDeep = true;
            return null;
        }

        return string.Join('/', segments);
    }
}
