using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.Round;

/// <summary>Reports what <see cref="RoundEvidence"/> found: disagreeing evidence on each result, and the results judged by another round.</summary>
internal static class RoundFindings
{
    /// <summary>
    /// Adds <c>INF-RND-004</c> to each result whose evidence disagrees, and one <c>INF-RND-005</c> listing the results judged by another round.
    /// </summary>
    /// <param name="results">Judged results, in the order of <paramref name="located"/>.</param>
    /// <param name="located">Each result's bundle folder and id.</param>
    /// <param name="rounds">The round of each result, by bundle folder.</param>
    /// <param name="bundleRound">The round of the bundle as a whole.</param>
    /// <param name="reportFindings">The report's own findings, added to.</param>
    public static List<ResultReport> Apply(List<ResultReport> results, List<(string Folder, string Id)> located,
        IReadOnlyDictionary<string, ResultRound> rounds, string bundleRound, List<Finding> reportFindings)
    {
        var moved = new List<string>();
        for (var i = 0; i < results.Count; i++)
        {
            if (rounds.GetValueOrDefault(located[i].Folder) is not { } own)
            {
                continue;
            }

            if (own.Round != bundleRound)
            {
                moved.Add($"{located[i].Id} by {own.Round} ({own.Why})");
            }

            if (own.Conflicts.Count > 0)
            {
                var finding = FindingCatalog.InfRoundEvidenceDisagrees.At(located[i].Folder, null, own.Round, string.Join("; ", own.Conflicts));
                results[i] = results[i] with
                {
                    Findings = [.. results[i].Findings.Append(finding).OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal)
                        .ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)],
                };
            }
        }

        if (moved.Count > 0)
        {
            var more = moved.Count > 20 ? $" and {moved.Count - 20} more" : string.Empty;
            reportFindings.Add(FindingCatalog.InfRoundPerResult.Of(moved.Count, bundleRound, string.Join("; ", moved.Take(20)) + more));
        }

        return results;
    }
}
