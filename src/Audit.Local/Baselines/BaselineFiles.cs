using MlPerfAudit.Core.Baselines;

namespace MlPerfAudit.Local.Baselines;

/// <summary>Reads published results tables from disk; every problem comes back with its file and line.</summary>
public static class BaselineFiles
{
    /// <summary>Loads every file; <paramref name="errors"/> lists unreadable files and bad rows.</summary>
    public static IReadOnlyList<PublishedResult> Load(IReadOnlyList<string> paths, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var rows = new List<PublishedResult>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                using var stream = File.OpenRead(path);
                var table = BaselineLoader.Load(stream, path);
                rows.AddRange(table.Rows);
                problems.AddRange(table.Errors.Select(e => e.ToString()));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{path}: cannot be read ({ex.Message})");
            }
        }

        errors = problems;
        return rows;
    }
}
