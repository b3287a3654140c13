namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Rules that later rounds made strict (round data: strictChecks) -------------------------

    /// <summary>Early stopping criterion not met, in a round whose official checker rejects the result for it (v6.1).</summary>
    public static readonly FindingDefinition InfEarlyStoppingNotMetStrict = new("INF-ES-101", Severity.Error,
        "Server and stream scenarios must meet LoadGen's early-stopping criterion; from v6.1 the official checker rejects a result that does not.",
        OfficialRejects)
    {
        Message = "LoadGen's early-stopping criterion was not met; the official {round} checker rejects the result.",
    };

    /// <summary>INF-ES-101 when the log has no early_stopping_met at all (the modular checker reads that as not met).</summary>
    public static readonly FindingMessage InfEarlyStoppingMissingStrict = InfEarlyStoppingNotMetStrict.Variant(
        "early_stopping_met is not in the log; the official {round} checker takes that as the criterion not met and rejects the result.");

    // ---- Endpoints submissions (v6.1) ---------------------------------------------------------

    /// <summary>A result judged from MLPerf Endpoints files instead of LoadGen logs: the LoadGen-only rules do not apply.</summary>
    public static readonly FindingDefinition InfEndpointsResult = new("INF-EP-001", Severity.Warning,
        "Endpoints results (config.yaml, performance/result_summary.json, accuracy/accuracy_results.json) are judged from those files; "
            + "LoadGen-only rules (performance sample count, minimum query count, QSL seed, early stopping, equal issue, accuracy log) do not "
            + "apply, as in the official checker.", OfficialLogsOnly)
    {
        Message = "{result} holds MLPerf Endpoints files instead of LoadGen logs; it is judged from them, without the LoadGen-only rules.",
    };

    /// <summary>An endpoints result for a benchmark the round does not allow as an endpoints submission.</summary>
    public static readonly FindingDefinition InfEndpointsModelNotAllowed = new("INF-EP-002", Severity.Error,
        "Only the round's endpoints models may be submitted with MLPerf Endpoints logs.", OfficialRejects)
    {
        Message = "{benchmark} is not an endpoints model of {round} ({models}).",
    };

    /// <summary>An endpoints file is missing or cannot be read.</summary>
    public static readonly FindingDefinition InfEndpointsFiles = new("INF-EP-003", Severity.Error,
        "An endpoints result needs config.yaml, performance/result_summary.json and accuracy/accuracy_results.json, readable.", OfficialRejects)
    {
        Message = "{path} is missing.",
    };

    /// <summary>INF-EP-003 for a config.yaml that is not valid YAML.</summary>
    public static readonly FindingMessage InfEndpointsFilesYaml = InfEndpointsFiles.Variant("config.yaml is not valid YAML: {reason}");

    /// <summary>INF-EP-003 for a config.yaml without the minimum duration.</summary>
    public static readonly FindingMessage InfEndpointsFilesNoMinDuration =
        InfEndpointsFiles.Variant("config.yaml has no settings.runtime.min_duration_ms.");

    /// <summary>INF-EP-003 for a config.yaml without a seed.</summary>
    public static readonly FindingMessage InfEndpointsFilesNoSeed = InfEndpointsFiles.Variant("config.yaml has no whole-number {key}.");

    /// <summary>INF-EP-003 for a result_summary.json without the p99 token latencies.</summary>
    public static readonly FindingMessage InfEndpointsFilesNoTokenLatency =
        InfEndpointsFiles.Variant("result_summary.json lacks the 99th percentile TTFT or TPOT.");

    /// <summary>INF-EP-003 for a JSON file that cannot be read.</summary>
    public static readonly FindingMessage InfEndpointsFilesUnreadable = InfEndpointsFiles.Variant("{path} cannot be read: {error}.");

    /// <summary>INF-EP-003 for a JSON file that is not an object.</summary>
    public static readonly FindingMessage InfEndpointsFilesNotObject = InfEndpointsFiles.Variant("{path} cannot be read: not a JSON object.");

    /// <summary>The endpoints run reports failed samples.</summary>
    public static readonly FindingDefinition InfEndpointsFailedSamples = new("INF-EP-004", Severity.Error,
        "An endpoints run must complete every sample it issued (n_samples_failed = 0).", OfficialRejects)
    {
        Message = "n_samples_failed is {failed}.",
    };

    /// <summary>accuracy_results.json reports no accuracy score.</summary>
    public static readonly FindingDefinition InfEndpointsNoAccuracy = new("INF-EP-005", Severity.Error,
        "accuracy_results.json must report an accuracy score.", OfficialRejects)
    {
        Message = "accuracy_results.json has no accuracy_scores entry with a score.",
    };

    /// <summary>INF-EP-005 for a score that is not a number.</summary>
    public static readonly FindingMessage InfEndpointsNoAccuracyNotNumber =
        InfEndpointsNoAccuracy.Variant("The accuracy score {score} is not a number.");

    /// <summary>TEST09 on an endpoints run: the mean output length is outside the round's range.</summary>
    public static readonly FindingDefinition InfEndpointsOutputLength = new("INF-EP-006", Severity.Error,
        "For TEST09 models the endpoints run's mean output length (output_sequence_lengths.avg) must lie in the round's range.", OfficialRejects)
    {
        Message = "TEST09: the mean output length is {mean} tokens; it must lie in [{low}, {high}].",
    };

    /// <summary>INF-EP-006 when result_summary.json gives no mean output length.</summary>
    public static readonly FindingMessage InfEndpointsOutputLengthMissing =
        InfEndpointsOutputLength.Variant("TEST09: the mean output length is missing tokens; it must lie in [{low}, {high}].");

    /// <summary>An endpoints compliance audit file is missing, names another test or did not pass.</summary>
    public static readonly FindingDefinition InfEndpointsAudit = new("INF-EP-007", Severity.Error,
        "An endpoints compliance audit (audit/audit_<test>.json) must name its test and say passed; TEST04 is required where the round asks for it.",
        OfficialRejects)
    {
        Message = "{path} is missing.",
    };

    /// <summary>INF-EP-007 for an audit that did not pass.</summary>
    public static readonly FindingMessage InfEndpointsAuditFailed = InfEndpointsAudit.Variant("{path} did not pass.");

    /// <summary>INF-EP-007 for an audit that names another test.</summary>
    public static readonly FindingMessage InfEndpointsAuditUnnamed = InfEndpointsAudit.Variant("{path} does not name the test {name}.");
}
