namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Files and layout -------------------------------------------------------------------

    /// <summary>A file the rules require is absent.</summary>
    public static readonly FindingDefinition InfRequiredFileMissing = new("INF-FILE-001", Severity.Error,
        "Every result needs its performance and accuracy logs, accuracy.txt and the truncated accuracy log.", OfficialRejects);

    /// <summary>A run folder holds a file outside its allowed set.</summary>
    public static readonly FindingDefinition InfUnexpectedFile = new("INF-FILE-002", Severity.Error,
        "performance/run_1 and accuracy/ may hold only the LoadGen outputs the rules list.", OfficialRejects);

    /// <summary>A required file is empty.</summary>
    public static readonly FindingDefinition InfEmptyFile = new("INF-FILE-003", Severity.Error,
        "Required files must not be empty.", OfficialRejects);

    /// <summary>A required file the official checker never reads is empty.</summary>
    public static readonly FindingDefinition InfEmptyFileAccepted = new("INF-FILE-005", Severity.Warning,
        "Warning: a required file should not be empty; the official v5.x checker only needs the summary logs, the truncated accuracy log and the accuracy run's detail log to exist, so an empty one is accepted.",
        OfficialLogsOnly);

    /// <summary>The benchmark folder is not an official model name of the round.</summary>
    public static readonly FindingDefinition InfUnknownBenchmark = new("INF-LAY-001", Severity.Error,
        "In closed and network divisions the benchmark folder must be an official model name of the round.", OfficialRejects);

    /// <summary>The scenario folder is not a known scenario.</summary>
    public static readonly FindingDefinition InfUnknownScenario = new("INF-LAY-002", Severity.Error,
        "The scenario folder must be Offline, Server, Interactive, SingleStream or MultiStream.", OfficialRejects)
    {
        Retired = true,
    };

    /// <summary>The division folder is not closed, open or network.</summary>
    public static readonly FindingDefinition InfUnknownDivision = new("INF-LAY-003", Severity.Error,
        "Results must sit under a closed, open or network division folder.", OfficialRejects)
    {
        Retired = true,
    };

    /// <summary>The bundle does not show where the result sits in a submission tree.</summary>
    public static readonly FindingDefinition InfLayoutIncomplete = new("INF-LAY-004", Severity.Warning,
        "A result's division, submitter and system come from its path; they could not all be read from this bundle.", AuditInput);

    /// <summary>Code folder for the benchmark is missing.</summary>
    public static readonly FindingDefinition InfCodeMissing = new("INF-LAY-005", Severity.Error,
        "A closed or network submission must include code/<benchmark> for every benchmark it submits (in the v6.x layout, a src/ folder).", OfficialRejects);

    // ---- Scenarios per benchmark -------------------------------------------------------------

    /// <summary>The scenario is not allowed for this benchmark and system type.</summary>
    public static readonly FindingDefinition InfScenarioNotAllowed = new("INF-SCN-001", Severity.Error,
        "Each benchmark allows only the scenarios the round lists for the system type.", OfficialRejects);

    /// <summary>A required scenario is missing for a benchmark.</summary>
    public static readonly FindingDefinition InfRequiredScenarioMissing = new("INF-SCN-002", Severity.Error,
        "Each benchmark must include every scenario the round requires for the system type.", OfficialRejects);

    /// <summary>Neither of the one-of scenarios (Server, Interactive) was submitted.</summary>
    public static readonly FindingDefinition InfOneOfScenarioMissing = new("INF-SCN-003", Severity.Error,
        "LLM benchmarks need at least one of Server or Interactive beside Offline.", OfficialRejects);

    /// <summary>The scenario LoadGen ran is not the one the folder names.</summary>
    public static readonly FindingDefinition InfScenarioMismatch = new("INF-SCN-004", Severity.Error,
        "The scenario LoadGen ran must match the scenario folder (Interactive runs as Server).", OfficialRejects);

    // ---- Detail log -------------------------------------------------------------------------

    /// <summary>A :::MLLOG line does not hold valid JSON.</summary>
    public static readonly FindingDefinition InfLogMalformed = new("INF-LOG-001", Severity.Error,
        "Every :::MLLOG line must hold one valid JSON object with a key and a value.", OfficialRejects);

    /// <summary>A key the rules need is absent from the detail log.</summary>
    public static readonly FindingDefinition InfLogKeyMissing = new("INF-LOG-002", Severity.Error,
        "The detail log must log every setting and result the rules read.", OfficialRejects);

    /// <summary>LoadGen logged errors during the run.</summary>
    public static readonly FindingDefinition InfLogErrors = new("INF-LOG-003", Severity.Error,
        "LoadGen must report no errors in the performance or accuracy run.", OfficialRejects);

    /// <summary>LoadGen judged the run INVALID.</summary>
    public static readonly FindingDefinition InfResultInvalid = new("INF-LOG-004", Severity.Error,
        "LoadGen's own verdict (result_validity) must be VALID.", AuditStricter);

    /// <summary>A logged value has the wrong JSON type.</summary>
    public static readonly FindingDefinition InfLogWrongType = new("INF-LOG-005", Severity.Error,
        "Logged values must have the type the rules expect (number, boolean or string).", OfficialRejects);

    /// <summary>LoadGen logged warnings.</summary>
    public static readonly FindingDefinition InfLogWarnings = new("INF-LOG-006", Severity.Warning,
        "LoadGen warnings are reported for the reader; they do not invalidate the result.", OfficialLogsOnly);

    // ---- Settings ------------------------------------------------------------------------------

    /// <summary>An RNG seed differs from the round's official seed.</summary>
    public static readonly FindingDefinition InfSeedMismatch = new("INF-SEED-001", Severity.Error,
        "The QSL, sample-index and schedule RNG seeds must be the round's official values.", OfficialRejects);

    /// <summary>The run's minimum duration is below the round's minimum.</summary>
    public static readonly FindingDefinition InfMinDurationTooShort = new("INF-DUR-001", Severity.Error,
        "effective_min_duration_ms must be at least the round's minimum (600000 ms).", OfficialRejects);

    /// <summary>LoadGen did not meet the minimum duration.</summary>
    public static readonly FindingDefinition InfMinDurationNotMet = new("INF-DUR-002", Severity.Error,
        "The run must last at least its minimum duration (result_min_duration_met).", AuditStricter);

    /// <summary>Too few queries for a scenario without early stopping.</summary>
    public static readonly FindingDefinition InfMinQueryCount = new("INF-QRY-001", Severity.Error,
        "Scenarios without early stopping must issue at least the round's minimum query count.", OfficialRejects);

    /// <summary>LoadGen did not meet the minimum query count.</summary>
    public static readonly FindingDefinition InfMinQueriesNotMet = new("INF-QRY-002", Severity.Error,
        "The run must issue at least its minimum number of queries (result_min_queries_met).", AuditStricter);

    /// <summary>The performance sample count is below the benchmark's minimum.</summary>
    public static readonly FindingDefinition InfPerformanceSampleCount = new("INF-PSC-001", Severity.Error,
        "effective_performance_sample_count must be at least the benchmark's minimum.", OfficialRejects);

    /// <summary>Offline samples per query is below the benchmark's minimum.</summary>
    public static readonly FindingDefinition InfOfflineSamplesPerQuery = new("INF-SPQ-001", Severity.Error,
        "An Offline run must issue at least the benchmark's minimum samples per query.", OfficialRejects);

    /// <summary>Equal-issue mode (sample concatenation permutation) is off.</summary>
    public static readonly FindingDefinition InfEqualIssue = new("INF-EQ-001", Severity.Error,
        "Equal-issue mode (sample_concatenate_permutation) must be on for this benchmark.", OfficialRejects);

    // ---- Latency and early stopping --------------------------------------------------------

    /// <summary>99th percentile time to first token at or over the limit.</summary>
    public static readonly FindingDefinition InfTtftOverLimit = new("INF-LAT-001", Severity.Error,
        "The 99th percentile time to first token must be strictly below the scenario's TTFT limit.", OfficialRejects);

    /// <summary>99th percentile time per output token at or over the limit.</summary>
    public static readonly FindingDefinition InfTpotOverLimit = new("INF-LAT-002", Severity.Error,
        "The 99th percentile time per output token must be strictly below the scenario's TPOT limit.", OfficialRejects);

    /// <summary>Token latencies were not enabled for an LLM.</summary>
    public static readonly FindingDefinition InfTokenLatenciesOff = new("INF-LAT-003", Severity.Error,
        "LLM runs must enable token latencies (requested_use_token_latencies).", OfficialRejects);

    /// <summary>LoadGen's performance constraints (latency bound) were not met.</summary>
    public static readonly FindingDefinition InfPerfConstraintsNotMet = new("INF-LAT-004", Severity.Warning,
        "LoadGen reports its latency constraints as not met (result_perf_constraints_met).", OfficialLogsOnly);

    /// <summary>Early stopping criterion not met.</summary>
    public static readonly FindingDefinition InfEarlyStoppingNotMet = new("INF-ES-001", Severity.Warning,
        "Server and stream scenarios should meet LoadGen's early-stopping criterion.", OfficialLogsOnly);

    // ---- Accuracy ---------------------------------------------------------------------------

    /// <summary>An accuracy metric is below its target.</summary>
    public static readonly FindingDefinition InfAccuracyBelowTarget = new("INF-ACC-001", Severity.Error,
        "Every accuracy metric must reach its target (reference × 0.99 or × 0.999).", OfficialRejects);

    /// <summary>An accuracy metric was not found in accuracy.txt.</summary>
    public static readonly FindingDefinition InfAccuracyMetricMissing = new("INF-ACC-002", Severity.Error,
        "accuracy.txt must report every metric the benchmark is judged on.", OfficialRejects);

    /// <summary>A bounded metric (tokens per sample, generated length) is above its upper limit.</summary>
    public static readonly FindingDefinition InfAccuracyAboveLimit = new("INF-ACC-003", Severity.Error,
        "Bounded accuracy metrics (tokens per sample, generated length) must stay at or below their upper limit.", OfficialRejects);

    /// <summary>accuracy.txt has no hash line.</summary>
    public static readonly FindingDefinition InfAccuracyHashMissing = new("INF-ACC-004", Severity.Error,
        "accuracy.txt must end with the hash line of the full accuracy log.", OfficialRejects);

    /// <summary>The accuracy log was not truncated.</summary>
    public static readonly FindingDefinition InfAccuracyLogNotTruncated = new("INF-ACC-005", Severity.Error,
        "accuracy/mlperf_log_accuracy.json must be the truncated form (at most 10240 bytes).", OfficialRejects);

    /// <summary>The accuracy run covered a different number of samples than the dataset.</summary>
    public static readonly FindingDefinition InfAccuracyDatasetSize = new("INF-ACC-006", Severity.Warning,
        "The accuracy run should cover the whole dataset (qsl_reported_total_count).", OfficialLogsOnly);

    /// <summary>A bounded metric is below its lower limit.</summary>
    public static readonly FindingDefinition InfAccuracyBelowLimit = new("INF-ACC-007", Severity.Error,
        "Bounded accuracy metrics (tokens per sample, generated length) must be at or above their lower limit.", OfficialRejects);

    /// <summary>The accuracy log is truncated but not in the form the truncation tool writes.</summary>
    public static readonly FindingDefinition InfAccuracyLogShape = new("INF-ACC-008", Severity.Warning,
        "A truncated accuracy log should be the first 4096 and last 4096 characters joined by the ellipsis marker.", AuditStricter)
    {
        Retired = true,
    };

    // ---- Compliance -------------------------------------------------------------------------

    /// <summary>A required compliance test folder or file is missing.</summary>
    public static readonly FindingDefinition InfComplianceMissing = new("INF-CMP-001", Severity.Error,
        "Closed and network results must include every compliance test the round requires for the benchmark.", OfficialRejects);

    /// <summary>A compliance test did not pass.</summary>
    public static readonly FindingDefinition InfComplianceFailed = new("INF-CMP-002", Severity.Error,
        "Every required compliance check must pass (TEST06: first token, EOS and sample length).", OfficialRejects);

    // ---- System description and implementation JSON --------------------------------------

    /// <summary>No system description JSON for the system.</summary>
    public static readonly FindingDefinition InfSystemMissing = new("INF-SYS-001", Severity.Error,
        "Every system needs systems/<system>.json.", OfficialRejects);

    /// <summary>A required system description field is absent.</summary>
    public static readonly FindingDefinition InfSystemFieldMissing = new("INF-SYS-002", Severity.Error,
        "The system description must contain every field the round requires.", OfficialRejects);

    /// <summary>A system description field that must be meaningful is empty.</summary>
    public static readonly FindingDefinition InfSystemFieldEmpty = new("INF-SYS-003", Severity.Error,
        "Key system description fields must not be empty.", OfficialRejects);

    /// <summary>A system description field has a value outside its allowed set.</summary>
    public static readonly FindingDefinition InfSystemFieldValue = new("INF-SYS-004", Severity.Error,
        "status, system_type, submitter and division must have allowed values that match the folders.", OfficialRejects);

    /// <summary>The system description holds a field the round does not know.</summary>
    public static readonly FindingDefinition InfSystemFieldUnknown = new("INF-SYS-005", Severity.Warning,
        "Fields the round does not define are reported.", OfficialLogsOnly);

    /// <summary>The system description is not valid JSON.</summary>
    public static readonly FindingDefinition InfSystemUnreadable = new("INF-SYS-006", Severity.Error,
        "The system description must be a valid JSON object.", OfficialRejects);

    /// <summary>Accelerator count cannot be computed.</summary>
    public static readonly FindingDefinition InfSystemAcceleratorCount = new("INF-SYS-007", Severity.Warning,
        "number_of_nodes and accelerators_per_node should be whole numbers so per-accelerator values can be derived.", AuditStricter);

    /// <summary>The measurements folder or its files are missing.</summary>
    public static readonly FindingDefinition InfMeasurementsMissing = new("INF-MEAS-001", Severity.Error,
        "Every result needs its measurements folder with user.conf, README.md and the implementation JSON.", OfficialRejects);

    /// <summary>The implementation JSON lacks a required field or is unreadable.</summary>
    public static readonly FindingDefinition InfMeasurementsField = new("INF-MEAS-002", Severity.Error,
        "The implementation JSON must be valid and give every required field a value.", OfficialRejects);

    // ---- Headline ---------------------------------------------------------------------------

    /// <summary>The headline metric is missing or not a finite number.</summary>
    public static readonly FindingDefinition InfHeadlineMissing = new("INF-HDR-001", Severity.Error,
        "The detail log must hold the scenario's headline metric as a finite number.", OfficialRejects);

    /// <summary>The headline metric is 0.</summary>
    public static readonly FindingDefinition InfHeadlineZero = new("INF-HDR-002", Severity.Error,
        "The headline metric must not be 0: the official checker keeps a result only when its value is non-zero, and writes no row for a 0.",
        OfficialRejects);

    /// <summary>No rules exist for the requested round.</summary>
    public static readonly FindingDefinition InfRoundUnsupported = new("INF-RND-001", Severity.Error,
        "Results can only be judged against a round whose rules MLPerf Audit holds.", AuditInput)
    {
        Retired = true,
    };

    /// <summary>Results of benchmarks the tool holds no rules for yet were left out of the report.</summary>
    public static readonly FindingDefinition InfNotAudited = new("INF-RND-002", Severity.Warning,
        "Results of benchmarks this version does not judge yet are listed as not audited, never as valid.", AuditInput);

    /// <summary>An accuracy problem in the open division, where the official checker accepts any parsed accuracy.</summary>
    public static readonly FindingDefinition InfOpenAccuracyAccepted = new("INF-ACC-009", Severity.Warning,
        "In the open division an accuracy below target is reported and accepted, as the official checker does.", OfficialLogsOnly);

    /// <summary>A power result lacks a file the power rules require.</summary>
    public static readonly FindingDefinition InfPowerFileMissing = new("INF-PWR-001", Severity.Error,
        "A power result needs spl.txt in each run and client/server logs, ptd_logs.txt and their JSON in performance/power.", OfficialRejects);

    /// <summary>The latency bound passed to early stopping exceeds the benchmark's constraint.</summary>
    public static readonly FindingDefinition InfLatencyConstraint = new("INF-LAT-005", Severity.Error,
        "The target latency used for early stopping (effective_target_latency_ns) must not exceed the benchmark's latency constraint.", OfficialRejects);

    /// <summary>A result inferred from another scenario cannot be computed.</summary>
    public static readonly FindingDefinition InfInferredResult = new("INF-SCN-005", Severity.Error,
        "A result inferred from another scenario's run must have the values its formula needs (e.g. a non-zero early-stopping latency).", OfficialRejects);

    /// <summary>Extra accuracy files (stable-diffusion-xl sample images) are missing.</summary>
    public static readonly FindingDefinition InfAccuracyExtraFiles = new("INF-ACC-010", Severity.Error,
        "Benchmarks that require sample outputs in accuracy/ (stable-diffusion-xl images, v6.x wan-2.2-t2v-a14b videos) must include every listed file.", OfficialRejects);

    /// <summary>A compliance test's performance run or verification is incomplete.</summary>
    public static readonly FindingDefinition InfComplianceFiles = new("INF-CMP-003", Severity.Error,
        "A compliance test folder must hold its verification files and its performance/run_1 logs (and, for TEST01, its accuracy files).", OfficialRejects);

    /// <summary>TEST01's accuracy in performance mode drifted too far from the baseline.</summary>
    public static readonly FindingDefinition InfComplianceAccuracyDelta = new("INF-CMP-004", Severity.Error,
        "When TEST01's deterministic check fails, each metric of the compliance run must be within the benchmark's tolerance of the baseline.", OfficialRejects);

    /// <summary>A JSON file repeats a key.</summary>
    public static readonly FindingDefinition InfJsonDuplicateKey = new("INF-JSON-001", Severity.Warning,
        "JSON files should not repeat a key; the last value is used, as the official checker's JSON reader does.", OfficialLogsOnly);
}
