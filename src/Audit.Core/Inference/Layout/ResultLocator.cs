using System.Runtime.CompilerServices;
using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>
/// Finds inference result folders in any bundle shape: a whole submission tree, one submitter,
/// one system's results, or a single <c>&lt;benchmark&gt;/&lt;scenario&gt;</c> folder. A result folder
/// is a scenario-named folder holding <c>performance/</c> or <c>accuracy/</c>, outside compliance and
/// measurements trees; in the v6.x merged layout the TEST0x folders inside a result folder are not results
/// (their <c>performance/</c> and <c>accuracy/</c> sit under a TEST0x folder, not a scenario folder).
/// </summary>
internal static class ResultLocator
{
    private static readonly string[] Divisions = ["closed", "open", "network"];

    /// <summary>Every result folder, ordered by id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<ResultLocation> Locate(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var entry in bundle.Entries)
        {
            // Each folder is looked at once (files of a folder are usually neighbours in the entry list), and only when a
            // segment could name a run folder: a whole round has 53,000 files in 21,000 folders, most of them code.
            var slash = entry.Path.LastIndexOf('/');
            if (slash <= 0)
            {
                continue;
            }

            var folder = entry.Path.AsSpan(0, slash);
            if ((last is not null && folder.SequenceEqual(last))
                || (!folder.Contains("performance", StringComparison.Ordinal) && !folder.Contains("accuracy", StringComparison.Ordinal)))
            {
                continue;
            }

            last = folder.ToString();
            var segments = last.Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                if (segments[i] is not ("performance" or "accuracy") || Scenarios.Normalize(segments[i - 1]) is null)
                {
                    continue;
                }

                if (segments.Take(i - 1).Any(s => s is "compliance" or "measurements") || !InResultsTree(segments, i - 1))
                {
                    break;
                }

                folders.Add(string.Join('/', segments.Take(i)));
                break;
            }
        }

        return [.. folders.Select(f => Describe(f, bundle.Name)).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Inside a submission tree (a division folder above), results live only at
    /// &lt;division&gt;/&lt;submitter&gt;/results/&lt;system&gt;/&lt;benchmark&gt;/&lt;scenario&gt;.
    /// </summary>
    private static bool InResultsTree(string[] segments, int scenarioIndex)
    {
        var division = Array.FindIndex(segments, 0, scenarioIndex, s => Divisions.Contains(s));
        return division < 0 || (scenarioIndex == division + 5 && segments[division + 2] == "results");
    }

    private static ResultLocation Describe(string folder, string bundleName)
    {
        var s = folder.Split('/');
        var k = s.Length - 1;
        string At(int i) => i >= 0 ? s[i] : string.Empty;
        var scenario = Scenarios.Normalize(s[k])!;
        var benchmark = At(k - 1);
        var system = At(k - 2);
        var underResults = At(k - 3) == "results";
        // A bundle whose root is a submitter folder (results/, systems/ at the top) is named after the submitter.
        var submitter = underResults ? (k - 4 >= 0 ? At(k - 4) : BundleNames.WithoutArchiveExtension(bundleName)) : string.Empty;
        var division = underResults && Divisions.Contains(At(k - 5)) ? At(k - 5) : string.Empty;
        var submitterFolder = underResults ? string.Join('/', s.Take(k - 3)) : null;
        var id = division.Length > 0 ? string.Join('/', s.Skip(k - 5)) : folder;
        return new ResultLocation(folder, id, division, submitter, system, benchmark, scenario, submitterFolder, s[k]);
    }

    /// <summary>
    /// Completes a location whose division the path does not show, from the system description's
    /// <c>division</c> field: the id becomes <c>&lt;division&gt;/&lt;submitter&gt;/results/...</c>.
    /// </summary>
    public static ResultLocation WithDivision(ResultLocation location, string? division)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Division.Length > 0 || location.Submitter.Length == 0 || location.SubmitterFolder is null || !Divisions.Contains(division))
        {
            return location;
        }

        var fromSubmitter = location.SubmitterFolder.Length == 0 ? location.Folder : location.Folder[(location.SubmitterFolder.Length + 1)..];
        return location with { Division = division!, Id = $"{division}/{location.Submitter}/{fromSubmitter}" };
    }
}
