using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Training;

/// <summary>A system description as read once for every result folder of its system, with the findings reading gave.</summary>
/// <param name="Description">The description; null when it is missing or unreadable.</param>
/// <param name="Findings">TRN-SYS-* findings; the same list is added to every result of the system.</param>
internal sealed record SystemDescriptionRead(SystemDescription? Description, List<Finding> Findings);

/// <summary>Reads each <c>systems/&lt;system&gt;.json</c> of a bundle once (TRN-SYS-001 when it is missing).</summary>
internal sealed class SystemDescriptionCache(IBundle bundle)
{
    private readonly Dictionary<string, SystemDescriptionRead> read = new(StringComparer.Ordinal);

    /// <summary>The description at <paramref name="path"/>, for results of <paramref name="system"/>.</summary>
    public SystemDescriptionRead Get(string path, string? system)
    {
        if (read.TryGetValue(path, out var known))
        {
            return known;
        }

        var findings = new List<Finding>();
        var entry = bundle.Entries.FirstOrDefault(e => e.Path == path);
        SystemDescription? description = null;
        if (entry is null)
        {
            findings.Add(FindingCatalog.TrnSysMissing.At(path, null, path, system));
        }
        else
        {
            using var stream = bundle.Open(entry);
            description = SystemDescription.Read(stream, path, findings);
        }

        return read[path] = new SystemDescriptionRead(description, findings);
    }
}
