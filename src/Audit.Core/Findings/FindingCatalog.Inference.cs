namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Files and layout -------------------------------------------------------------------

    /// <summary>A file the rules require is absent.</summary>
    public static readonly FindingDefinition InfRequiredFileMissing = new("INF-FILE-001", Severity.Error,
        "Every result needs its performance and accuracy logs, accuracy.txt and the truncated accuracy log.", OfficialRejects)
    {
        Message = "{file} is missing.",
    };

    /// <summary>A run folder holds a file outside its allowed set.</summary>
    public static readonly FindingDefinition InfUnexpectedFile = new("INF-FILE-002", Severity.Error,
        "performance/run_1 and accuracy/ may hold only the LoadGen outputs the rules list.", OfficialRejects)
    {
        Message = "{folder} holds '{name}', which the rules do not allow there.",
    };

    /// <summary>A required file is empty.</summary>
    public static readonly FindingDefinition InfEmptyFile = new("INF-FILE-003", Severity.Error,
        "Required files must not be empty.", OfficialRejects)
    {
        Message = "{file} is empty.",
    };

    /// <summary>A required file the official checker never reads is empty.</summary>
    public static readonly FindingDefinition InfEmptyFileAccepted = new("INF-FILE-005", Severity.Warning,
        "Warning: a required file should not be empty; the official v5.x checker only needs the summary logs, the truncated accuracy log and the "
            + "accuracy run's detail log to exist, so an empty one is accepted.", OfficialLogsOnly)
    {
        Message = "{file} is empty; the official {round} checker only needs it to exist.",
    };

    /// <summary>The benchmark folder is not an official model name of the round.</summary>
    public static readonly FindingDefinition InfUnknownBenchmark = new("INF-LAY-001", Severity.Error,
        "In closed and network divisions the benchmark folder must be an official model name of the round.", OfficialRejects)
    {
        Message = "'{benchmark}' is not an official {round} benchmark.",
    };

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
        "A result's division, submitter and system come from its path; they could not all be read from this bundle.", AuditInput)
    {
        Message = "The bundle holds {folder} without its division and submitter folders; folder-level rules that need them are skipped.",
    };

    /// <summary>Code folder for the benchmark is missing.</summary>
    public static readonly FindingDefinition InfCodeMissing = new("INF-LAY-005", Severity.Error,
        "A closed or network submission must include code/<benchmark> for every benchmark it submits (in the v6.x layout, a src/ folder).",
        OfficialRejects)
    {
        Message = "{code} is missing (implementation JSON {file}).",
    };

    // ---- Scenarios per benchmark -------------------------------------------------------------

    /// <summary>The scenario is not allowed for this benchmark and system type.</summary>
    public static readonly FindingDefinition InfScenarioNotAllowed = new("INF-SCN-001", Severity.Error,
        "Each benchmark allows only the scenarios the round lists for the system type.", OfficialRejects)
    {
        Message = "{benchmark} allows no {scenario} result for system type '{systemType}'.",
    };

    /// <summary>A required scenario is missing for a benchmark.</summary>
    public static readonly FindingDefinition InfRequiredScenarioMissing = new("INF-SCN-002", Severity.Error,
        "Each benchmark must include every scenario the round requires for the system type.", OfficialRejects)
    {
        Message = "{folder} lacks a valid result for the required scenario(s) {scenarios}.",
    };

    /// <summary>Neither of the one-of scenarios (Server, Interactive) was submitted.</summary>
    public static readonly FindingDefinition InfOneOfScenarioMissing = new("INF-SCN-003", Severity.Error,
        "LLM benchmarks need at least one of Server or Interactive beside Offline.", OfficialRejects)
    {
        Message = "{folder} needs a valid result for at least one of {scenarios}.",
    };

    /// <summary>The scenario LoadGen ran is not the one the folder names.</summary>
    public static readonly FindingDefinition InfScenarioMismatch = new("INF-SCN-004", Severity.Error,
        "The scenario LoadGen ran must match the scenario folder (Interactive runs as Server).", OfficialRejects)
    {
        Message = "LoadGen ran {logged}, but the result sits in a {folder} folder.",
    };

    // ---- Detail log -------------------------------------------------------------------------

    /// <summary>A :::MLLOG line does not hold valid JSON.</summary>
    public static readonly FindingDefinition InfLogMalformed = new("INF-LOG-001", Severity.Error,
        "Every :::MLLOG line must hold one valid JSON object with a key and a value.", OfficialRejects)
    {
        Message = "Line {line} of the detail log cannot be read: {reason}.",
    };

    /// <summary>A key the rules need is absent from the detail log.</summary>
    public static readonly FindingDefinition InfLogKeyMissing = new("INF-LOG-002", Severity.Error,
        "The detail log must log every setting and result the rules read.", OfficialRejects)
    {
        Message = "The detail log cannot answer a rule: {problem}.",
    };

    /// <summary>LoadGen logged errors during the run.</summary>
    public static readonly FindingDefinition InfLogErrors = new("INF-LOG-003", Severity.Error,
        "LoadGen must report no errors in the performance or accuracy run.", OfficialRejects)
    {
        Message = "LoadGen logged {count} error(s).",
    };

    /// <summary>INF-LOG-003 with the first error LoadGen logged.</summary>
    public static readonly FindingMessage InfLogErrorsFirst = InfLogErrors.Variant("LoadGen logged {count} error(s). The first: \"{first}\".");

    /// <summary>LoadGen judged the run INVALID.</summary>
    public static readonly FindingDefinition InfResultInvalid = new("INF-LOG-004", Severity.Error,
        "LoadGen's own verdict (result_validity) must be VALID.", AuditStricter)
    {
        Message = "LoadGen judged the run {validity}.",
    };

    /// <summary>A logged value has the wrong JSON type.</summary>
    public static readonly FindingDefinition InfLogWrongType = new("INF-LOG-005", Severity.Error,
        "Logged values must have the type the rules expect (number, boolean or string).", OfficialRejects)
    {
        Message = "The detail log cannot answer a rule: {problem}.",
    };

    /// <summary>LoadGen logged warnings.</summary>
    public static readonly FindingDefinition InfLogWarnings = new("INF-LOG-006", Severity.Warning,
        "LoadGen warnings are reported for the reader; they do not invalidate the result.", OfficialLogsOnly)
    {
        Message = "LoadGen logged {count} warning(s); the first: \"{first}\".",
    };

    // ---- Settings ------------------------------------------------------------------------------

    /// <summary>An RNG seed differs from the round's official seed.</summary>
    public static readonly FindingDefinition InfSeedMismatch = new("INF-SEED-001", Severity.Error,
        "The QSL, sample-index and schedule RNG seeds must be the round's official values.", OfficialRejects)
    {
        Message = "{key} is {seed}; the {round} seed is {expected}.",
    };

    /// <summary>The run's minimum duration is below the round's minimum.</summary>
    public static readonly FindingDefinition InfMinDurationTooShort = new("INF-DUR-001", Severity.Error,
        "effective_min_duration_ms must be at least the round's minimum (600000 ms).", OfficialRejects)
    {
        Message = "effective_min_duration_ms is {duration} ms; the minimum is {minimum} ms.",
    };

    /// <summary>INF-DUR-001 for an endpoints result's config.yaml.</summary>
    public static readonly FindingMessage InfMinDurationTooShortEndpoints =
        InfMinDurationTooShort.Variant("settings.runtime.min_duration_ms is {duration} ms; the minimum is {minimum} ms.");

    /// <summary>LoadGen did not meet the minimum duration.</summary>
    public static readonly FindingDefinition InfMinDurationNotMet = new("INF-DUR-002", Severity.Error,
        "The run must last at least its minimum duration (result_min_duration_met false in a run not judged VALID; "
            + "with VALID it is INF-CONS-009).", AuditStricter)
    {
        Message = "LoadGen reports the minimum duration was not met.",
    };

    /// <summary>Too few queries for a scenario without early stopping.</summary>
    public static readonly FindingDefinition InfMinQueryCount = new("INF-QRY-001", Severity.Error,
        "Scenarios without early stopping must issue at least the round's minimum query count.", OfficialRejects)
    {
        Message = "effective_min_query_count is {count}; {scenario} needs at least {minimum}.",
    };

    /// <summary>LoadGen did not meet the minimum query count.</summary>
    public static readonly FindingDefinition InfMinQueriesNotMet = new("INF-QRY-002", Severity.Error,
        "The run must issue at least its minimum number of queries (result_min_queries_met false in a run not judged VALID; "
            + "with VALID it is INF-CONS-009).", AuditStricter)
    {
        Message = "LoadGen reports the minimum query count was not met.",
    };

    /// <summary>The performance sample count is below the benchmark's minimum.</summary>
    public static readonly FindingDefinition InfPerformanceSampleCount = new("INF-PSC-001", Severity.Error,
        "effective_performance_sample_count must be at least the benchmark's minimum.", OfficialRejects)
    {
        Message = "effective_performance_sample_count is {count}; {benchmark} needs at least {minimum}.",
    };

    /// <summary>Offline samples per query is below the benchmark's minimum.</summary>
    public static readonly FindingDefinition InfOfflineSamplesPerQuery = new("INF-SPQ-001", Severity.Error,
        "An Offline run must issue at least the benchmark's minimum samples per query.", OfficialRejects)
    {
        Message = "effective_samples_per_query is {count}; an Offline {benchmark} run needs at least {minimum}.",
    };

    /// <summary>Equal-issue mode (sample concatenation permutation) is off.</summary>
    public static readonly FindingDefinition InfEqualIssue = new("INF-EQ-001", Severity.Error,
        "Equal-issue mode (sample_concatenate_permutation) must be on for this benchmark.", OfficialRejects)
    {
        Message = "{benchmark} requires equal-issue mode, but effective_sample_concatenate_permutation is false.",
    };

    // ---- Latency and early stopping --------------------------------------------------------

    /// <summary>99th percentile time to first token at or over the limit.</summary>
    public static readonly FindingDefinition InfTtftOverLimit = new("INF-LAT-001", Severity.Error,
        "The 99th percentile time to first token must be strictly below the scenario's TTFT limit.", OfficialRejects)
    {
        Message = "The 99th percentile time to first token is {ttft:0.###} ms; {scenario} allows less than {limit} ms.",
    };

    /// <summary>99th percentile time per output token at or over the limit.</summary>
    public static readonly FindingDefinition InfTpotOverLimit = new("INF-LAT-002", Severity.Error,
        "The 99th percentile time per output token must be strictly below the scenario's TPOT limit.", OfficialRejects)
    {
        Message = "The 99th percentile time per output token is {tpot:0.###} ms; {scenario} allows less than {limit} ms.",
    };

    /// <summary>Token latencies were not enabled for an LLM.</summary>
    public static readonly FindingDefinition InfTokenLatenciesOff = new("INF-LAT-003", Severity.Error,
        "LLM runs must enable token latencies (requested_use_token_latencies).", OfficialRejects)
    {
        Message = "{benchmark} must run with token latencies on, but requested_use_token_latencies is false.",
    };

    /// <summary>INF-LAT-003 when the detail log does not log requested_use_token_latencies.</summary>
    public static readonly FindingMessage InfTokenLatenciesMissing =
        InfTokenLatenciesOff.Variant("{benchmark} must run with token latencies on, but requested_use_token_latencies is missing.");

    /// <summary>LoadGen's performance constraints (latency bound) were not met.</summary>
    public static readonly FindingDefinition InfPerfConstraintsNotMet = new("INF-LAT-004", Severity.Warning,
        "LoadGen reports its latency constraints as not met (result_perf_constraints_met).", OfficialLogsOnly)
    {
        Message = "LoadGen reports its performance constraints were not met.",
    };

    /// <summary>Early stopping criterion not met.</summary>
    public static readonly FindingDefinition InfEarlyStoppingNotMet = new("INF-ES-001", Severity.Warning,
        "Server and stream scenarios should meet LoadGen's early-stopping criterion.", OfficialLogsOnly)
    {
        Message = "LoadGen's early-stopping criterion was not met; the official {round} checker logs this and accepts the result.",
    };

    // ---- Headline ---------------------------------------------------------------------------

    /// <summary>The headline metric is missing or not a finite number.</summary>
    public static readonly FindingDefinition InfHeadlineMissing = new("INF-HDR-001", Severity.Error,
        "The detail log must hold the scenario's headline metric as a finite number.", OfficialRejects)
    {
        Message = "The headline metric cannot be read: {problem}.",
    };

    /// <summary>INF-HDR-001 when the round names no headline for the scenario LoadGen ran.</summary>
    public static readonly FindingMessage InfHeadlineMissingForScenario =
        InfHeadlineMissing.Variant("{benchmark} has no headline metric for a {scenario} run in {round}.");

    /// <summary>INF-HDR-001 for an endpoints Offline run of an LLM.</summary>
    public static readonly FindingMessage InfHeadlineMissingEndpointsLlmOffline =
        InfHeadlineMissing.Variant(
            "An endpoints Offline run of an LLM reports no tokens per second (the official checker reads result_tokens_per_second, which endpoints "
                + "files do not map).");

    /// <summary>INF-HDR-001 for an endpoints result_summary.json without the headline.</summary>
    public static readonly FindingMessage InfHeadlineMissingEndpoints =
        InfHeadlineMissing.Variant("result_summary.json does not give the {scenario} headline.");

    /// <summary>The headline metric is 0.</summary>
    public static readonly FindingDefinition InfHeadlineZero = new("INF-HDR-002", Severity.Error,
        "The headline metric must not be 0: the official checker keeps a result only when its value is non-zero, and writes no row for a 0.",
        OfficialRejects)
    {
        Message = "The headline metric {key} is 0.",
    };

    /// <summary>No rules exist for the requested round.</summary>
    public static readonly FindingDefinition InfRoundUnsupported = new("INF-RND-001", Severity.Error,
        "Results can only be judged against a round whose rules MLPerf Audit holds.", AuditInput)
    {
        Retired = true,
    };

    /// <summary>Results of benchmarks the tool holds no rules for yet were left out of the report.</summary>
    public static readonly FindingDefinition InfNotAudited = new("INF-RND-002", Severity.Warning,
        "Results of benchmarks this version does not judge yet are listed as not audited, never as valid.", AuditInput)
    {
        Message = "{count} result(s) of benchmarks this version does not judge yet were left out, e.g. {example}.",
    };

    /// <summary>The latency bound passed to early stopping exceeds the benchmark's constraint.</summary>
    public static readonly FindingDefinition InfLatencyConstraint = new("INF-LAT-005", Severity.Error,
        "The target latency used for early stopping (effective_target_latency_ns) must not exceed the benchmark's latency constraint.",
        OfficialRejects)
    {
        Message = "effective_target_latency_ns is {latency} ns; {benchmark} {scenario} allows at most {limit} ns.",
    };

    /// <summary>INF-LAT-005 for an endpoints result's 99th percentile latency.</summary>
    public static readonly FindingMessage InfLatencyConstraintEndpoints =
        InfLatencyConstraint.Variant("The 99th percentile latency is {latency} ns; {benchmark} {scenario} allows at most {limit} ns.");

    /// <summary>A result inferred from another scenario cannot be computed.</summary>
    public static readonly FindingDefinition InfInferredResult = new("INF-SCN-005", Severity.Error,
        "A result inferred from another scenario's run must have the values its formula needs (e.g. a non-zero early-stopping latency).",
        OfficialRejects)
    {
        Message = "early_stopping_latency_ms is 0: too few samples for early stopping to estimate the MultiStream latency.",
    };
}
