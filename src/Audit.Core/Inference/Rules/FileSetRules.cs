using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>The exact file sets of <c>performance/run_1</c> and <c>accuracy/</c>.</summary>
internal static class FileSetRules
{
    /// <summary>
    /// Checks a folder holds every required file and nothing outside the allowed set. Returns false when a required file is
    /// missing.
    /// </summary>
    public static bool Check(ResultContext context, string folder, IReadOnlyList<string> required, IReadOnlyList<string> tolerated)
    {
        var present = context.Index.FilesIn(folder).Select(e => e.FileName).ToHashSet(StringComparer.Ordinal);
        var complete = true;
        foreach (var name in required.Where(r => !present.Contains(r)))
        {
            context.Add(FindingCatalog.InfRequiredFileMissing.At($"{folder}/{name}", null, $"{folder}/{name}"));
            complete = false;
        }

        var unexpected = context.Round.Files.UnexpectedFilesAllowed
            ? FindingCatalog.InfUnexpectedFileTolerated
            : FindingCatalog.InfUnexpectedFile;
        foreach (var name in present.Where(p => !required.Contains(p) && !tolerated.Contains(p)).Order(StringComparer.Ordinal))
        {
            context.Add(unexpected.At($"{folder}/{name}", null, folder, name));
        }

        foreach (var name in required.Where(present.Contains))
        {
            var entry = context.Index.File($"{folder}/{name}")!;
            if (entry.Length == 0 && MayBeEmpty(context, folder, name))
            {
                context.Add(FindingCatalog.InfEmptyFileAccepted.At(entry.Path, null, $"{folder}/{name}", context.Round.Round));
            }
            else if (entry.Length == 0)
            {
                context.Add(FindingCatalog.InfEmptyFile.At(entry.Path, null, $"{folder}/{name}"));
                complete = false;
            }
        }

        return complete;
    }

    /// <summary>
    /// True when the round lets the file (by its path under the result folder) be empty: the official checker never reads it.
    /// </summary>
    private static bool MayBeEmpty(ResultContext context, string folder, string name)
        => context.Round.Files.MayBeEmpty is { Count: > 0 } allowed
            && folder.StartsWith(context.Location.Folder + "/", StringComparison.Ordinal)
            && allowed.Contains($"{folder[(context.Location.Folder.Length + 1)..]}/{name}", StringComparer.Ordinal);
}
