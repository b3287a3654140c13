namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>Where a rule comes from: MLPerf Audit's own judgement of pretraining validation sweeps (no official checker exists).</summary>
    internal const string SweepRule = "MLPerf Audit: sweep audit (no official checker)";

    // ---- Logs and configurations ------------------------------------------------------------

    /// <summary>A line with the :::MLLOG token in a sweep log could not be parsed.</summary>
    public static readonly FindingDefinition SwpLogParse = new("SWP-LOG-001", Severity.Error,
        "Every ':::MLLOG ' line of a sweep log must hold one JSON object with key, value, time_ms and metadata.", SweepRule);

    /// <summary>A sweep log lacks a size that defines its configuration (micro_batch_size, global_batch_size, max_sequence_length).</summary>
    public static readonly FindingDefinition SwpConfigMissing = new("SWP-CFG-001", Severity.Error,
        "Every sweep log must give micro_batch_size, global_batch_size and max_sequence_length as positive integers, in the log or the sweep manifest.", SweepRule);

    /// <summary>Two logs describe the same configuration.</summary>
    public static readonly FindingDefinition SwpConfigDuplicate = new("SWP-CFG-002", Severity.Warning,
        "Each configuration of a sweep should be logged once; a repeated configuration makes the comparison ambiguous.", SweepRule);

    /// <summary>The configurations differ in model, sequence length or precision: they are not one sweep.</summary>
    public static readonly FindingDefinition SwpConfigIncomparable = new("SWP-CFG-003", Severity.Warning,
        "All configurations of a sweep should train the same model (parameters) at the same sequence length and precision.", SweepRule);

    /// <summary>tracked_stats.tokens_per_step differs from global_batch_size × max_sequence_length.</summary>
    public static readonly FindingDefinition SwpConfigTokens = new("SWP-CFG-004", Severity.Warning,
        "tokens_per_step should equal global_batch_size × max_sequence_length.", SweepRule);

    /// <summary>A step line of a NeMo, DLLogger or Megatron-LM log, or a TensorBoard record, could not be read.</summary>
    public static readonly FindingDefinition SwpLogFormatParse = new("SWP-LOG-002", Severity.Error,
        "Every step line of a NeMo 2, NeMo 1, DLLogger or Megatron-LM log, and every TensorBoard event record, must be readable in its format.", SweepRule);

    /// <summary>One file holds the step lines of two formats; it is refused.</summary>
    public static readonly FindingDefinition SwpLogMixed = new("SWP-LOG-003", Severity.Error,
        "A sweep log must hold one format's step lines; a file that mixes formats (e.g. NeMo 2 and Megatron-LM) is refused, not guessed.", SweepRule);

    /// <summary>A TFRecord frame of a TensorBoard event file is cut or fails its masked CRC-32C.</summary>
    public static readonly FindingDefinition SwpLogRecordFraming = new("SWP-LOG-004", Severity.Error,
        "Every record of a TensorBoard event file must be whole and pass both masked CRC-32C checks (length and data).", SweepRule);

    /// <summary>The log and the sweep manifest give different values for a size, or TP × PP × CP × DP differs from the GPU count.</summary>
    public static readonly FindingDefinition SwpConfigConflict = new("SWP-CFG-005", Severity.Error,
        "The configuration a log prints and the sweep manifest must agree, and TP × PP × CP × DP must equal the GPU count.", SweepRule);

    /// <summary>The sweep manifest could not be read or is invalid.</summary>
    public static readonly FindingDefinition SwpManifestInvalid = new("SWP-CFG-006", Severity.Error,
        "A sweep manifest (sweep.yaml or sweep.json) must follow schemas/sweep-manifest.schema.json: version 1, runs with positive sizes.", SweepRule);

    /// <summary>The sweep manifest names a file the bundle does not hold.</summary>
    public static readonly FindingDefinition SwpManifestUnmatched = new("SWP-CFG-007", Severity.Warning,
        "Every log and telemetry file a sweep manifest names should be in the bundle.", SweepRule);

    // ---- Runs and step times ----------------------------------------------------------------

    /// <summary>The run stopped without success (out of memory, aborted); it is reported, not ranked.</summary>
    public static readonly FindingDefinition SwpRunAborted = new("SWP-RUN-001", Severity.Warning,
        "A configuration whose run_stop status is not 'success' is a result (e.g. out of memory) but is not ranked.", SweepRule);

    /// <summary>No measured (non-warm-up) step time was logged.</summary>
    public static readonly FindingDefinition SwpStepNone = new("SWP-STEP-001", Severity.Error,
        "A completed configuration must log train_step_time for at least one step not marked warm-up.", SweepRule);

    /// <summary>Fewer measured steps than the minimum for trustworthy statistics.</summary>
    public static readonly FindingDefinition SwpStepFew = new("SWP-STEP-002", Severity.Warning,
        "A configuration should log at least the minimum number of measured steps (default 10) for its statistics to be trusted.", SweepRule);

    /// <summary>Measured step times vary more than the threshold (coefficient of variation).</summary>
    public static readonly FindingDefinition SwpStepUnstable = new("SWP-STEP-003", Severity.Warning,
        "Measured step times should vary little (coefficient of variation at most 5% by default); otherwise the mean hides jitter.", SweepRule);

    /// <summary>A step is logged twice with different values, or an interval line does not follow the previous one.</summary>
    public static readonly FindingDefinition SwpStepDuplicate = new("SWP-STEP-004", Severity.Error,
        "Each step (iteration) must be logged once; a step logged twice with different values, or an iteration going back, makes the statistics ambiguous.", SweepRule);

    /// <summary>Step numbers skip: steps are missing from a per-step log.</summary>
    public static readonly FindingDefinition SwpStepMissing = new("SWP-STEP-005", Severity.Warning,
        "A per-step log should log every step; missing steps leave the statistics to the steps that were logged.", SweepRule);

    // ---- Loss -------------------------------------------------------------------------------

    /// <summary>A loss value is NaN or infinite.</summary>
    public static readonly FindingDefinition SwpLossNonFinite = new("SWP-LOSS-001", Severity.Error,
        "Every logged train_loss must be a finite number.", SweepRule);

    /// <summary>The loss rises over the run beyond the divergence threshold.</summary>
    public static readonly FindingDefinition SwpLossDiverging = new("SWP-LOSS-002", Severity.Error,
        "The loss must not rise over the run by more than the divergence threshold (2% by default, last fifth against first fifth).", SweepRule);

    /// <summary>No train_loss was logged.</summary>
    public static readonly FindingDefinition SwpLossMissing = new("SWP-LOSS-003", Severity.Warning,
        "A sweep log should log train_loss so that a configuration that trains wrongly is noticed.", SweepRule);

    // ---- Telemetry --------------------------------------------------------------------------

    /// <summary>The SM clock stayed under the throttle threshold on a busy GPU for longer than allowed.</summary>
    public static readonly FindingDefinition SwpTelThrottled = new("SWP-TEL-001", Severity.Warning,
        "On a busy GPU the SM clock should not stay below the throttle threshold (80% of its maximum by default) for 2 s or more.", SweepRule);

    /// <summary>Mean GPU utilization over the measured steps is low.</summary>
    public static readonly FindingDefinition SwpTelLowUtilization = new("SWP-TEL-002", Severity.Warning,
        "Mean GPU utilization over the measured steps should reach the threshold (80% by default).", SweepRule);

    /// <summary>Telemetry has a gap (a pause much longer than the sample interval) while a configuration ran.</summary>
    public static readonly FindingDefinition SwpTelGap = new("SWP-TEL-003", Severity.Warning,
        "Telemetry should have no gap longer than the gap factor times its median sample interval while a configuration runs.", SweepRule);

    /// <summary>Logs and telemetry disagree in time: no samples in the run, an idle GPU while the log trains, or less memory in use than the log allocated.</summary>
    public static readonly FindingDefinition SwpTelDisagree = new("SWP-TEL-004", Severity.Error,
        "Telemetry must show the run: samples inside its time window, a busy GPU during measured steps and at least the memory the log allocated.", SweepRule);

    /// <summary>The bundle has no telemetry file.</summary>
    public static readonly FindingDefinition SwpTelMissing = new("SWP-TEL-005", Severity.Warning,
        "A sweep bundle should hold nvidia-smi CSV telemetry; without it utilization, clocks and power are not checked.", SweepRule);

    /// <summary>A telemetry line could not be read.</summary>
    public static readonly FindingDefinition SwpTelParse = new("SWP-TEL-006", Severity.Error,
        "Every telemetry row must have the header's columns, a 'yyyy/MM/dd HH:mm:ss.fff' timestamp and numbers in the header's units (nvidia-smi CSV), or one value or N/A per header field after 'GPU <id>' (DCGM dmon).", SweepRule);

    /// <summary>The GPU's maximum SM clock or power limit is unknown, so throttling is judged against the highest clock seen.</summary>
    public static readonly FindingDefinition SwpTelLimitsUnknown = new("SWP-TEL-007", Severity.Warning,
        "The GPU's maximum SM clock and power limit should be in the bundle (nvidia-smi clocks.max.sm, power.limit) or the data table.", SweepRule);

    /// <summary>A log or telemetry file has no times, so telemetry cannot be matched to the configuration.</summary>
    public static readonly FindingDefinition SwpTelNoTime = new("SWP-TEL-008", Severity.Warning,
        "To match telemetry to a configuration, the log needs times (or a start in the sweep manifest) and DCGM dmon output a start and interval in the manifest.", SweepRule);

    // ---- Efficiency -------------------------------------------------------------------------

    /// <summary>Model FLOPs utilization could not be computed (no parameters, or no peak for the accelerator and precision).</summary>
    public static readonly FindingDefinition SwpMfuUnknown = new("SWP-MFU-001", Severity.Warning,
        "Model FLOPs utilization needs model_parameters and a dense peak for the accelerator and precision in the data table.", SweepRule);

    /// <summary>The framework's own TFLOP/s per GPU (Megatron-LM) differs from the audit's beyond the tolerance.</summary>
    public static readonly FindingDefinition SwpMfuDisagree = new("SWP-MFU-002", Severity.Warning,
        "Megatron-LM's logged throughput per GPU (TFLOP/s/GPU) should agree with the audit's model FLOPs per GPU within the tolerance (10% by default).", SweepRule);

    // ---- Recommendation ---------------------------------------------------------------------

    /// <summary>The claimed optimal configuration is not the best by the claimed criterion.</summary>
    public static readonly FindingDefinition SwpRecRejected = new("SWP-REC-001", Severity.Error,
        "A configuration claimed optimal must be the best audited configuration by the claimed criterion (ties within the tolerance pass).", SweepRule);

    /// <summary>The claimed configuration is not in the sweep (or matches several configurations).</summary>
    public static readonly FindingDefinition SwpRecNotFound = new("SWP-REC-002", Severity.Error,
        "A configuration claimed optimal must match exactly one audited configuration.", SweepRule);

    /// <summary>The claimed configuration is best, or within the tolerance of the best, by less than the tie tolerance.</summary>
    public static readonly FindingDefinition SwpRecTied = new("SWP-REC-003", Severity.Warning,
        "A claimed optimum that beats (or trails) another configuration by less than the tie tolerance (1% by default) is not clearly optimal.", SweepRule);
}
