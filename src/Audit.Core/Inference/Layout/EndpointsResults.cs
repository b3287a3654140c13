using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Round;

namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>
/// v6.1 endpoints submissions: a result folder produced by the MLPerf Endpoints harness instead of LoadGen holds
/// <c>config.yaml</c> (or <c>config.yml</c>), <c>performance/result_summary.json</c> and <c>accuracy/accuracy_results.json</c>,
/// and no LoadGen detail logs; a Server run sits in a folder named <c>Online</c>. This version recognises such folders and
/// lists them as not audited (INF-EP-001) instead of judging them by LoadGen's rules; a benchmark the round does not
/// allow as an endpoints submission is an error (INF-EP-002).
/// </summary>
public static class EndpointsResults
{
    /// <summary>The endpoints harness's performance summary, relative to the result folder.</summary>
    public const string PerformanceSummary = "performance/result_summary.json";

    /// <summary>The endpoints harness's accuracy results, relative to the result folder.</summary>
    public const string AccuracyResults = "accuracy/accuracy_results.json";

    /// <summary>True when the result folder holds endpoints logs and no LoadGen detail log.</summary>
    public static bool Is(BundleIndex index, ResultLocation location)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(location);
        var folder = location.Folder;
        var endpoints = index.File($"{folder}/{PerformanceSummary}") is not null
            || index.File($"{folder}/{AccuracyResults}") is not null
            || index.File($"{folder}/config.yaml") is not null
            || index.File($"{folder}/config.yml") is not null;
        return endpoints
            && index.File($"{folder}/performance/run_1/mlperf_log_detail.txt") is null
            && index.File($"{folder}/accuracy/mlperf_log_detail.txt") is null;
    }

    /// <summary>Report-level findings for the endpoints results found: one not-audited warning, and an error per result of a benchmark the round does not allow.</summary>
    public static IEnumerable<Finding> Findings(InferenceRound round, IReadOnlyList<ResultLocation> found)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(found);
        if (found.Count == 0)
        {
            yield break;
        }

        yield return Finding.Of(FindingCatalog.InfEndpointsNotAudited,
            $"{found.Count} result(s) hold MLPerf Endpoints logs instead of LoadGen's; this version does not judge them yet and lists none as valid, e.g. {found[0].Id}.",
            $"{found[0].Folder}/{PerformanceSummary}");
        foreach (var location in found)
        {
            var name = round.FindBenchmark(location.Benchmark)?.Name ?? location.Benchmark;
            if (!round.AllowsEndpoints(name))
            {
                var allowed = round.EndpointsModels is { Count: > 0 } models
                    ? $"{round.Round} allows only {string.Join(", ", models)} as endpoints submissions"
                    : $"{round.Round} has no endpoints submissions (they arrived in v6.1; give --round v6.1 for a v6.1 submission)";
                yield return Finding.Of(FindingCatalog.InfEndpointsModelNotAllowed,
                    $"{location.Id} is an endpoints submission of {name}; {allowed}.", location.Folder);
            }
        }
    }
}
