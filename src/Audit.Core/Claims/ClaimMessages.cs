using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Claims;

/// <summary>The text of every finding the gate writes; call sites pass values. Numbers go through <see cref="ClaimGate.Fmt"/>.</summary>
internal static class ClaimMessages
{
    private static string F(double v) => ClaimGate.Fmt(v);

    // ---- Evidence resolution -------------------------------------------------------------------------

    public static string IdNotPublished(string resultId, string tables) => $"Result ID {resultId} is in no published table loaded ({tables}).";

    public static string AmbiguousAudited(string what, int count) => $"{what} matches {count} audited results";

    public static string AmbiguousPublished(string what, int count) => $"{what} matches {count} published rows";

    /// <summary>The ambiguity with each candidate: its value and whether it would support the claim.</summary>
    public static string Ambiguous(string ambiguity, IReadOnlyList<string> candidates, int count)
        => $"{ambiguity}: {string.Join("; ", candidates)}{(count > candidates.Count ? $"; and {count - candidates.Count} more" : string.Empty)}. "
            + "Add scenario, submitter, system, round or result ID to say which.";

    /// <summary>One candidate: "ND_GB200_v6 llama2-70b-99 Offline [file:line] gives 52061.6 tokens/s: would support the claim".</summary>
    public static string Candidate(EvidencePoint p, double? value, string unit, IReadOnlyList<string> blocking)
    {
        var at = p.File is null ? string.Empty : $" [{p.File}{(p.Line is null ? string.Empty : ":" + p.Line)}]";
        var gives = value is { } v ? $"gives {F(v)} {unit}" : $"has {F(p.Value)} {p.Unit}";
        var verdict = blocking.Count == 0 ? "would support the claim" : $"would not support it ({string.Join(", ", blocking)})";
        return $"{p.Label}{at} {gives}: {verdict}";
    }

    public static string NoPublishedRow(string resultId, string benchmark, string? scenario, IReadOnlyList<string> rows)
        => $"Result ID {resultId} has no published row for {benchmark}{(scenario is null ? string.Empty : " " + scenario)} "
            + $"(its rows: {string.Join(", ", rows)}).";

    public static string EvidenceInvalid(string resultId, string source, Finding? first)
        => $"The evidence {resultId} in {source} audited as invalid{(first is null ? string.Empty : $" ({first.Code}: {first.Message})")}.";

    public static string NoHeadlineMetric(string resultId) => $"The evidence {resultId} has no headline metric.";

    public static string PublishedDiffers(EvidencePoint point, PublishedResult row)
        => $"{point.Label}: the audited logs give {F(point.Value)} {point.Unit}, the published table {F(row.Value)} {row.Unit}.";

    public static string EvidenceMissing(string what, int inputs, string tables)
        => $"{what} matches no audited result ({inputs} evidence input(s)) and no published row ({tables}).";

    public static string PublishedInferred(string label, double value, string unit)
        => $"{label}: the published {F(value)} {unit} is marked inferred from another scenario's run.";

    public static string PublishedUnit(PublishedResult row, string expected)
        => $"Published {row.Id} {row.Benchmark} {row.Scenario} gives {F(row.Value)} {row.Unit}, "
            + $"but the v{row.Round} metric of {row.Benchmark} {row.Scenario} is in {expected}; the gate reads the number in {expected}.";

    // ---- Shared checks -------------------------------------------------------------------------------

    public static string ValueDiffers(string stated, string what, double recomputed, string unit)
        => $"Stated {stated} but {what} is {F(recomputed)} {unit}.";

    public static string AcceleratorCount(int stated, string label, int measured)
        => $"The claim speaks of {stated} accelerators; {label} was measured on {measured}.";

    public static string NotAThroughput(string label, string unit, string claimUnit)
        => $"{label} is measured in {unit}, not a throughput; the claim states {claimUnit}.";

    public static string OtherThroughputUnit(string label, string unit, string claimUnit)
        => $"{label} is measured in {unit}; the claim states {claimUnit}.";

    public static string ScenarioMismatch(string named, string label, string scenario)
        => $"The sentence names {named}, the evidence {label} is {scenario}.";

    public static string ScenarioUnstated(double value, string unit, string scenario, string lowerScenario, double lowerValue)
        => $"The sentence names no scenario; {F(value)} {unit} is {scenario}, and the same system's {lowerScenario} result is {F(lowerValue)} {unit} "
            + $"({(value - lowerValue) / value:P0} lower).";

    public static string ScenarioUnstatedClose(string scenario, string? lowerScenario)
        => $"The sentence names no scenario; the number is {scenario}"
            + (lowerScenario is null ? "." : $", the {lowerScenario} result is within {GateRules.ScenarioGap:P0}.");

    // ---- Throughput and per accelerator --------------------------------------------------------------

    public static string MultipliedAsMeasured(string stated, int times, double measured, EvidencePoint p)
        => $"Stated {stated} is {times} x the measured {F(measured)} {p.Unit} of {p.Label} ({p.AcceleratorText}): "
            + "one system multiplied, presented as measured.";

    public static string AggregateNotMeasured(int n, EvidencePoint p)
        => $"An aggregate of {n} systems is not a measured MLPerf result: {F(p.Value)} {p.Unit} was measured on one system "
            + $"({p.Label}, {p.AcceleratorText}); {n} x that is a projection and must be labelled so.";

