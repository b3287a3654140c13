namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>Where a rule comes from: a cross-file consistency check that no official checker makes.</summary>
    internal const string AuditConsistency = "MLPerf Audit: consistency check no official checker makes";

    /// <summary>The summary log's "Result is" line disagrees with the detail log's result_validity.</summary>
    public static readonly FindingDefinition InfSummaryVerdictMismatch = new("INF-CONS-001", Severity.Error,
        "Error: the summary log's 'Result is' must equal the detail log's result_validity; a disagreement means one of the two was edited or they come from different runs.",
        AuditConsistency);

    /// <summary>A headline line of the summary log disagrees with the detail log beyond rounding.</summary>
    public static readonly FindingDefinition InfSummaryValueMismatch = new("INF-CONS-002", Severity.Error,
        "Error: each value line of the summary log that the detail log also holds (samples/tokens per second, completed and scheduled per second; min, max, mean and percentile latencies, first-token latencies and time per output token, in ns) must equal the detail log's value within the rounding of both as printed (half a unit of the last digit of each).",
        AuditConsistency);

    /// <summary>The summary log cannot be compared: an unreadable line, or no verdict or headline line.</summary>
    public static readonly FindingDefinition InfSummaryUnreadable = new("INF-CONS-003", Severity.Warning,
        "Warning: the performance summary log should be readable and hold 'Result is' and at least one of the value lines the detail log has, so the two can be compared.",
        AuditConsistency);

    /// <summary>An accelerator count written in the system name or folder disagrees with the description.</summary>
    public static readonly FindingDefinition InfSystemNameAcceleratorCount = new("INF-CONS-004", Severity.Warning,
        "Warning: an accelerator count written in the system folder name or system_name (a leading '8x', a trailing 'x72' on a name part) should equal number_of_nodes × accelerators_per_node or accelerators_per_node; rack sizes such as NVL72 are not counts.",
        AuditConsistency);

    /// <summary>The same detail log bytes appear under two different results.</summary>
    public static readonly FindingDefinition InfDuplicateDetailLog = new("INF-CONS-005", Severity.Warning,
        "Warning: the same detail log (same SHA-256 of its bytes) under two results or systems means one run was reused; a reader should know. Not an error: the public v5.1 round reuses runs 1,522 times (e.g. one accuracy run for -99 and -99.9, one run under two system names), and the official checker accepts them.",
        AuditConsistency);

    /// <summary>A detail log is byte-identical to one a prior-logs index lists under an earlier round.</summary>
    public static readonly FindingDefinition InfPriorRoundDetailLog = new("INF-CONS-006", Severity.Error,
        "Error: a detail log of this round must come from a run made for it; one with the same SHA-256 as a log the prior-logs index lists under an earlier round is that earlier result submitted again (check --prior-logs).",
        AuditConsistency);

    /// <summary>A detail log is byte-identical to one a prior-logs index lists under another result of the same or a later round.</summary>
    public static readonly FindingDefinition InfPriorOtherResultDetailLog = new("INF-CONS-007", Severity.Warning,
        "Warning: a detail log with the same SHA-256 as a log the prior-logs index lists under another result or system (same or later round, not in this bundle) means one run was reused; a reader should know, as for INF-CONS-005 (check --prior-logs).",
        AuditConsistency);

    /// <summary>A published results table gives a unit that is not the unit of the benchmark's metric in that scenario.</summary>
    public static readonly FindingDefinition InfPublishedUnitMismatch = new("INF-CONS-008", Severity.Warning,
        "Warning: each row of a published results table should give the unit of its benchmark's metric in its scenario under the round's rules (tokens/s where the headline is a tokens key, samples/s for Offline, queries/s for Server, latency for SingleStream and MultiStream); a different unit mislabels the number. About the table, not the result.",
        AuditConsistency);
}
