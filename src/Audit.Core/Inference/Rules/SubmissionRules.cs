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
        var submitters = locations.Select(l => l.SubmitterFolder).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var submitter in submitters)
        {
            var systems = BundleIndex.Join(submitter, "systems");
            foreach (var file in index.FilesIn(systems).Where(f => f.FileName.EndsWith(".json", StringComparison.Ordinal)))
            {
                var system = file.FileName[..^".json".Length];
                if (!index.FolderExists(BundleIndex.Join(submitter, "results", system)))
                {
                    yield return FindingCatalog.InfSystemWithoutResults.At(file.Path, null, file.Path, system);
                }
            }
        }

        // Only a bundle whose root holds division folders is a submission tree with a root to keep clean.
        if (Divisions.Any(d => index.FolderExists(d)))
        {
            var stray = index.FilesIn(string.Empty).Where(f => !f.FileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                && !f.FileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
            foreach (var file in stray)
            {
                yield return FindingCatalog.InfFileOutsideDivisions.At(file.Path, null, file.Path);
            }
        }
    }
}
