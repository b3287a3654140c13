using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Local.Tests.Hostile;

/// <summary>Reads the case table of README.md: rows of the form <c>| `case` | input | what we do | `outcome` | test |</c>.</summary>
internal static class HostileReadme
{
    public static IReadOnlyDictionary<string, string> Table()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Audit.Local.Tests", "Hostile", "README.md");
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length == 7 && cells[1].StartsWith('`') && cells[4].StartsWith('`'))
            {
                Assert.True(table.TryAdd(cells[1].Trim('`'), cells[4].Trim('`')), $"{cells[1]} is listed twice");
            }
        }

        return table;
    }
}
