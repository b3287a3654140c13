namespace MlPerfAudit.Local.Files;

/// <summary>
/// Writes files through temp files and renames, so a reader never sees half a file; a group of
/// files is staged completely before the first rename.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes one file atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Stages every file, then renames them in the order given (put the file readers look for first last).</summary>
    public static async Task WriteAllAsync(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Bytes)> files, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var staged = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (path, bytes) in files)
            {
                var full = Path.GetFullPath(path);
                var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
                await File.WriteAllBytesAsync(temp, bytes, ct).ConfigureAwait(false);
                staged.Add((temp, full));
            }

            foreach (var (temp, final) in staged)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged.Where(s => File.Exists(s.Temp)))
            {
                File.Delete(temp);
            }
        }
    }
}
