namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Claims gate: an error blocks the claim, a warning lets it through with a note -------------

    /// <summary>Where a claims rule comes from: how MLPerf results may be quoted in public.</summary>
    internal const string ClaimsPolicy = "MLPerf Audit: claims gate (MLCommons results usage rules and common misquotes)";

    /// <summary>The stated value does not follow from the evidence under the stated rounding and qualifier, and flatters the result.</summary>
    public static readonly FindingDefinition ClmValueMismatch = new("CLM-VAL-001", Severity.Error,
        "The stated value must equal the value recomputed from the evidence, within the rounding of the stated number and its "
            + "qualifier.", ClaimsPolicy)
    {
        Message = "Stated {stated} but {what} is {value} {unit}.",
    };

    /// <summary>The stated value is more conservative than the evidence (lower throughput, longer time) beyond rounding.</summary>
    public static readonly FindingDefinition ClmValueConservative = new("CLM-VAL-002", Severity.Warning,
        "A stated value that understates the evidence beyond rounding is let through, but the sentence should carry the real number.", ClaimsPolicy)
    {
        Message = "Stated {stated} but {what} is {value} {unit}.",
    };

    /// <summary>CLM-VAL-002 for a per-accelerator figure below the evidence.</summary>
    public static readonly FindingMessage ClmValueConservativePerAccelerator =
        ClmValueConservative.Variant("Stated {stated} per accelerator, but {formula}.");

    /// <summary>The stated unit cannot be compared with the evidence's unit (tokens/s against samples/s, minutes against %).</summary>
    public static readonly FindingDefinition ClmUnitMismatch = new("CLM-UNIT-001", Severity.Error,
        "The stated unit must be the evidence's unit, or a time unit convertible to it.", ClaimsPolicy)
    {
        Message = "{label} is measured in {unit}, not a throughput; the claim states {claimUnit}.",
    };

    /// <summary>CLM-UNIT-001: a throughput in another unit than the claim's.</summary>
    public static readonly FindingMessage ClmUnitMismatchOtherThroughput =
        ClmUnitMismatch.Variant("{label} is measured in {unit}; the claim states {claimUnit}.");

    /// <summary>CLM-UNIT-001: a speedup in a unit that is not a ratio.</summary>
    public static readonly FindingMessage ClmUnitMismatchSpeedup =
        ClmUnitMismatch.Variant("A speedup is stated in x or %, not {unit}.");

    /// <summary>CLM-UNIT-001: a speedup between results in different units.</summary>
    public static readonly FindingMessage ClmUnitMismatchNotComparable =
        ClmUnitMismatch.Variant("{subject} is in {subjectUnit}, {baseline} in {baselineUnit}: not comparable.");

    /// <summary>CLM-UNIT-001: a rank stated in a unit other than rank.</summary>
    public static readonly FindingMessage ClmUnitMismatchRank =
        ClmUnitMismatch.Variant("A rank or record is stated with unit rank, not {unit}.");

    /// <summary>CLM-UNIT-001: a step time in a unit that is not a time.</summary>
    public static readonly FindingMessage ClmUnitMismatchStepTime =
        ClmUnitMismatch.Variant("A step time needs a time unit; the claim states {unit}.");

    /// <summary>CLM-UNIT-001: a scaling efficiency in a unit that is not a ratio.</summary>
    public static readonly FindingMessage ClmUnitMismatchScaling =
        ClmUnitMismatch.Variant("A scaling efficiency is stated in % or as a ratio, not {unit}.");

    /// <summary>CLM-UNIT-001: a time to train without a time unit or a training result.</summary>
    public static readonly FindingMessage ClmUnitMismatchTimeToTrain =
        ClmUnitMismatch.Variant("A time to train needs a time unit and a training result; the claim states {claimUnit}, {label} is in {unit}.");

    /// <summary>A single-system result multiplied by a number of systems is presented as a measured result.</summary>
    public static readonly FindingDefinition ClmExtrapolated = new("CLM-EXTRAP-001", Severity.Error,
        "A result measured on one system must not be multiplied by a number of systems and presented as a measured result of the larger "
            + "system.", ClaimsPolicy)
    {
        Message = "Stated {stated} is {times} x the measured {measured} {unit} of {label} ({accelerators}): "
            + "one system multiplied, presented as measured.",
    };

    /// <summary>CLM-EXTRAP-001: an aggregate of several systems presented as a measured result.</summary>
    public static readonly FindingMessage ClmExtrapolatedAggregate =
        ClmExtrapolated.Variant("An aggregate of {n} systems is not a measured MLPerf result: {value} {unit} was measured on one system "
        + "({label}, {accelerators}); {n} x that is a projection and must be labelled so.");

    /// <summary>CLM-EXTRAP-001: a projection the sentence does not label as one.</summary>
    public static readonly FindingMessage ClmExtrapolatedUnlabelled =
        ClmExtrapolated.Variant("The figure is {factor} x one system's result, but the sentence does not say 'projected' or 'estimated'.");

    /// <summary>A projected (multiplied) figure, labelled as such: let through with a note.</summary>
    public static readonly FindingDefinition ClmProjected = new("CLM-EXTRAP-002", Severity.Warning,
        "A projection from a measured result must say so in the sentence ('projected', 'estimated'); it is not an MLPerf result.", ClaimsPolicy)
    {
        Message = "Projected from one measured system ({label}) x {factor}; not an MLPerf result.",
    };

    /// <summary>The claim states more accelerators than the evidence system has (e.g. 'on one NVL72 rack' from a 4-GPU result).</summary>
    public static readonly FindingDefinition ClmAcceleratorCount = new("CLM-EXTRAP-003", Severity.Error,
        "The accelerator count a claim states must be the evidence system's accelerator count (nodes x accelerators per node).", ClaimsPolicy)
    {
        Message = "The claim speaks of {stated} accelerators; {label} was measured on {measured}.",
    };

    /// <summary>CLM-EXTRAP-003 for an aggregate or projection: N x the evidence's accelerators.</summary>
    public static readonly FindingMessage ClmAcceleratorCountOfSystems =
        ClmAcceleratorCount.Variant("The claim speaks of {stated} accelerators over {n} systems; {n} x {label} ({one} accelerators) is {total}.");

    /// <summary>A per-accelerator figure does not follow from the total divided by the accelerator count.</summary>
    public static readonly FindingDefinition ClmPerAccelerator = new("CLM-PERACC-001", Severity.Error,
        "A per-accelerator figure must equal the result divided by the system's total accelerator count.", ClaimsPolicy)
    {
        Message = "Stated {stated} per accelerator, but {formula}.",
    };

    /// <summary>CLM-PERACC-001: the claim states another accelerator count than the evidence system's.</summary>
    public static readonly FindingMessage ClmPerAcceleratorOtherSystem =
        ClmPerAccelerator.Variant("The claim speaks of {stated} accelerators, but {label} was measured on {measured}; "
        + "a per-accelerator figure of one system does not describe a {stated}-accelerator system.");

    /// <summary>The sentence quotes an Offline number without naming the scenario, and the Server number is much lower.</summary>
    public static readonly FindingDefinition ClmScenarioUnstated = new("CLM-SCN-001", Severity.Error,
        "An Offline throughput must be quoted as Offline when the same system's Server (or Interactive) result is more than 10% lower.", ClaimsPolicy)
    {
        Message = "The sentence names no scenario; {value} {unit} is {scenario}, "
            + "and the same system's {lowerScenario} result is {lowerValue} {unit} ({gap:P0} lower).",
    };

    /// <summary>The sentence names no scenario; the other scenarios are close, so the claim passes with a note.</summary>
    public static readonly FindingDefinition ClmScenarioUnstatedClose = new("CLM-SCN-002", Severity.Warning,
        "A throughput should name its scenario; the other scenarios of the same system are within 10%, so this is a note.", ClaimsPolicy)
    {
        Message = "The sentence names no scenario; the number is {scenario}, the {lowerScenario} result is within {gap:P0}.",
    };

    /// <summary>CLM-SCN-002 when the system has no other scenario with a lower result.</summary>
    public static readonly FindingMessage ClmScenarioUnstatedAlone =
        ClmScenarioUnstatedClose.Variant("The sentence names no scenario; the number is {scenario}.");

    /// <summary>The scenario the sentence names is not the evidence's scenario.</summary>
    public static readonly FindingDefinition ClmScenarioMismatch = new("CLM-SCN-003", Severity.Error,
        "The scenario a claim names must be the scenario of its evidence.", ClaimsPolicy)
    {
        Message = "The sentence names {named}, the evidence {label} is {scenario}.",
    };

    /// <summary>A 'record' or rank that the published table does not support.</summary>
    public static readonly FindingDefinition ClmNotRecord = new("CLM-REC-001", Severity.Error,
        "A claimed rank ('record', 'fastest', '#1') must hold among the published results of the same round, benchmark and scenario.", ClaimsPolicy)
    {
        Message = "Stated rank {stated}, but {better} published result(s) are better; "
            + "best: {id} {submitter} {platform} {value} {unit}{per}.",
    };

    /// <summary>A time to train taken from one run instead of the official (olympic, RCP-scaled) score.</summary>
    public static readonly FindingDefinition ClmSingleRun = new("CLM-TTT-001", Severity.Error,
        "A time to train must be the official score (olympic mean of the runs x RCP scaling factor), not one run's time.", ClaimsPolicy)
    {
        Message = "Stated {stated} is one run ({file}: {run} {unit}), not the official score {score} {unit}.",
    };

    /// <summary>A step time that is one (fastest or early) step rather than the mean over the measured steps.</summary>
    public static readonly FindingDefinition ClmSingleStep = new("CLM-STEP-001", Severity.Error,
        "A step time must be the mean over the measured steps, not a single (fastest or early) step.", ClaimsPolicy)
    {
        Message = "Stated {stated} is {which} ({seconds} s lies within the range of single steps {min}-{max} s), "
            + "not the mean {mean} s over {steps} steps.",
    };

    /// <summary>A step time quoted as the median rather than the mean: close, let through with a note.</summary>
    public static readonly FindingDefinition ClmMedianStep = new("CLM-STEP-002", Severity.Warning,
        "A step time should be the mean over the measured steps; the median is noted.", ClaimsPolicy)
    {
        Message = "Stated {stated} is the median step ({median} s), the mean is {mean} s.",
    };

    /// <summary>A scaling efficiency (or speedup) whose formula is inverted: the stated value is the reciprocal of the recomputed one.</summary>
    public static readonly FindingDefinition ClmScalingInverted = new("CLM-SCALE-001", Severity.Error,
        "A scaling efficiency is T_small / T_large (weak) or (N_small x T_small) / (N_large x T_large) (strong); the stated value must not be its "
            + "reciprocal.", ClaimsPolicy)
    {
        Message = "Stated {stated} is the reciprocal of the efficiency: {formula}.",
    };

    /// <summary>CLM-SCALE-001 for a speedup stated as its reciprocal.</summary>
    public static readonly FindingMessage ClmScalingInvertedSpeedup =
        ClmScalingInverted.Variant("Stated {stated} is the reciprocal of the speedup: {formula}.");

    /// <summary>A scaling efficiency between runs whose batch sizes make the comparison meaningless.</summary>
    public static readonly FindingDefinition ClmScalingRefused = new("CLM-SCALE-002", Severity.Error,
        "A scaling efficiency needs two results of the same benchmark with the same per-accelerator batch (weak) or global batch "
            + "(strong).", ClaimsPolicy)
    {
        Message = "No {scaling} scaling efficiency follows from {baseline} and {subject}: {formula}.",
    };

    /// <summary>A cited MLPerf result ID, or the benchmark and scenario under it, is not in the published tables.</summary>
    public static readonly FindingDefinition ClmNotPublished = new("CLM-PUB-001", Severity.Error,
        "A cited MLPerf result (ID, benchmark and scenario) must exist in the published results table of its round.", ClaimsPolicy)
    {
        Message = "Result ID {id} is in no published table loaded ({tables}).",
    };

    /// <summary>CLM-PUB-001: the result ID is published, but not for the benchmark and scenario cited.</summary>
    public static readonly FindingMessage ClmNotPublishedRow =
        ClmNotPublished.Variant("Result ID {id} has no published row for {benchmark}{scenario} (its rows: {rows}).");

    /// <summary>CLM-PUB-001 for a rank: no published results of the evidence's round, benchmark and scenario.</summary>
    public static readonly FindingMessage ClmNotPublishedRank =
        ClmNotPublished.Variant("No published {round} {division} results of {benchmark} {scenario} are loaded ({tables}), so no rank can be "
            + "checked.");

    /// <summary>The audited value of a cited published result differs from the published table.</summary>
    public static readonly FindingDefinition ClmPublishedDiffers = new("CLM-PUB-002", Severity.Error,
        "A result quoted as published must have the same value in the published table as in the audited logs.", ClaimsPolicy)
    {
        Message = "{label}: the audited logs give {value} {unit}, the published table {published} {publishedUnit}.",
    };

    /// <summary>The published number was inferred from another scenario, not measured.</summary>
    public static readonly FindingDefinition ClmPublishedInferred = new("CLM-PUB-003", Severity.Warning,
        "A published number marked inferred (derived from another scenario's run) is not a measurement of its own; say so.", ClaimsPolicy)
    {
        Message = "{label}: the published {value} {unit} is marked inferred from another scenario's run.",
    };

    /// <summary>An evidence reference matches no audited result and no published row.</summary>
    public static readonly FindingDefinition ClmEvidenceMissing = new("CLM-EVD-001", Severity.Error,
        "Every evidence reference must resolve to an audited result or a published row.", ClaimsPolicy)
    {
        Message = "{reference} matches no audited result ({inputs} evidence input(s)) and no published row ({tables}).",
    };

    /// <summary>The audited evidence is invalid.</summary>
    public static readonly FindingDefinition ClmEvidenceInvalid = new("CLM-EVD-002", Severity.Error,
        "Evidence must have audited as valid.", ClaimsPolicy)
    {
        Message = "The evidence {id} in {source} audited as invalid{first}.",
    };

    /// <summary>An evidence reference matches more than one result.</summary>
    public static readonly FindingDefinition ClmEvidenceAmbiguous = new("CLM-EVD-003", Severity.Error,
        "An evidence reference must match exactly one result; add submitter, system, round or result ID.", ClaimsPolicy)
    {
        Message = "{ambiguity}: {candidates}{more}. Add scenario, submitter, system, round or result ID to say which.",
    };

    /// <summary>The evidence cannot give the quantity the claim states (no step times, no score, no accelerator count).</summary>
    public static readonly FindingDefinition ClmEvidenceLacks = new("CLM-EVD-004", Severity.Error,
        "The evidence must carry what the claimed quantity is computed from (headline metric, accelerator count, score, step times, batch "
            + "size).", ClaimsPolicy)
    {
        Message = "The evidence {id} has no headline metric.",
    };

    /// <summary>CLM-EVD-004 for a per-accelerator figure: no accelerator count.</summary>
    public static readonly FindingMessage ClmEvidenceLacksAccelerators =
        ClmEvidenceLacks.Variant("{label} has no accelerator count, so no per-accelerator figure follows from it.");

    /// <summary>CLM-EVD-004 for a per-accelerator rank: no accelerator count.</summary>
    public static readonly FindingMessage ClmEvidenceLacksRankAccelerators =
        ClmEvidenceLacks.Variant("{label} has no accelerator count to rank per accelerator.");

    /// <summary>CLM-EVD-004 for a step time: no per-step times.</summary>
    public static readonly FindingMessage ClmEvidenceLacksStepTimes =
        ClmEvidenceLacks.Variant("{label} carries no per-step times.");

    /// <summary>CLM-EVD-004 for a scaling efficiency: an input the formula needs is missing.</summary>
    public static readonly FindingMessage ClmEvidenceLacksScalingInputs =
        ClmEvidenceLacks.Variant("{label} lacks what {scaling} scaling needs (training result with accelerators, global batch size and {needs}).");

    /// <summary>CLM-EVD-004 when no scaling efficiency follows from the two results.</summary>
    public static readonly FindingMessage ClmEvidenceLacksScaling =
        ClmEvidenceLacks.Variant("No {scaling} scaling efficiency follows from {baseline} and {subject}: {formula}.");
    /// <summary>The evidence is another submitter's result than the claimant's, and the claim does not say it cites a third party.</summary>
    public static readonly FindingDefinition ClmOtherSubmitter = new("CLM-PARTY-001", Severity.Error,
        "A claim made by one organization must rest on its own results, unless it says it cites a third party's result (citesThirdParty).",
        ClaimsPolicy)
    {
        Message = "The claim is about {ours}, but its evidence {label} is {theirs}: a result of {submitter}, not of {claimant}. "
            + "Cite it as a third party's result (citesThirdParty) or use the claimant's own result.",
    };

    /// <summary>The evidence is the claimant's, but from another system or product than the one the claim is about.</summary>
    public static readonly FindingDefinition ClmOtherSystem = new("CLM-PARTY-002", Severity.Error,
        "A claim about one system or product must rest on that system's results, unless it says it cites another system's result.",
        ClaimsPolicy)
    {
        Message = "The claim is about {ours}, but its evidence {label} is {theirs}, another system than {system}. "
            + "Cite it as another system's result (citesThirdParty) or use that system's own result.",
    };

    /// <summary>The claim cites another submitter's or system's result and says so: let through with a note naming both.</summary>
    public static readonly FindingDefinition ClmThirdPartyCited = new("CLM-PARTY-003", Severity.Warning,
        "A claim citing a third party's result must name it as such; the note records whose result it is.", ClaimsPolicy)
    {
        Message = "Cited as a third party's result: the claim is about {ours}, its evidence {label} is {theirs}.",
    };

    /// <summary>The claim states a number of systems (nodes, VMs) other than the evidence system has.</summary>
    public static readonly FindingDefinition ClmSystemCount = new("CLM-EXTRAP-004", Severity.Error,
        "The number of systems (nodes, VMs) a claim states must be the evidence system's number of nodes.", ClaimsPolicy)
    {
        Message = "The claim speaks of {stated} systems (nodes); {label} ran on {nodes}.",
    };
}
