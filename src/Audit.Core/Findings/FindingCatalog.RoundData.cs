namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Rules that later rounds made strict (round data: strictChecks) -------------------------

    /// <summary>Early stopping criterion not met, in a round whose official checker rejects the result for it (v6.1).</summary>
    public static readonly FindingDefinition InfEarlyStoppingNotMetStrict = new("INF-ES-101", Severity.Error,
        "Server and stream scenarios must meet LoadGen's early-stopping criterion; from v6.1 the official checker rejects a result that does not.", OfficialRejects);

    // ---- Endpoints submissions (v6.1) ---------------------------------------------------------

    /// <summary>A result judged from MLPerf Endpoints files instead of LoadGen logs: the LoadGen-only rules do not apply.</summary>
    public static readonly FindingDefinition InfEndpointsResult = new("INF-EP-001", Severity.Warning,
        "Endpoints results (config.yaml, performance/result_summary.json, accuracy/accuracy_results.json) are judged from those files; LoadGen-only rules (performance sample count, minimum query count, QSL seed, early stopping, equal issue, accuracy log) do not apply, as in the official checker.", OfficialLogsOnly);

    /// <summary>An endpoints result for a benchmark the round does not allow as an endpoints submission.</summary>
    public static readonly FindingDefinition InfEndpointsModelNotAllowed = new("INF-EP-002", Severity.Error,
        "Only the round's endpoints models may be submitted with MLPerf Endpoints logs.", OfficialRejects);

    /// <summary>An endpoints file is missing or cannot be read.</summary>
    public static readonly FindingDefinition InfEndpointsFiles = new("INF-EP-003", Severity.Error,
        "An endpoints result needs config.yaml, performance/result_summary.json and accuracy/accuracy_results.json, readable.", OfficialRejects);

    /// <summary>The endpoints run reports failed samples.</summary>
    public static readonly FindingDefinition InfEndpointsFailedSamples = new("INF-EP-004", Severity.Error,
        "An endpoints run must complete every sample it issued (n_samples_failed = 0).", OfficialRejects);

    /// <summary>accuracy_results.json reports no accuracy score.</summary>
    public static readonly FindingDefinition InfEndpointsNoAccuracy = new("INF-EP-005", Severity.Error,
        "accuracy_results.json must report an accuracy score.", OfficialRejects);

    /// <summary>TEST09 on an endpoints run: the mean output length is outside the round's range.</summary>
    public static readonly FindingDefinition InfEndpointsOutputLength = new("INF-EP-006", Severity.Error,
        "For TEST09 models the endpoints run's mean output length (output_sequence_lengths.avg) must lie in the round's range.", OfficialRejects);

    /// <summary>An endpoints compliance audit file is missing, names another test or did not pass.</summary>
    public static readonly FindingDefinition InfEndpointsAudit = new("INF-EP-007", Severity.Error,
        "An endpoints compliance audit (audit/audit_<test>.json) must name its test and say passed; TEST04 is required where the round asks for it.", OfficialRejects);
}
