namespace MlPerfAudit.Tests.Shared;

/// <summary>
/// Finds the repository root (the folder holding Audit.sln) and the read-only shared corpus that
/// sits beside every checkout (<c>../shared</c>). Tests read real published logs there in place.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>Absolute path of the repository root.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>Absolute path of <c>../shared</c>.</summary>
    /// <remarks>A git worktree one level deeper (<c>/work/wt/&lt;name&gt;</c>) finds it at <c>../../shared</c>.</remarks>
    public static string Shared => new[] { Path.Combine(Root, "..", "shared"), Path.Combine(Root, "..", "..", "shared") }
        .Select(Path.GetFullPath)
        .FirstOrDefault(Directory.Exists) ?? Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>Absolute path of a file or folder under <c>../shared/corpus</c>.</summary>
    public static string Corpus(params string[] parts) => Path.Combine([Shared, "corpus", .. parts]);

    /// <summary>The 14-result MLPerf Inference v5.1 submission tree.</summary>
    public static string InferenceV51 => Corpus("inference", "v5.1");

    /// <summary>
    /// Every C# source under the repository folders <paramref name="roots"/> (e.g. <c>src</c>), never descending into build
    /// output (<c>bin</c>, <c>obj</c>), npm packages or a folder named in <paramref name="skip"/>.
    /// </summary>
    public static IEnumerable<string> CSharpSources(IEnumerable<string> roots, params string[] skip)
    {
        var pending = new Stack<DirectoryInfo>(roots.Select(d => new DirectoryInfo(Path.Combine(Root, d))).Where(d => d.Exists));
        while (pending.TryPop(out var dir))
        {
            foreach (var sub in dir.EnumerateDirectories())
            {
                if (sub.Name is not ("bin" or "obj" or "node_modules") && !skip.Contains(sub.Name, StringComparer.Ordinal))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in dir.EnumerateFiles("*.cs"))
            {
                yield return file.FullName;
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Audit.sln not found above " + AppContext.BaseDirectory);
    }
}
