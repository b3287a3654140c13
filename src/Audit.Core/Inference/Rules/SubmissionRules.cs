using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>Submission-level hygiene: system descriptions without results, files outside the division folders.</summary>
internal static class SubmissionRules
{
    private static readonly string[] Divisions = ["closed", "open", "network"];

    public static IEnumerable<Finding> Check(BundleIndex index, IReadOnlyList<ResultLocation> locations)
    {
        foreach (var submitter in locations.Select(l => l.SubmitterFolder).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var systems = BundleIndex.Join(submitter, "systems");
            foreach (var file in index.FilesIn(systems).Where(f => f.FileName.EndsWith(".json", StringComparison.Ordinal)))
            {
                var system = file.FileName[..^".json".Length];
                if (!index.FolderExists(BundleIndex.Join(submitter, "results", system)))
                {
                    yield return Finding.Of(FindingCatalog.InfSystemWithoutResults, $"{file.Path} describes a system with no results/{system} folder.", file.Path);
                }
            }
        }

        // Only a bundle whose root holds division folders is a submission tree with a root to keep clean.
        if (Divisions.Any(d => index.FolderExists(d)))
        {
            foreach (var file in index.FilesIn(string.Empty).Where(f => !f.FileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !f.FileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)))
            {
                yield return Finding.Of(FindingCatalog.InfFileOutsideDivisions, $"'{file.Path}' sits at the root of the submission tree, outside the division folders.", file.Path);
            }
        }
    }
}
