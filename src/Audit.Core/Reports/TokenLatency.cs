namespace MlPerfAudit.Core.Reports;

/// <summary>
/// The 99th percentile token latencies of an LLM Server or Interactive run beside the limits the round sets for its
/// scenario (<see cref="ResultReport.Latency"/>). A run passes when each value is strictly below its limit.
/// </summary>
/// <param name="TimeToFirstTokenP99Ms">result_first_token_99.00_percentile_latency_ns ÷ 10⁶, in ms; null when the log lacks it.</param>
/// <param name="TimeToFirstTokenLimitMs">The round's TTFT p99 limit for the scenario, in ms.</param>
/// <param name="TimePerOutputTokenP99Ms">result_time_per_output_token_99.00_percentile_ns ÷ 10⁶, in ms; null when the log lacks it.</param>
/// <param name="TimePerOutputTokenLimitMs">The round's TPOT p99 limit for the scenario, in ms.</param>
/// <param name="File">Bundle-relative path of the detail log the values were read from.</param>
/// <param name="TimeToFirstTokenLine">1-based line of the TTFT record, when read.</param>
/// <param name="TimePerOutputTokenLine">1-based line of the TPOT record, when read.</param>
public sealed record TokenLatency(
    double? TimeToFirstTokenP99Ms,
    double TimeToFirstTokenLimitMs,
    double? TimePerOutputTokenP99Ms,
    double TimePerOutputTokenLimitMs,
    string File,
    int? TimeToFirstTokenLine,
    int? TimePerOutputTokenLine);
