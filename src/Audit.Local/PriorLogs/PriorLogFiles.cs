using MlPerfAudit.Core.Inference.PriorLogs;

namespace MlPerfAudit.Local.PriorLogs;

/// <summary>Reads prior-logs index files from disk; every problem comes back with its file and line.</summary>
public static class PriorLogFiles
{
    /// <summary>The index of every file, or null when one cannot be read or is not a valid index (<paramref name="errors"/> says why).</summary>
    public static PriorLogIndex? Load(IReadOnlyList<string> paths, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<(string, byte[])>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                var length = new FileInfo(path).Length;
                if (length > PriorLogJson.MaxBytes)
                {
                    problems.Add($"{path}: the index is larger than {PriorLogJson.MaxBytes} bytes");
                    continue;
                }

                files.Add((path, File.ReadAllBytes(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{path}: cannot be read ({ex.Message})");
            }
        }

        var index = PriorLogIndex.Load(files, out var parseErrors);
        errors = [.. problems, .. parseErrors];
        return errors.Count == 0 ? index : null;
    }
}
