namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Accuracy ---------------------------------------------------------------------------

    /// <summary>An accuracy metric is below its target.</summary>
    public static readonly FindingDefinition InfAccuracyBelowTarget = new("INF-ACC-001", Severity.Error,
        "Every accuracy metric must reach its target (reference × 0.99 or × 0.999).", OfficialRejects)
    {
        Message = "{metric} is {value}; {benchmark} needs at least {target:0.######} ({reference:0.######} × {factor:0.######}).",
    };

    /// <summary>INF-ACC-001 for an endpoints result's accuracy score.</summary>
    public static readonly FindingMessage InfAccuracyBelowTargetEndpoints =
        InfAccuracyBelowTarget.Variant("{metric} is {value}; {benchmark} {scenario} needs at least {target:0.######}.");

    /// <summary>An accuracy metric was not found in accuracy.txt.</summary>
    public static readonly FindingDefinition InfAccuracyMetricMissing = new("INF-ACC-002", Severity.Error,
        "accuracy.txt must report every metric the benchmark is judged on.", OfficialRejects)
    {
        Message = "accuracy.txt does not report {metric}.",
    };

    /// <summary>A bounded metric (tokens per sample, generated length) is above its upper limit.</summary>
    public static readonly FindingDefinition InfAccuracyAboveLimit = new("INF-ACC-003", Severity.Error,
        "Bounded accuracy metrics (tokens per sample, generated length) must stay at or below their upper limit.", OfficialRejects)
    {
        Message = "{metric} is {value}; {benchmark} allows at most {limit:0.######} ({reference:0.######} × {factor:0.######}).",
    };

    /// <summary>accuracy.txt has no hash line.</summary>
    public static readonly FindingDefinition InfAccuracyHashMissing = new("INF-ACC-004", Severity.Error,
        "accuracy.txt must end with the hash line of the full accuracy log.", OfficialRejects)
    {
        Message = "accuracy.txt has no hash= line for the full accuracy log.",
    };

    /// <summary>The accuracy log was not truncated.</summary>
    public static readonly FindingDefinition InfAccuracyLogNotTruncated = new("INF-ACC-005", Severity.Error,
        "accuracy/mlperf_log_accuracy.json must be the truncated form (at most 10240 bytes).", OfficialRejects)
    {
        Message = "mlperf_log_accuracy.json is {bytes} bytes; the truncated form is at most {limit} bytes.",
    };

    /// <summary>The accuracy run covered a different number of samples than the dataset.</summary>
    public static readonly FindingDefinition InfAccuracyDatasetSize = new("INF-ACC-006", Severity.Warning,
        "The accuracy run should cover the whole dataset (qsl_reported_total_count).", OfficialLogsOnly)
    {
        Message = "The accuracy run covered {covered} samples; the {benchmark} dataset has {expected}. The official {round} checker logs this and "
            + "accepts the result.",
    };

    /// <summary>INF-ACC-006 for an endpoints result's accuracy_results.json.</summary>
    public static readonly FindingMessage InfAccuracyDatasetSizeEndpoints =
        InfAccuracyDatasetSize.Variant("The accuracy run covered {covered} samples; a {benchmark} {scenario} accuracy run covers {expected}.");

    /// <summary>A bounded metric is below its lower limit.</summary>
    public static readonly FindingDefinition InfAccuracyBelowLimit = new("INF-ACC-007", Severity.Error,
        "Bounded accuracy metrics (tokens per sample, generated length) must be at or above their lower limit.", OfficialRejects)
    {
        Message = "{metric} is {value}; {benchmark} needs at least {limit:0.######} ({reference:0.######} × {factor:0.######}).",
    };

    /// <summary>The accuracy log is truncated but not in the form the truncation tool writes.</summary>
    public static readonly FindingDefinition InfAccuracyLogShape = new("INF-ACC-008", Severity.Warning,
        "A truncated accuracy log should be the first 4096 and last 4096 characters joined by the ellipsis marker.", AuditStricter)
    {
        Retired = true,
    };

    // ---- Compliance -------------------------------------------------------------------------

    /// <summary>A required compliance test folder or file is missing.</summary>
    public static readonly FindingDefinition InfComplianceMissing = new("INF-CMP-001", Severity.Error,
        "Closed and network results must include every compliance test the round requires for the benchmark.", OfficialRejects)
    {
        Message = "{test} is required for {benchmark}, but {path} is missing.",
    };

    /// <summary>INF-CMP-001 when the bundle does not reach the submitter folder.</summary>
    public static readonly FindingMessage InfComplianceMissingNoSubmitter =
        InfComplianceMissing.Variant("The bundle does not reach up to the submitter folder, so the compliance results cannot be found.");

    /// <summary>INF-CMP-001 for a compliance test this version cannot judge.</summary>
    public static readonly FindingMessage InfComplianceMissingUnjudged =
        InfComplianceMissing.Variant("{test} is required but this version cannot judge it yet.");

    /// <summary>A compliance test did not pass.</summary>
    public static readonly FindingDefinition InfComplianceFailed = new("INF-CMP-002", Severity.Error,
        "Every required compliance check must pass (TEST06: first token, EOS and sample length).", OfficialRejects)
    {
        Message = "{test}'s {file} does not say TEST PASS.",
    };

    /// <summary>INF-CMP-002 for TEST01's and TEST04's verify_performance.txt.</summary>
    public static readonly FindingMessage InfComplianceFailedPerformance =
        InfComplianceFailed.Variant("{test}'s performance verification does not say TEST PASS.");

    /// <summary>INF-CMP-002 for one of TEST06's checks (first token, EOS, sample length).</summary>
    public static readonly FindingMessage InfComplianceFailedTest06 =
        InfComplianceFailed.Variant("TEST06 does not report that the {check} check passed.");

    /// <summary>An accuracy problem in the open division, where the official checker accepts any parsed accuracy.</summary>
    public static readonly FindingDefinition InfOpenAccuracyAccepted = new("INF-ACC-009", Severity.Warning,
        "In the open division an accuracy below target is reported and accepted, as the official checker does.", OfficialLogsOnly)
    {
        Message = "{message} (accepted in the open division)",
    };

    /// <summary>Extra accuracy files (stable-diffusion-xl sample images) are missing.</summary>
    public static readonly FindingDefinition InfAccuracyExtraFiles = new("INF-ACC-010", Severity.Error,
        "Benchmarks that require sample outputs in accuracy/ (stable-diffusion-xl images, v6.x wan-2.2-t2v-a14b videos) must include every listed "
            + "file.", OfficialRejects)
    {
        Message = "{folder} must hold the sample outputs {files}.",
    };

    /// <summary>A compliance test's performance run or verification is incomplete.</summary>
    public static readonly FindingDefinition InfComplianceFiles = new("INF-CMP-003", Severity.Error,
        "A compliance test folder must hold its verification files and its performance/run_1 logs (and, for TEST01, its accuracy files).",
        OfficialRejects)
    {
        Message = "{file} is missing.",
    };

    /// <summary>INF-CMP-003 for a compliance run folder whose files are not the required set.</summary>
    public static readonly FindingMessage InfComplianceFilesRun =
        InfComplianceFiles.Variant("{folder} must hold exactly {required} (missing: {missing}; unexpected: {unexpected}).");

    /// <summary>INF-CMP-003 for TEST01's accuracy folder whose files are not the required set.</summary>
    public static readonly FindingMessage InfComplianceFilesAccuracy =
        InfComplianceFiles.Variant("{folder} must hold exactly {required} (it holds {present}).");

    /// <summary>TEST01's accuracy in performance mode drifted too far from the baseline.</summary>
    public static readonly FindingDefinition InfComplianceAccuracyDelta = new("INF-CMP-004", Severity.Error,
        "When TEST01's deterministic check fails, each metric of the compliance run must be within the benchmark's tolerance of the baseline.",
        OfficialRejects)
    {
        Message = "TEST01 {metric} differs by {delta:0.###}% between baseline ({baseline}) and compliance run ({compliance}); at most {allowed}% "
            + "is allowed.",
    };

    /// <summary>INF-CMP-004 when TEST01 lacks a baseline or compliance value.</summary>
    public static readonly FindingMessage InfComplianceAccuracyDeltaMissing =
        InfComplianceAccuracyDelta.Variant("TEST01 lacks a baseline or compliance value of {metric}.");
}
