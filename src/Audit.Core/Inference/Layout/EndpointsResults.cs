using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>
/// v6.1 endpoints submissions: a result folder produced by the MLPerf Endpoints harness instead of LoadGen holds
/// <c>config.yaml</c> (or <c>config.yml</c>), <c>performance/result_summary.json</c> and <c>accuracy/accuracy_results.json</c>,
/// and no LoadGen detail logs; a Server run sits in a folder named <c>Online</c>. Such results are judged by
/// <c>Rules/EndpointsRules</c> instead of LoadGen's rules.
/// </summary>
internal static class EndpointsResults
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
}
