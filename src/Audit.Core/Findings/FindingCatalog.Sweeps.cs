namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>Where a rule comes from: MLPerf Audit's own judgement of pretraining validation sweeps (no official checker exists).</summary>
    internal const string SweepRule = "MLPerf Audit: sweep audit (no official checker)";

    // ---- Logs and configurations ------------------------------------------------------------

    /// <summary>A line with the :::MLLOG token in a sweep log could not be parsed.</summary>
    public static readonly FindingDefinition SwpLogParse = new("SWP-LOG-001", Severity.Error,
        "Every ':::MLLOG ' line of a sweep log must hold one JSON object with key, value, time_ms and metadata.", SweepRule)
    {
        Message = "Not an MLLOG record: {reason}.",
    };

    /// <summary>SWP-LOG-001: a bundle entry over the file size limit (bytes).</summary>
    public static readonly FindingMessage SwpLogParseFileTooBig =
        SwpLogParse.Variant("The file is {length} bytes, over the {limit}-byte limit; it was not read.");

    /// <summary>SWP-LOG-001: an entry whose bytes run past the file size limit although its stated length did not.</summary>
    public static readonly FindingMessage SwpLogParseFileGrew =
        SwpLogParse.Variant("The file holds more than the {limit}-byte limit (its entry said {length} bytes); it was not read.");

    /// <summary>SWP-LOG-001: how many more problems there were than are reported one by one.</summary>
    public static readonly FindingMessage SwpLogParseMore = SwpLogParse.Variant("{count} more lines could not be parsed.");

    /// <summary>A sweep log lacks a size that defines its configuration (micro_batch_size, global_batch_size, max_sequence_length).</summary>
    public static readonly FindingDefinition SwpConfigMissing = new("SWP-CFG-001", Severity.Error,
        "Every sweep log must give micro_batch_size, global_batch_size and max_sequence_length as positive integers, "
        + "in the log or the sweep manifest.", SweepRule)
    {
        Message = "Neither the log nor a sweep manifest gives {sizes} as a positive integer, so its configuration is incomplete.",
    };

    /// <summary>Two logs describe the same configuration.</summary>
    public static readonly FindingDefinition SwpConfigDuplicate = new("SWP-CFG-002", Severity.Warning,
        "Each configuration of a sweep should be logged once; a repeated configuration makes the comparison ambiguous.", SweepRule)
    {
        Message = "{label} is logged {count} times: {files}.",
    };

    /// <summary>The configurations differ in model, sequence length or precision: they are not one sweep.</summary>
    public static readonly FindingDefinition SwpConfigIncomparable = new("SWP-CFG-003", Severity.Warning,
        "All configurations of a sweep should train the same model (parameters) at the same sequence length and precision.", SweepRule)
    {
        Message = "The configurations train different things (model_parameters, max_sequence_length, precision): {shapes}.",
    };

    /// <summary>tracked_stats.tokens_per_step differs from global_batch_size × max_sequence_length.</summary>
    public static readonly FindingDefinition SwpConfigTokens = new("SWP-CFG-004", Severity.Warning,
        "tokens_per_step should equal global_batch_size × max_sequence_length.", SweepRule)
    {
        Message = "tokens_per_step is {logged} but global_batch_size × max_sequence_length = {gbs} × {seq} = {product}; "
            + "the logged value is used.",
    };

    /// <summary>A step line of a NeMo, DLLogger or Megatron-LM log, or a TensorBoard record, could not be read.</summary>
    public static readonly FindingDefinition SwpLogFormatParse = new("SWP-LOG-002", Severity.Error,
        "Every step line of a NeMo 2, NeMo 1, DLLogger or Megatron-LM log, and every TensorBoard event record, must be readable in its format.",
        SweepRule)
    {
        Message = "the line is longer than {limit} bytes.",
    };

    /// <summary>SWP-LOG-002: the last step line has no line break.</summary>
    public static readonly FindingMessage SwpLogFormatParseCut =
        SwpLogFormatParse.Variant("the file ends in the middle of this step line (cut); it was not read.");

    /// <summary>SWP-LOG-002: a NeMo 2 line whose iteration is not n/total.</summary>
    public static readonly FindingMessage SwpLogFormatParseNemo2Iteration =
        SwpLogFormatParse.Variant("the iteration 'n/total' is not two whole numbers of at most 9 digits.");

    /// <summary>SWP-LOG-002: a Megatron-LM line whose iteration is not n/ total.</summary>
    public static readonly FindingMessage SwpLogFormatParseMegatronIteration =
        SwpLogFormatParse.Variant("the iteration 'n/ total' is not two whole numbers of at most 9 digits.");

    /// <summary>SWP-LOG-002: a named field whose value is not a number.</summary>
    public static readonly FindingMessage SwpLogFormatParseNotNumber = SwpLogFormatParse.Variant("{field} '{value}' is not a number.");

    /// <summary>SWP-LOG-002: a step line without its step-time field.</summary>
    public static readonly FindingMessage SwpLogFormatParseNoField = SwpLogFormatParse.Variant("the line has no '{field}' field.");

    /// <summary>SWP-LOG-002: a NeMo 1 progress-bar update cut before its closing bracket.</summary>
    public static readonly FindingMessage SwpLogFormatParseUpdateCut =
        SwpLogFormatParse.Variant("progress-bar update {update} on this line is cut before its closing ']'; it was not read.");

    /// <summary>SWP-LOG-002: a NeMo 1 progress-bar update cut where the file ends.</summary>
    public static readonly FindingMessage SwpLogFormatParseUpdateCutAtEnd =
        SwpLogFormatParse.Variant("progress-bar update {update} on this line is cut before its closing ']' (the file ends here); it was not read.");

    /// <summary>SWP-LOG-002: a NeMo 1 progress-bar update without a numeric global_step.</summary>
    public static readonly FindingMessage SwpLogFormatParseUpdateStep =
        SwpLogFormatParse.Variant("progress-bar update {update} has no numeric global_step.");

    /// <summary>SWP-LOG-002: a NeMo 1 progress-bar update whose field is not a number.</summary>
    public static readonly FindingMessage SwpLogFormatParseUpdateNotNumber =
        SwpLogFormatParse.Variant("progress-bar update {update}: {field} '{value}' is not a number.");

    /// <summary>SWP-LOG-002: a DLLogger record that is not a JSON object.</summary>
    public static readonly FindingMessage SwpLogFormatParseDlllNotObject = SwpLogFormatParse.Variant("the DLLL record is not a JSON object.");

    /// <summary>SWP-LOG-002: a DLLogger record whose step or step time is not a number.</summary>
    public static readonly FindingMessage SwpLogFormatParseDlllStep = SwpLogFormatParse.Variant(
        "the DLLL record's step is not a whole number or its 'train_step_timing in s' is not a number.");

    /// <summary>SWP-LOG-002: a DLLogger record whose loss is not a number.</summary>
    public static readonly FindingMessage SwpLogFormatParseDlllLoss = SwpLogFormatParse.Variant("reduced_train_loss is not a number.");

    /// <summary>SWP-LOG-002: a DLLogger record that is not JSON; the parser's sentence ends with a full stop.</summary>
    public static readonly FindingMessage SwpLogFormatParseDlllJson = SwpLogFormatParse.Variant("the DLLL record is not JSON: {error}");

    /// <summary>SWP-LOG-002: a TensorBoard record that is not a protobuf Event; the parser's sentence ends with a full stop.</summary>
    public static readonly FindingMessage SwpLogFormatParseEvent = SwpLogFormatParse.Variant("record {index} is not a protobuf Event: {error}");

    /// <summary>SWP-LOG-002: a TensorBoard step outside the int range.</summary>
    public static readonly FindingMessage SwpLogFormatParseEventStep =
        SwpLogFormatParse.Variant("record {index}: step {step} is outside 0..{max}.");

    /// <summary>SWP-LOG-002: how many more problems there were than are reported one by one.</summary>
    public static readonly FindingMessage SwpLogFormatParseMore = SwpLogFormatParse.Variant("{count} more lines could not be parsed.");

    /// <summary>One file holds the step lines of two formats; it is refused.</summary>
    public static readonly FindingDefinition SwpLogMixed = new("SWP-LOG-003", Severity.Error,
        "A sweep log must hold one format's step lines; a file that mixes formats (e.g. NeMo 2 and Megatron-LM) is refused, not guessed.",
        SweepRule)
    {
        Message = "The file mixes log formats: {formats}; it was not read.",
    };

    /// <summary>SWP-LOG-003: one format of the list, with the line of its first step line.</summary>
    public static readonly FindingMessage SwpLogMixedFormat = SwpLogMixed.Variant("{format} from line {line}");

    /// <summary>A TFRecord frame of a TensorBoard event file is cut or fails its masked CRC-32C.</summary>
    public static readonly FindingDefinition SwpLogRecordFraming = new("SWP-LOG-004", Severity.Error,
        "Every record of a TensorBoard event file must be whole and pass both masked CRC-32C checks (length and data).", SweepRule)
    {
        Message = "record {index} is cut inside its 12-byte header (the file ends after {got} bytes of it).",
    };

    /// <summary>SWP-LOG-004: the length's CRC fails.</summary>
    public static readonly FindingMessage SwpLogRecordFramingLengthCrc =
        SwpLogRecordFraming.Variant("record {index}: the CRC-32C of its length does not match; the file is corrupt from here.");

    /// <summary>SWP-LOG-004: a record over the record size limit (bytes).</summary>
    public static readonly FindingMessage SwpLogRecordFramingTooBig =
        SwpLogRecordFraming.Variant("record {index} says it is {length} bytes, over the {limit}-byte limit.");

    /// <summary>SWP-LOG-004: the file ends inside a record's data or CRC.</summary>
    public static readonly FindingMessage SwpLogRecordFramingCut =
        SwpLogRecordFraming.Variant("record {index} is cut: the file ends inside its {length} bytes of data or its CRC.");

    /// <summary>SWP-LOG-004: the data's CRC fails.</summary>
    public static readonly FindingMessage SwpLogRecordFramingDataCrc =
        SwpLogRecordFraming.Variant("record {index}: the CRC-32C of its data does not match; the record was not read.");

    /// <summary>SWP-LOG-004: how many more problems there were than are reported one by one.</summary>
    public static readonly FindingMessage SwpLogRecordFramingMore = SwpLogRecordFraming.Variant("{count} more lines could not be parsed.");

    /// <summary>The log and the sweep manifest give different values for a size, or TP × PP × CP × DP differs from the GPU count.</summary>
    public static readonly FindingDefinition SwpConfigConflict = new("SWP-CFG-005", Severity.Error,
        "The configuration a log prints and the sweep manifest must agree, and TP × PP × CP × DP must equal the GPU count.", SweepRule)
    {
        Message = "{log}: the log gives {name} {logged} ({source}) but the manifest says {listed}; the log's value is used.",
    };

    /// <summary>SWP-CFG-005 for the precision.</summary>
    public static readonly FindingMessage SwpConfigConflictPrecision =
        SwpConfigConflict.Variant("{log}: the log gives precision {logged} but the manifest says {listed}; the log's value is used.");

    /// <summary>SWP-CFG-005: the parallel sizes do not multiply to the GPU count.</summary>
    public static readonly FindingMessage SwpConfigConflictGpus =
        SwpConfigConflict.Variant("{log}: TP × PP × CP × DP = {tp} × {pp} × {cp} × {dp} = {product}, but the run used {gpus} GPUs.");

    // ---- Runs and step times ----------------------------------------------------------------

    /// <summary>The run stopped without success (out of memory, aborted); it is reported, not ranked.</summary>
    public static readonly FindingDefinition SwpRunAborted = new("SWP-RUN-001", Severity.Warning,
        "A configuration whose run_stop status is not 'success' is a result (e.g. out of memory) but is not ranked.", SweepRule)
    {
        Message = "{label} stopped with status '{status}' ({reason}); it is reported but not ranked.",
    };

    /// <summary>SWP-RUN-001 when the log gives no reason.</summary>
    public static readonly FindingMessage SwpRunAbortedNoReason =
        SwpRunAborted.Variant("{label} stopped with status '{status}'; it is reported but not ranked.");

    /// <summary>No measured (non-warm-up) step time was logged.</summary>
    public static readonly FindingDefinition SwpStepNone = new("SWP-STEP-001", Severity.Error,
        "A completed configuration must log train_step_time for at least one step not marked warm-up.", SweepRule)
    {
        Message = "{label} completed but logs no step time outside warm-up ({warmup} warm-up steps).",
    };

    /// <summary>SWP-STEP-001: a measured step time is not a positive finite number.</summary>
    public static readonly FindingMessage SwpStepNoneNotPositive =
        SwpStepNone.Variant("{label} logs a step time that is not a positive finite number of seconds.");

    /// <summary>Fewer measured steps than the minimum for trustworthy statistics.</summary>
    public static readonly FindingDefinition SwpStepFew = new("SWP-STEP-002", Severity.Warning,
        "A configuration should log at least the minimum number of measured steps (default 10) for its statistics to be trusted.", SweepRule)
    {
        Message = "{label} has {steps} measured steps, fewer than {minimum}.",
    };

    /// <summary>Measured step times vary more than the threshold (coefficient of variation).</summary>
    public static readonly FindingDefinition SwpStepUnstable = new("SWP-STEP-003", Severity.Warning,
        "Measured step times should vary little (coefficient of variation at most 5% by default); otherwise the mean hides jitter.", SweepRule)
    {
        Message = "{label}: measured step times vary by {variation:0.0}% (coefficient of variation, limit {limit:0.#}%): "
            + "{min:0.0000}–{max:0.0000} s around a mean of {mean:0.0000} s; the mean is {above:0}% above the fastest step, "
            + "so no single step stands for the step time.",
    };

    /// <summary>A step is logged twice with different values, or an interval line does not follow the previous one.</summary>
    public static readonly FindingDefinition SwpStepDuplicate = new("SWP-STEP-004", Severity.Error,
        "Each step (iteration) must be logged once; a step logged twice with different values, or an iteration going back, "
        + "makes the statistics ambiguous.", SweepRule)
    {
        Message = "{label}: step {step} is logged again (first on line {firstLine}, {first} s; again {again} s); "
            + "{count} repeated step(s) in all, only the first of each is used.",
    };

    /// <summary>SWP-STEP-004: a Megatron-LM iteration that does not follow the previous one.</summary>
    public static readonly FindingMessage SwpStepDuplicateInterval = SwpStepDuplicate.Variant(
        "iteration {iteration} does not follow iteration {previous}; the interval it averages over is unknown.");

    /// <summary>SWP-STEP-004: how many more problems there were than are reported one by one.</summary>
    public static readonly FindingMessage SwpStepDuplicateMore = SwpStepDuplicate.Variant("{count} more lines could not be parsed.");

    /// <summary>Step numbers skip: steps are missing from a per-step log.</summary>
    public static readonly FindingDefinition SwpStepMissing = new("SWP-STEP-005", Severity.Warning,
        "A per-step log should log every step; missing steps leave the statistics to the steps that were logged.", SweepRule)
    {
        Message = "{label}: {missing} step(s) are missing from the log (first gap: steps {from}–{to}); "
            + "the statistics use the {count} steps logged.",
    };

    // ---- Loss -------------------------------------------------------------------------------

    /// <summary>A loss value is NaN or infinite.</summary>
    public static readonly FindingDefinition SwpLossNonFinite = new("SWP-LOSS-001", Severity.Error,
        "Every logged train_loss must be a finite number.", SweepRule)
    {
        Message = "{label}: the training loss is {value} at step {step} ({count} non-finite values).",
    };

    /// <summary>The loss rises over the run beyond the divergence threshold.</summary>
    public static readonly FindingDefinition SwpLossDiverging = new("SWP-LOSS-002", Severity.Error,
        "The loss must not rise over the run by more than the divergence threshold (2% by default, last fifth against first fifth).", SweepRule)
    {
        Message = "{label}: the loss diverges: the mean of the last {k} values ({last:0.####}) is {change:0.#}% above the mean of the first {k} "
            + "({first:0.####}), over the {limit:0.#}% limit; its step times do not describe a configuration that trains.",
    };

    /// <summary>No train_loss was logged.</summary>
    public static readonly FindingDefinition SwpLossMissing = new("SWP-LOSS-003", Severity.Warning,
        "A sweep log should log train_loss so that a configuration that trains wrongly is noticed.", SweepRule)
    {
        Message = "{label} logs no training loss.",
    };

    // ---- Efficiency -------------------------------------------------------------------------

    /// <summary>Model FLOPs utilization could not be computed (no parameters, or no peak for the accelerator and precision).</summary>
    public static readonly FindingDefinition SwpMfuUnknown = new("SWP-MFU-001", Severity.Warning,
        "Model FLOPs utilization needs model_parameters and a dense peak for the accelerator and precision in the data table.", SweepRule)
    {
        Message = "{label}: model_parameters is given neither by the log nor by a sweep manifest, so model FLOPs utilization is not computed.",
    };

    /// <summary>SWP-MFU-001: no dense peak for the accelerator and precision.</summary>
    public static readonly FindingMessage SwpMfuUnknownPeak = SwpMfuUnknown.Variant(
        "{label}: no dense {precision} peak for '{accelerator}' in Rounds/training-metrics.json, so model FLOPs utilization is not computed.");

    /// <summary>The framework's own TFLOP/s per GPU (Megatron-LM) differs from the audit's beyond the tolerance.</summary>
    public static readonly FindingDefinition SwpMfuDisagree = new("SWP-MFU-002", Severity.Warning,
        "Megatron-LM's logged throughput per GPU (TFLOP/s/GPU) should agree with the audit's model FLOPs per GPU within the tolerance "
        + "(10% by default).", SweepRule)
    {
        Message = "{label}: the log's throughput per GPU averages {reported:0.0} TFLOP/s over the measured iterations, "
            + "but (6 × {parameters} + 12 × {layers} × {hidden} × {sequence}) FLOPs/token × {tokens:0.#} tokens/s per GPU "
            + "= {model:0.0} TFLOP/s: "
            + "{difference:+0.0;-0.0}%, beyond the {tolerance:0.#}% tolerance.",
    };

    /// <summary>SWP-MFU-002 when the layer count is unknown (no attention term).</summary>
    public static readonly FindingMessage SwpMfuDisagreeNoAttention = SwpMfuDisagree.Variant(
        "{label}: the log's throughput per GPU averages {reported:0.0} TFLOP/s over the measured iterations, "
        + "but (6 × {parameters}) FLOPs/token × {tokens:0.#} tokens/s per GPU = {model:0.0} TFLOP/s: "
        + "{difference:+0.0;-0.0}%, beyond the {tolerance:0.#}% tolerance.");

    // ---- Recommendation ---------------------------------------------------------------------

    /// <summary>The claimed optimal configuration is not the best by the claimed criterion.</summary>
    public static readonly FindingDefinition SwpRecRejected = new("SWP-REC-001", Severity.Error,
        "A configuration claimed optimal must be the best audited configuration by the claimed criterion (ties within the tolerance pass).",
        SweepRule)
    {
        Message = "The data does not support {label} as optimal by {criterion}: {comparison}.",
    };

    /// <summary>SWP-REC-001/003's comparison with the best alternative (values as <c>RecommendationCheck</c> formats them).</summary>
    public static readonly FindingMessage SwpRecRejectedComparison =
        SwpRecRejected.Variant("{alternative} at {altValue} {unit} is {gain}% {direction} than {label} at {value} {unit}");

    /// <summary>SWP-REC-001: the claimed configuration is not ranked and nothing is.</summary>
    public static readonly FindingMessage SwpRecRejectedUnranked =
        SwpRecRejected.Variant("The claimed configuration {label} cannot be optimal: it {why}.");

    /// <summary>SWP-REC-001: the claimed configuration is not ranked; the best one is named.</summary>
    public static readonly FindingMessage SwpRecRejectedUnrankedBest =
        SwpRecRejected.Variant("The claimed configuration {label} cannot be optimal: it {why}; the best is {best} at {value} {unit}.");

    /// <summary>SWP-REC-001's why: the run did not complete.</summary>
    public static readonly FindingMessage SwpRecRejectedNotCompleted = SwpRecRejected.Variant("did not complete (status {status})");

    /// <summary>SWP-REC-001's why: the result has error findings.</summary>
    public static readonly FindingMessage SwpRecRejectedErrors = SwpRecRejected.Variant("has error findings");

    /// <summary>SWP-REC-001's why: no value for the criterion.</summary>
    public static readonly FindingMessage SwpRecRejectedNoValue = SwpRecRejected.Variant("has no {unit} value");

    /// <summary>The claimed configuration is not in the sweep (or matches several configurations).</summary>
    public static readonly FindingDefinition SwpRecNotFound = new("SWP-REC-002", Severity.Error,
        "A configuration claimed optimal must match exactly one audited configuration.", SweepRule)
    {
        Message = "The claimed configuration {claim} is not in the sweep; the sweep has {labels}.",
    };

    /// <summary>SWP-REC-002: the claim matches several configurations.</summary>
    public static readonly FindingMessage SwpRecNotFoundAmbiguous =
        SwpRecNotFound.Variant("The claimed configuration {claim} matches {count} configurations ({labels}); name more sizes.");

    /// <summary>The claimed configuration is best, or within the tolerance of the best, by less than the tie tolerance.</summary>
    public static readonly FindingDefinition SwpRecTied = new("SWP-REC-003", Severity.Warning,
        "A claimed optimum that beats (or trails) another configuration by less than the tie tolerance (1% by default) is not clearly optimal.",
        SweepRule)
    {
        Message = "{label} is best by {criterion}, but within the {tolerance}% tie tolerance: {comparison}.",
    };

    /// <summary>SWP-REC-003 when the claimed configuration trails the best within the tolerance.</summary>
    public static readonly FindingMessage SwpRecTiedNotBest =
        SwpRecTied.Variant("{label} is not best by {criterion}, but within the {tolerance}% tie tolerance: {comparison}.");

    /// <summary>SWP-REC-003 when nothing else is ranked.</summary>
    public static readonly FindingMessage SwpRecTiedAlone = SwpRecTied.Variant(
        "{label} is the only ranked configuration, so the data neither supports nor contradicts that it is optimal by {criterion}.");
}
