namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Claims gate: an error blocks the claim, a warning lets it through with a note -------------

    /// <summary>Where a claims rule comes from: how MLPerf results may be quoted in public.</summary>
    internal const string ClaimsPolicy = "MLPerf Audit: claims gate (MLCommons results usage rules and common misquotes)";

    /// <summary>The stated value does not follow from the evidence under the stated rounding and qualifier, and flatters the result.</summary>
    public static readonly FindingDefinition ClmValueMismatch = new("CLM-VAL-001", Severity.Error,
        "The stated value must equal the value recomputed from the evidence, within the rounding of the stated number and its qualifier.", ClaimsPolicy);

    /// <summary>The stated value is more conservative than the evidence (lower throughput, longer time) beyond rounding.</summary>
    public static readonly FindingDefinition ClmValueConservative = new("CLM-VAL-002", Severity.Warning,
        "A stated value that understates the evidence beyond rounding is let through, but the sentence should carry the real number.", ClaimsPolicy);

    /// <summary>The stated unit cannot be compared with the evidence's unit (tokens/s against samples/s, minutes against %).</summary>
    public static readonly FindingDefinition ClmUnitMismatch = new("CLM-UNIT-001", Severity.Error,
        "The stated unit must be the evidence's unit, or a time unit convertible to it.", ClaimsPolicy);

    /// <summary>A single-system result multiplied by a number of systems is presented as a measured result.</summary>
    public static readonly FindingDefinition ClmExtrapolated = new("CLM-EXTRAP-001", Severity.Error,
        "A result measured on one system must not be multiplied by a number of systems and presented as a measured result of the larger system.", ClaimsPolicy);

    /// <summary>A projected (multiplied) figure, labelled as such: let through with a note.</summary>
    public static readonly FindingDefinition ClmProjected = new("CLM-EXTRAP-002", Severity.Warning,
        "A projection from a measured result must say so in the sentence ('projected', 'estimated'); it is not an MLPerf result.", ClaimsPolicy);

    /// <summary>The claim states more accelerators than the evidence system has (e.g. 'on one NVL72 rack' from a 4-GPU result).</summary>
    public static readonly FindingDefinition ClmAcceleratorCount = new("CLM-EXTRAP-003", Severity.Error,
        "The accelerator count a claim states must be the evidence system's accelerator count (nodes x accelerators per node).", ClaimsPolicy);

    /// <summary>A per-accelerator figure does not follow from the total divided by the accelerator count.</summary>
    public static readonly FindingDefinition ClmPerAccelerator = new("CLM-PERACC-001", Severity.Error,
        "A per-accelerator figure must equal the result divided by the system's total accelerator count.", ClaimsPolicy);

    /// <summary>The sentence quotes an Offline number without naming the scenario, and the Server number is much lower.</summary>
    public static readonly FindingDefinition ClmScenarioUnstated = new("CLM-SCN-001", Severity.Error,
        "An Offline throughput must be quoted as Offline when the same system's Server (or Interactive) result is more than 10% lower.", ClaimsPolicy);

    /// <summary>The sentence names no scenario; the other scenarios are close, so the claim passes with a note.</summary>
    public static readonly FindingDefinition ClmScenarioUnstatedClose = new("CLM-SCN-002", Severity.Warning,
        "A throughput should name its scenario; the other scenarios of the same system are within 10%, so this is a note.", ClaimsPolicy);

    /// <summary>The scenario the sentence names is not the evidence's scenario.</summary>
    public static readonly FindingDefinition ClmScenarioMismatch = new("CLM-SCN-003", Severity.Error,
        "The scenario a claim names must be the scenario of its evidence.", ClaimsPolicy);

    /// <summary>A 'record' or rank that the published table does not support.</summary>
    public static readonly FindingDefinition ClmNotRecord = new("CLM-REC-001", Severity.Error,
        "A claimed rank ('record', 'fastest', '#1') must hold among the published results of the same round, benchmark and scenario.", ClaimsPolicy);

    /// <summary>A time to train taken from one run instead of the official (olympic, RCP-scaled) score.</summary>
    public static readonly FindingDefinition ClmSingleRun = new("CLM-TTT-001", Severity.Error,
        "A time to train must be the official score (olympic mean of the runs x RCP scaling factor), not one run's time.", ClaimsPolicy);

    /// <summary>A step time that is one (fastest or early) step rather than the mean over the measured steps.</summary>
    public static readonly FindingDefinition ClmSingleStep = new("CLM-STEP-001", Severity.Error,
        "A step time must be the mean over the measured steps, not a single (fastest or early) step.", ClaimsPolicy);

    /// <summary>A step time quoted as the median rather than the mean: close, let through with a note.</summary>
    public static readonly FindingDefinition ClmMedianStep = new("CLM-STEP-002", Severity.Warning,
        "A step time should be the mean over the measured steps; the median is noted.", ClaimsPolicy);

    /// <summary>A scaling efficiency (or speedup) whose formula is inverted: the stated value is the reciprocal of the recomputed one.</summary>
    public static readonly FindingDefinition ClmScalingInverted = new("CLM-SCALE-001", Severity.Error,
        "A scaling efficiency is T_small / T_large (weak) or (N_small x T_small) / (N_large x T_large) (strong); the stated value must not be its reciprocal.", ClaimsPolicy);

    /// <summary>A scaling efficiency between runs whose batch sizes make the comparison meaningless.</summary>
    public static readonly FindingDefinition ClmScalingRefused = new("CLM-SCALE-002", Severity.Error,
        "A scaling efficiency needs two results of the same benchmark with the same per-accelerator batch (weak) or global batch (strong).", ClaimsPolicy);

    /// <summary>A cited MLPerf result ID, or the benchmark and scenario under it, is not in the published tables.</summary>
    public static readonly FindingDefinition ClmNotPublished = new("CLM-PUB-001", Severity.Error,
        "A cited MLPerf result (ID, benchmark and scenario) must exist in the published results table of its round.", ClaimsPolicy);

    /// <summary>The audited value of a cited published result differs from the published table.</summary>
    public static readonly FindingDefinition ClmPublishedDiffers = new("CLM-PUB-002", Severity.Error,
        "A result quoted as published must have the same value in the published table as in the audited logs.", ClaimsPolicy);

    /// <summary>The published number was inferred from another scenario, not measured.</summary>
    public static readonly FindingDefinition ClmPublishedInferred = new("CLM-PUB-003", Severity.Warning,
        "A published number marked inferred (derived from another scenario's run) is not a measurement of its own; say so.", ClaimsPolicy);

    /// <summary>An evidence reference matches no audited result and no published row.</summary>
    public static readonly FindingDefinition ClmEvidenceMissing = new("CLM-EVD-001", Severity.Error,
        "Every evidence reference must resolve to an audited result or a published row.", ClaimsPolicy);

    /// <summary>The audited evidence is invalid.</summary>
    public static readonly FindingDefinition ClmEvidenceInvalid = new("CLM-EVD-002", Severity.Error,
        "Evidence must have audited as valid.", ClaimsPolicy);

    /// <summary>An evidence reference matches more than one result.</summary>
    public static readonly FindingDefinition ClmEvidenceAmbiguous = new("CLM-EVD-003", Severity.Error,
        "An evidence reference must match exactly one result; add submitter, system, round or result ID.", ClaimsPolicy);

    /// <summary>The evidence cannot give the quantity the claim states (no step times, no score, no accelerator count).</summary>
    public static readonly FindingDefinition ClmEvidenceLacks = new("CLM-EVD-004", Severity.Error,
        "The evidence must carry what the claimed quantity is computed from (headline metric, accelerator count, score, step times, batch size).", ClaimsPolicy);
    /// <summary>The evidence is another submitter's result than the claimant's, and the claim does not say it cites a third party.</summary>
    public static readonly FindingDefinition ClmOtherSubmitter = new("CLM-PARTY-001", Severity.Error,
        "A claim made by one organization must rest on its own results, unless it says it cites a third party's result (citesThirdParty).",
        ClaimsPolicy);

    /// <summary>The evidence is the claimant's, but from another system or product than the one the claim is about.</summary>
    public static readonly FindingDefinition ClmOtherSystem = new("CLM-PARTY-002", Severity.Error,
        "A claim about one system or product must rest on that system's results, unless it says it cites another system's result.",
        ClaimsPolicy);

    /// <summary>The claim cites another submitter's or system's result and says so: let through with a note naming both.</summary>
    public static readonly FindingDefinition ClmThirdPartyCited = new("CLM-PARTY-003", Severity.Warning,
        "A claim citing a third party's result must name it as such; the note records whose result it is.", ClaimsPolicy);

    /// <summary>The claim states a number of systems (nodes, VMs) other than the evidence system has.</summary>
    public static readonly FindingDefinition ClmSystemCount = new("CLM-EXTRAP-004", Severity.Error,
        "The number of systems (nodes, VMs) a claim states must be the evidence system's number of nodes.", ClaimsPolicy);
}
