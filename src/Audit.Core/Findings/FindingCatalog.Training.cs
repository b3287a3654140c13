namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>The message of a rule-set check that fails or cannot be evaluated (TRN-CMP-001 and the codes the rule data names).</summary>
    private const string RuleCheckFailed = "'{key}' = {value} {failure}: '{expression}' (rules {section}).";

    // ---- Result files (MLLOG parsing) --------------------------------------------------------

    /// <summary>A line with the :::MLLOG token could not be parsed.</summary>
    public static readonly FindingDefinition TrnLogParse = new("TRN-LOG-001", Severity.Error,
        "Every ':::MLLOG ' line must hold one JSON object with key, value, float-parsable time_ms and metadata.", OfficialRejects)
    {
        Message = "Line {line}: {reason}.",
    };

    /// <summary>TRN-LOG-001 for the parse problems beyond those reported one by one.</summary>
    public static readonly FindingMessage TrnLogParseMore =
        TrnLogParse.Variant("{count} more lines could not be parsed.");

    /// <summary>A result file holds no MLLOG record at all.</summary>
    public static readonly FindingDefinition TrnLogEmpty = new("TRN-LOG-002", Severity.Error,
        "A result file must contain MLLOG records.", OfficialRejects)
    {
        Message = "The file holds no :::MLLOG records.",
    };

    // ---- Compliance rules (per rule set, from Rounds/training-*.json) -------------------------

    /// <summary>A value constraint of the rule set failed (fixed hyperparameter, allowed value, required metadata).</summary>
    public static readonly FindingDefinition TrnCmpCheck = new("TRN-CMP-001", Severity.Error,
        "Every logged key must satisfy the rule set's constraint on its value and metadata.", OfficialRejects)
    {
        Message = RuleCheckFailed,
    };

    /// <summary>TRN-CMP-001: a PRE or POST statement of the rule set cannot run on the logged value.</summary>
    public static readonly FindingMessage TrnCmpCheckStatement =
        TrnCmpCheck.Variant("'{key}' = {value}: {phase} '{statement}' cannot run ({error}; rules {section}).");

    /// <summary>A required key is missing (exactly-one, at-least-one, at-least-n or one-of group).</summary>
    public static readonly FindingDefinition TrnCmpMissing = new("TRN-CMP-002", Severity.Error,
        "Every key the rule set requires must be logged the required number of times.", OfficialRejects)
    {
        Message = "'{key}' must occur exactly once but is not logged (rules {section}).",
    };

    /// <summary>TRN-CMP-002 for an at-least-one or at-least-n key logged too few times.</summary>
    public static readonly FindingMessage TrnCmpMissingAtLeast =
        TrnCmpMissing.Variant("'{key}' must occur at least {count} time(s) but occurs {seen} (rules {section}).");

    /// <summary>TRN-CMP-002 for a one-of group none of whose keys is logged.</summary>
    public static readonly FindingMessage TrnCmpMissingOneOf =
        TrnCmpMissing.Variant("At least one of {keys} must be logged.");

    /// <summary>An exactly-one key is logged more than once with different values.</summary>
    public static readonly FindingDefinition TrnCmpRepeatedDiffering = new("TRN-CMP-003", Severity.Error,
        "A key required exactly once must not be logged again with a different value.", OfficialRejects)
    {
        Message = "'{key}' must occur exactly once but occurs {count} times with different values: {values}.",
    };

    /// <summary>An exactly-one key is logged more than once with identical values (multi-rank logs).</summary>
    public static readonly FindingDefinition TrnCmpRepeatedSame = new("TRN-CMP-004", Severity.Warning,
        "A key required exactly once that is repeated with identical values is accepted (multi-rank logs).", OfficialLogsOnly)
    {
        Message = "'{key}' must occur exactly once but occurs {count} times, all with value {value}.",
    };

    /// <summary>No eval_accuracy line reaches the benchmark's target quality.</summary>
    public static readonly FindingDefinition TrnCmpTargetNotReached = new("TRN-CMP-005", Severity.Error,
        "At least one evaluation must reach the benchmark's target quality.", OfficialRejects)
    {
        Message = "No '{key}' line satisfies '{check}' (last logged value {value}; rules {section}).",
    };

    /// <summary>The rule data has no section for the logged division or benchmark.</summary>
    public static readonly FindingDefinition TrnCmpNoRules = new("TRN-CMP-006", Severity.Error,
        "The logged division and benchmark must be ones the rule set defines.", OfficialRejects)
    {
        Message = "Rule set {ruleSet} has no rules '{section}' for the logged division or benchmark.",
    };

    /// <summary>A hyperparameter is off the equation the rule set derives it from (e.g. LR scaled with batch size).</summary>
    public static readonly FindingDefinition TrnCmpEquation = new("TRN-CMP-007", Severity.Error,
        "Derived hyperparameters must equal the rule set's equation (learning rate from batch size, decay = total - warmup).", OfficialRejects)
    {
        Message = RuleCheckFailed,
    };

    /// <summary>Initialization took at least the allowed time (30 min closed, 240 min open).</summary>
    public static readonly FindingDefinition TrnCmpInitTime = new("TRN-CMP-008", Severity.Error,
        "init_stop must come less than 30 minutes (closed) or 240 minutes (open) after the first init_start.", OfficialRejects)
    {
        Message = RuleCheckFailed,
    };

    /// <summary>Events out of order (init after run start, run_stop before run_start, ...).</summary>
    public static readonly FindingDefinition TrnCmpOrder = new("TRN-CMP-009", Severity.Error,
        "init_start, init_stop, run_start, run_stop and blocks must come in this order.", OfficialRejects)
    {
        Message = RuleCheckFailed,
    };

    // ---- Runs and score ---------------------------------------------------------------------

    /// <summary>run_stop does not report success: the run counts as not converged for the RCP check.</summary>
    public static readonly FindingDefinition TrnRunNotSuccess = new("TRN-RUN-001", Severity.Warning,
        "A run whose run_stop status is not 'success' counts as not converged in the RCP check (its time still counts, as the summarizer "
            + "does).", OfficialLogsOnly)
    {
        Message = "run_stop status is '{status}'; the RCP check counts this run as not converged.",
    };

    /// <summary>One run failed compliance and was dropped as the slowest under olympic scoring.</summary>
    public static readonly FindingDefinition TrnRunDropped = new("TRN-RUN-002", Severity.Warning,
        "One non-compliant run is accepted: it is dropped and counts as the slowest in the olympic score.", OfficialLogsOnly)
    {
        Message = "{runs} failed compliance and is dropped as the slowest run (olympic scoring); see its run findings.",
    };

    /// <summary>More runs failed than olympic scoring allows: no score.</summary>
    public static readonly FindingDefinition TrnRunTooManyDropped = new("TRN-RUN-003", Severity.Error,
        "At most one run (four for unet3d) may fail; with more failures the result has no score.", OfficialRejects)
    {
        Message = "{dropped} of {runs} runs fail compliance; at most {limit} may.",
    };

    // ---- Package layout ---------------------------------------------------------------------

    /// <summary>Wrong number of result_*.txt files for the benchmark.</summary>
    public static readonly FindingDefinition TrnPkgRunCount = new("TRN-PKG-001", Severity.Error,
        "A result folder must hold exactly the number of result_*.txt files the benchmark requires (3, 5, 10 or 40).", OfficialRejects)
    {
        Message = "{count} result_*.txt files found; {benchmark} requires exactly {runs}.",
    };

    /// <summary>Files other than result_*.txt, scaling.json and package_checker_params in a result folder.</summary>
    public static readonly FindingDefinition TrnPkgStrayFile = new("TRN-PKG-002", Severity.Warning,
        "A result folder should hold only result_*.txt files (plus scaling.json and package_checker_params).", OfficialLogsOnly)
    {
        Message = "'{file}' is not a result_*.txt file.",
    };

    /// <summary>A benchmark folder the round does not list; it is skipped.</summary>
    public static readonly FindingDefinition TrnPkgUnknownBenchmark = new("TRN-PKG-003", Severity.Warning,
        "Benchmark folders the round does not list are skipped.", OfficialLogsOnly)
    {
        Message = "Benchmark folder '{benchmark}' is not a benchmark of rule set {ruleSet}; {folder} was skipped.",
    };

    /// <summary>The folder name and the logged submission_benchmark differ.</summary>
    public static readonly FindingDefinition TrnPkgBenchmarkMismatch = new("TRN-PKG-004", Severity.Warning,
        "The benchmark folder name should equal the logged submission_benchmark.", AuditStricter)
    {
        Message = "The folder is '{benchmark}' but the logs say submission_benchmark '{logged}'.",
    };

    // ---- System description -----------------------------------------------------------------

    /// <summary>No systems/&lt;system&gt;.json for a results/&lt;system&gt; folder.</summary>
    public static readonly FindingDefinition TrnSysMissing = new("TRN-SYS-001", Severity.Error,
        "Every results/<system> folder needs systems/<system>.json.", OfficialRejects)
    {
        Message = "No system description {path} for results of system '{system}'.",
    };

    /// <summary>A required system description field is absent.</summary>
    public static readonly FindingDefinition TrnSysFieldMissing = new("TRN-SYS-002", Severity.Error,
        "The system description must contain every field the training rules require.", OfficialRejects)
    {
        Message = "Missing field(s): {fields}.",
    };

    /// <summary>status is not one of the four allowed availability values.</summary>
    public static readonly FindingDefinition TrnSysStatus = new("TRN-SYS-003", Severity.Error,
        "status must be 'Available on-premise', 'Available cloud', 'Research, Development, or Internal (RDI)' or 'Preview'.", OfficialRejects)
    {
        Message = "status '{status}' is not one of: {allowed}.",
    };

    /// <summary>The system description is not a JSON object.</summary>
    public static readonly FindingDefinition TrnSysUnreadable = new("TRN-SYS-004", Severity.Error,
        "The system description must be a valid JSON object.", OfficialRejects)
    {
        Message = "The system description is not valid JSON ({error}).",
    };

    /// <summary>TRN-SYS-004: the system description is not UTF-8.</summary>
    public static readonly FindingMessage TrnSysNotUtf8 =
        TrnSysUnreadable.Variant("The system description is not valid UTF-8.");

    /// <summary>TRN-SYS-004: the system description is JSON but not an object.</summary>
    public static readonly FindingMessage TrnSysNotObject =
        TrnSysUnreadable.Variant("The system description is not a JSON object.");

    /// <summary>number_of_nodes × accelerators_per_node cannot be computed.</summary>
    public static readonly FindingDefinition TrnSysAcceleratorCount = new("TRN-SYS-005", Severity.Warning,
        "number_of_nodes and accelerators_per_node should be whole numbers so accelerator counts can be derived.", AuditStricter)
    {
        Message = "number_of_nodes '{nodes}' and accelerators_per_node '{perNode}' must be whole numbers.",
    };

    /// <summary>The logs' identity (submission_org, submission_division) differs from the system description.</summary>
    public static readonly FindingDefinition TrnSysIdentityMismatch = new("TRN-SYS-006", Severity.Warning,
        "submission_org and submission_division in the logs should match the system description (placeholders pass the official "
            + "checker).", AuditStricter)
    {
        Message = "The logs give submission_org '{logged}' but the system description says submitter '{submitter}'.",
    };

    /// <summary>TRN-SYS-006 for the division.</summary>
    public static readonly FindingMessage TrnSysDivisionMismatch =
        TrnSysIdentityMismatch.Variant("The logs give submission_division '{logged}' but the system description says '{division}'.");

    // ---- Seeds ------------------------------------------------------------------------------

    /// <summary>A closed-division run logs no integer seed.</summary>
    public static readonly FindingDefinition TrnSeedMissing = new("TRN-SEED-001", Severity.Error,
        "Every closed-division run must log at least one integer seed.", OfficialRejects)
    {
        Message = "The run logs no seed.",
    };

    /// <summary>TRN-SEED-001 when the log has parse errors.</summary>
    public static readonly FindingMessage TrnSeedUnreadable =
        TrnSeedMissing.Variant("Seeds cannot be read: the file has parse errors.");

    /// <summary>TRN-SEED-001 for a seed that is no integer or lacks its source metadata.</summary>
    public static readonly FindingMessage TrnSeedNotInteger =
        TrnSeedMissing.Variant("Seed {value} is not an integer or lacks metadata file/lineno.");

    /// <summary>Two runs log the same seed from the same source line.</summary>
    public static readonly FindingDefinition TrnSeedRepeated = new("TRN-SEED-002", Severity.Error,
        "A seed logged from one source line may appear in only one run.", OfficialRejects)
    {
        Message = "Seed {value} from {file}:{line} is also logged by {other}.",
    };

    /// <summary>A run logs more than one seed.</summary>
    public static readonly FindingDefinition TrnSeedSeveral = new("TRN-SEED-003", Severity.Warning,
        "A run should log one seed.", OfficialLogsOnly)
    {
        Message = "The run logs {count} seeds.",
    };

    // ---- Reference convergence points -------------------------------------------------------

    /// <summary>The runs converge faster than the RCP allows.</summary>
    public static readonly FindingDefinition TrnRcpTooFast = new("TRN-RCP-001", Severity.Error,
        "The runs' mean samples (or epochs) to converge must not be below the RCP's minimum acceptable mean.", OfficialRejects)
    {
        Message = "Mean samples to converge {mean:R} is below the minimum {threshold:R} allowed by the {interpolated}RCP "
            + "at batch size {batchSize:R} (RCP mean {rcpMean:R}, rule set {ruleSet}).",
    };

    /// <summary>No RCP for the batch size and none to interpolate or compare against.</summary>
    public static readonly FindingDefinition TrnRcpMissing = new("TRN-RCP-002", Severity.Error,
        "The batch size must have an RCP, lie between two RCPs, or converge slower than the smallest-batch RCP.", OfficialRejects)
    {
        Message = "No RCP at or above global batch size {batchSize:R} (largest RCP batch size {largest:R}).",
    };

    /// <summary>TRN-RCP-002: below every RCP, and faster than the smallest-batch RCP allows.</summary>
    public static readonly FindingMessage TrnRcpMissingBelowSmallest =
        TrnRcpMissing.Variant("Global batch size {batchSize:R} is below every RCP and the runs converge faster than the smallest-batch RCP allows "
        + "(mean {mean:R} < {threshold:R}).");

    /// <summary>The global batch size or benchmark could not be read, or differs across runs.</summary>
    public static readonly FindingDefinition TrnRcpBatchSize = new("TRN-RCP-003", Severity.Error,
        "All runs must log the same global_batch_size and submission_benchmark.", OfficialRejects)
    {
        Message = "The runs' global_batch_size could not be read or differs ({sizes}), or their submission_benchmark differs.",
    };

    /// <summary>More than one run did not converge.</summary>
    public static readonly FindingDefinition TrnRcpInsufficientConvergence = new("TRN-RCP-004", Severity.Error,
        "At most one run may fail to converge (run_stop status success).", OfficialRejects)
    {
        Message = "{count} runs did not converge (run_stop status success); at most {limit} may fail.",
    };

    /// <summary>The rule set has no RCP data for the benchmark.</summary>
    public static readonly FindingDefinition TrnRcpNoData = new("TRN-RCP-005", Severity.Error,
        "Closed-division benchmarks need RCP data for the rule set.", OfficialRejects)
    {
        Message = "Rule set {ruleSet} has no RCP data for benchmark '{benchmark}'.",
    };

    /// <summary>TRN-RCP-005: the RCP data has no point left after pruning.</summary>
    public static readonly FindingMessage TrnRcpNoPrunedData =
        TrnRcpNoData.Variant("Rule set {ruleSet} has no pruned RCP for benchmark '{benchmark}'.");

    /// <summary>The published scaling.json differs from the RCP normalization factor computed here.</summary>
    public static readonly FindingDefinition TrnRcpScalingMismatch = new("TRN-RCP-006", Severity.Warning,
        "A published scaling.json should hold the RCP normalization factor the rules give; the computed factor is used.", AuditStricter)
    {
        Message = "scaling.json holds {published} but the RCP check gives {computed}; the computed factor is used.",
    };

    // ---- Rule set ---------------------------------------------------------------------------

    /// <summary>The requested rule set is not one MLPerf Audit holds.</summary>
    public static readonly FindingDefinition TrnRoundUnsupported = new("TRN-RND-001", Severity.Error,
        "Training results can be judged only against rule sets 4.1.0, 5.0.0, 5.1.0 or 6.0.0.", AuditInput)
    {
        Retired = true,
    };

    /// <summary>The rule set was inferred, not given.</summary>
    public static readonly FindingDefinition TrnRoundInferred = new("TRN-RND-002", Severity.Warning,
        "The rule set was inferred from the bundle's paths or benchmarks; pass it explicitly to be sure.", AuditInput)
    {
        Message = "No rule set was given; {ruleSet} was inferred. Evidence: {evidence}.",
    };

    /// <summary>The evidence about the round disagrees (names, benchmark names, log dates); says which rule set judges what.</summary>
    public static readonly FindingDefinition TrnRoundEvidenceDisagrees = new("TRN-RND-003", Severity.Warning,
        "Names, benchmarks and log dates should point to one rule set; where they do not, "
        + "each result is judged by the rule set that holds its benchmark.",
        AuditInput)
    {
        Message = "The folder names give several rounds ({rounds}); "
            + "{count} result folders are judged by the round their path names, the rest by {ruleSet}.",
    };

    /// <summary>TRN-RND-003: a folder's benchmark is in another rule set, which judges it; its logs' dates.</summary>
    public static readonly FindingMessage TrnRoundBenchmarkElsewhere =
        TrnRoundEvidenceDisagrees.Variant("Benchmark '{benchmark}' is not a benchmark of rule set {lacking}; it exists in {holders}. "
        + "{folder} is judged by {ruleSet} (its logs are dated {first} to {last}).");

    /// <summary>TRN-RND-003: a folder's benchmark is in another rule set, which judges it; no dated log.</summary>
    public static readonly FindingMessage TrnRoundBenchmarkElsewhereUndated =
        TrnRoundEvidenceDisagrees.Variant("Benchmark '{benchmark}' is not a benchmark of rule set {lacking}; it exists in {holders}. {folder} is "
            + "judged by {ruleSet}.");

    /// <summary>TRN-RND-003: the names give one rule set, the benchmarks another.</summary>
    public static readonly FindingMessage TrnRoundNamesVersusBenchmarks =
        TrnRoundEvidenceDisagrees.Variant("The names say rule set {named} but the benchmarks ({benchmarks}) are all held only by {fitting}; "
            + "{ruleSet} is used for the bundle.");

    /// <summary>TRN-RND-003: logs dated after the named rule set's window.</summary>
    public static readonly FindingMessage TrnRoundLogsLaterThanNames =
        TrnRoundEvidenceDisagrees.Variant("Some logs are dated after rule set {ruleSet}'s submission window (the latest fits {dated}); {ruleSet} "
            + "is used because the names say so.");

    /// <summary>TRN-RND-003: logs dated after the window of the rule set the benchmarks give.</summary>
    public static readonly FindingMessage TrnRoundLogsLaterThanBenchmarks =
        TrnRoundEvidenceDisagrees.Variant("Some logs are dated after rule set {ruleSet}'s submission window (the latest fits {dated}); {ruleSet} "
            + "is used because the benchmarks do.");

    /// <summary>TRN-RND-003: no rule set holds every benchmark of the bundle.</summary>
    public static readonly FindingMessage TrnRoundNoSingleRuleSet =
        TrnRoundEvidenceDisagrees.Variant("No single rule set holds every benchmark of the bundle ({benchmarks}); results are judged by the rule "
            + "set that holds each.");
}
