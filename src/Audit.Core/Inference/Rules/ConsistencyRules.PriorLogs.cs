using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.PriorLogs;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>What the prior-log check needs besides the result: the index, the audit's round and the results this audit holds.</summary>
internal sealed class PriorLogCheck
{
    private readonly ILookup<string, ResultLocation> _audited;

    public PriorLogCheck(PriorLogIndex index, string round, IEnumerable<ResultLocation> audited)
    {
        Index = index;
        Round = round;
        _audited = audited.ToLookup(l => Key(l.System, l.Benchmark, l.Scenario), StringComparer.OrdinalIgnoreCase);
    }

    public PriorLogIndex Index { get; }

    /// <summary>The round this audit judges, e.g. <c>v6.0</c>.</summary>
    public string Round { get; }

    /// <summary>
    /// True when the entry is one of the results of this audit (itself, or another whose reuse INF-CONS-005 reports).
    /// </summary>
    public bool IsAudited(PriorLogEntry entry)
        => _audited[Key(entry.System, entry.Benchmark, entry.Scenario)]
            .Any(l => entry.IsResult(l.Division, l.Submitter, l.System, l.Benchmark, l.Scenario));

    private static string Key(string system, string benchmark, string scenario) => $"{system}\n{benchmark}\n{scenario}";
}

/// <summary>Detail logs against prior-logs indexes (INF-CONS-006, INF-CONS-007).</summary>
internal static partial class ConsistencyRules
{
    /// <summary>
    /// Adds a finding for every index entry with the bytes of a detail log of this result: INF-CONS-006 when the entry
    /// is of an earlier round, INF-CONS-007 when it is another result (same or later round) that this audit does not
    /// hold. An entry of this round for a result of this audit (the result itself, or a reuse inside the bundle that
    /// INF-CONS-005 already reports) is not a finding.
    /// </summary>
    public static void CheckPriorLogs(ResultContext context, PriorLogCheck check)
    {
        foreach (var hash in context.DetailLogHashes)
        {
            foreach (var (entry, index) in check.Index.Find(hash.Sha256))
            {
                PriorLogIndex.TryCompareRounds(entry.Round, check.Round, out var order);
                var sameRound = string.Equals(entry.Round, check.Round, StringComparison.Ordinal);
                if (sameRound && check.IsAudited(entry))
                {
                    continue;
                }

                var sha = hash.Sha256[..16];
                if (order < 0)
                {
                    context.Add(FindingCatalog.InfPriorRoundDetailLog.At(hash.File, null, hash.File, sha, entry.File, entry.ResultId,
                        entry.Submitter, entry.System, entry.Round, index, check.Round));
                }
                else
                {
                    var message = order > 0
                        ? FindingCatalog.InfPriorOtherResultDetailLogLater
                        : FindingCatalog.InfPriorOtherResultDetailLog.Main;
                    context.Add(message.At(hash.File, null, hash.File, sha, entry.File, entry.ResultId,
                        entry.Submitter, entry.System, entry.Round, index));
                }
            }
        }
    }
}