    public static string ProjectionUnlabelled(int k)
        => $"The figure is {k} x one system's result, but the sentence does not say 'projected' or 'estimated'.";

    public static string Projected(string label, int k) => $"Projected from one measured system ({label}) x {k}; not an MLPerf result.";

    public static string NoAcceleratorCount(string label) => $"{label} has no accelerator count, so no per-accelerator figure follows from it.";

    public static string PerAcceleratorOtherSystem(int stated, string label, int measured)
        => $"The claim speaks of {stated} accelerators, but {label} was measured on {measured}; "
            + $"a per-accelerator figure of one system does not describe a {stated}-accelerator system.";

    public static string PerAcceleratorDiffers(string stated, string formula) => $"Stated {stated} per accelerator, but {formula}.";

    // ---- Training times ------------------------------------------------------------------------------

    public static string NotATimeToTrain(string claimUnit, string label, string unit)
        => $"A time to train needs a time unit and a training result; the claim states {claimUnit}, {label} is in {unit}.";

    public static string SingleRun(string stated, string file, double run, double score, string unit)
        => $"Stated {stated} is one run ({file}: {F(run)} {unit}), not the official score {F(score)} {unit}.";

    public static string NotAStepTimeUnit(string unit) => $"A step time needs a time unit; the claim states {unit}.";

    public static string MedianStep(string stated, double median, double mean)
        => $"Stated {stated} is the median step ({F(median)} s), the mean is {F(mean)} s.";

    public static string SingleStep(string stated, string which, double seconds, StepTimeStatistics st)
        => $"Stated {stated} is {which} ({F(seconds)} s lies within the range of single steps {F(st.MinSeconds)}-{F(st.MaxSeconds)} s), "
            + $"not the mean {F(st.MeanSeconds)} s over {st.Steps} steps.";

    public static string NoStepTimes(string label) => $"{label} carries no per-step times.";

    // ---- Ratios --------------------------------------------------------------------------------------

    public static string NotASpeedupUnit(string unit) => $"A speedup is stated in x or %, not {unit}.";

    public static string NotComparable(EvidencePoint subject, EvidencePoint baseline)
        => $"{subject.Label} is in {subject.Unit}, {baseline.Label} in {baseline.Unit}: not comparable.";

    public static string InvertedSpeedup(string stated, string formula) => $"Stated {stated} is the reciprocal of the speedup: {formula}.";

    public static string NotAScalingUnit(string unit) => $"A scaling efficiency is stated in % or as a ratio, not {unit}.";

    public static string ScalingLacks(string label, ScalingKind? scaling, bool weak)
        => $"{label} lacks what {scaling} scaling needs "
            + $"(training result with accelerators, global batch size and {(weak ? "step times" : "time to train")}).";

    public static string NoScaling(ScalingKind? scaling, string baseline, string subject, string formula)
        => $"No {scaling} scaling efficiency follows from {baseline} and {subject}: {formula}.";

    public static string InvertedEfficiency(string stated, string formula) => $"Stated {stated} is the reciprocal of the efficiency: {formula}.";

    // ---- Rank ----------------------------------------------------------------------------------------

    public static string NotARankUnit(string unit) => $"A rank or record is stated with unit rank, not {unit}.";

    public static string NoAcceleratorsToRank(string label) => $"{label} has no accelerator count to rank per accelerator.";

    public static string NothingToRankAgainst(EvidencePoint p, string tables)
        => $"No published {p.Round} {p.Division} results of {p.Benchmark} {p.Scenario} are loaded ({tables}), so no rank can be checked.";

    public static string NotRecord(int stated, int better, PublishedResult top, double key, string unit, string perText)
        => $"Stated rank {stated}, but {better} published result(s) are better; "
            + $"best: {top.Id ?? top.Platform} {top.Submitter} {top.Platform} {F(key)} {unit}{perText}.";

    // ---- Whose result, how many --------------------------------------------------------------------

    /// <summary>"Azure's ND GB300 v6", "Azure", or "ND GB300 v6".</summary>
    public static string Party(string? claimant, string? system)
        => claimant is not null && system is not null ? $"{claimant}'s {system}" : claimant ?? system ?? string.Empty;

    public static string OtherSubmitter(string ours, string claimant, string theirs, string submitter, string label)
        => $"The claim is about {ours}, but its evidence {label} is {theirs}: a result of {submitter}, not of {claimant}. "
            + "Cite it as a third party's result (citesThirdParty) or use the claimant's own result.";

    public static string OtherSystem(string ours, string system, string theirs, string label)
        => $"The claim is about {ours}, but its evidence {label} is {theirs}, another system than {system}. "
            + "Cite it as another system's result (citesThirdParty) or use that system's own result.";

    public static string ThirdPartyCited(string ours, string theirs, string label)
        => $"Cited as a third party's result: the claim is about {ours}, its evidence {label} is {theirs}.";

    public static string AcceleratorCountOfN(int stated, int n, string label, int one)
        => $"The claim speaks of {stated} accelerators over {n} systems; {n} x {label} ({one} accelerators) is {n * one}.";

    public static string SystemCount(int stated, string label, int nodes)
        => $"The claim speaks of {stated} systems (nodes); {label} ran on {nodes}.";
}
