namespace MlPerfAudit.Core.Claims;

/// <summary>A claims file (<c>schemas/claims.schema.json</c>): the numbers a blog post or press release will state.</summary>
/// <param name="Version">Format version; 1.</param>
/// <param name="Claims">The claims, each with a unique id.</param>
/// <param name="Claimant">
/// The organization making the claims, as it submits to MLPerf (e.g. <c>Azure</c>). When given, evidence from another
/// submitter is a finding (CLM-PARTY-001) unless the claim says it cites a third party's result.
/// </param>
public sealed record ClaimsFile(int Version, IReadOnlyList<Claim> Claims, string? Claimant = null);

/// <summary>One public claim and its evidence.</summary>
/// <param name="Id">Unique, stable id within the file, e.g. <c>azure-70b-offline</c>.</param>
/// <param name="Text">The sentence as it will be published.</param>
/// <param name="Quantity">What the number is.</param>
/// <param name="Value">
/// The number as stated, in <paramref name="Unit"/> (52,000 tokens/s is 52000; 98% is 98 with unit %; a record is rank 1).
/// </param>
/// <param name="Unit">
/// Unit as stated: <c>tokens/s</c>, <c>samples/s</c>, <c>queries/s</c>, <c>minutes</c>, <c>seconds</c>, <c>hours</c>, <c>%</c>,
/// <c>x</c>, <c>rank</c>.
/// </param>
/// <param name="Evidence">What the number must follow from.</param>
/// <param name="Qualifier">How the number is qualified in the sentence; default exact (as rounded).</param>
/// <param name="Scope">What the number covers; default one system.</param>
/// <param name="Systems">
/// For aggregate and projected scopes: the number of systems N the figure covers. For the other scopes: the number of
/// systems (nodes, VMs, servers) the sentence states, checked against the evidence system's nodes (CLM-EXTRAP-004).
/// </param>
/// <param name="Accelerators">The accelerator count the sentence states or implies ("8,192 GPUs", "one NVL72 rack" = 72), if any.</param>
/// <param name="Scenario">The inference scenario the sentence names; null when the sentence names none.</param>
/// <param name="Scaling">For scaling efficiency: weak (same per-accelerator batch, step times) or strong (same global batch, times to train).</param>
/// <param name="Precision">
/// Absolute rounding step of the stated number, in <paramref name="Unit"/> (e.g. 0.1); default: the last non-zero digit of
/// <paramref name="Value"/>.
/// </param>
/// <param name="System">
/// The system or product the claim is about (e.g. <c>ND GB300 v6</c>), matched against the evidence's system id and name
/// ignoring case, spaces and punctuation; evidence from another system is a finding (CLM-PARTY-002).
/// </param>
/// <param name="CitesThirdParty">
/// True when the sentence cites another organization's or system's result on purpose ("NVIDIA's GB300 NVL72 reached...");
/// such evidence is then a note (CLM-PARTY-003), not a block.
/// </param>
/// <param name="Draft">Where <c>mlperf-audit claims extract</c> found the figure; information for the reviewer, not checked.</param>
public sealed record Claim(
    string Id,
    string Text,
    ClaimQuantity Quantity,
    double Value,
    string Unit,
    ClaimEvidence Evidence,
    ClaimQualifier Qualifier = ClaimQualifier.Exact,
    ClaimScope Scope = ClaimScope.SingleSystem,
    int? Systems = null,
    int? Accelerators = null,
    string? Scenario = null,
    ScalingKind? Scaling = null,
    double? Precision = null,
    string? System = null,
    bool CitesThirdParty = false,
    ClaimDraft? Draft = null);

/// <summary>Where a drafted claim's figure was found in a post (<c>mlperf-audit claims extract</c>).</summary>
/// <param name="Source">The post's file name.</param>
/// <param name="Line">1-based line of the sentence in the post.</param>
/// <param name="Figure">The figure as written, e.g. <c>1.1M tokens/s</c>.</param>
/// <param name="QualifierWords">The qualifying words before it as written ("up to", "~"), if any.</param>
/// <param name="ResultIds">MLPerf result IDs named in the same paragraph.</param>
/// <param name="Benchmarks">Benchmarks named in the same paragraph (benchmark ids, e.g. <c>llama2-70b-99</c>).</param>
public sealed record ClaimDraft(
    string Source,
    int Line,
    string Figure,
    string? QualifierWords,
    IReadOnlyList<string> ResultIds,
    IReadOnlyList<string> Benchmarks);

/// <summary>What a claimed number is.</summary>
public enum ClaimQuantity
{
    /// <summary>Headline throughput of a result (tokens/s, samples/s, queries/s).</summary>
    Throughput = 1,

    /// <summary>Throughput divided by the system's total accelerators.</summary>
    PerAcceleratorThroughput = 2,

    /// <summary>MLPerf Training time to train: the official score, in minutes.</summary>
    TimeToTrain = 3,

    /// <summary>Mean training step time, in seconds.</summary>
    StepTime = 4,

    /// <summary>Ratio of a result to a baseline result (throughput ratio, or inverse time ratio), in x.</summary>
    Speedup = 5,

    /// <summary>Scaling efficiency between a smaller and a larger result, in % or as a fraction.</summary>
    ScalingEfficiency = 6,

    /// <summary>Rank among the published results of the same round, benchmark and scenario; a record is rank 1.</summary>
    Rank = 7,
}

/// <summary>How the sentence qualifies the number.</summary>
public enum ClaimQualifier
{
    /// <summary>The number as rounded: the evidence must round to it.</summary>
    Exact = 1,

    /// <summary>"about", "~": within the rounding or 2.5% of the evidence, whichever is wider.</summary>
    Approximately = 2,

    /// <summary>"just over": the evidence is above the number by at most the rounding or 5%.</summary>
    JustOver = 3,

    /// <summary>"just under": the evidence is below the number by at most the rounding or 5%.</summary>
    JustUnder = 4,

    /// <summary>"up to": the number is at most the best evidence (for times: at least).</summary>
    UpTo = 5,

    /// <summary>"more than": the evidence is strictly above the number.</summary>
    MoreThan = 6,

    /// <summary>"less than", "under": the evidence is strictly below the number.</summary>
    LessThan = 7,
}

/// <summary>What the number covers.</summary>
public enum ClaimScope
{
    /// <summary>One measured system (one MLPerf result).</summary>
    SingleSystem = 1,

    /// <summary>Per accelerator of one measured system.</summary>
    PerAccelerator = 2,

    /// <summary>An aggregate of N systems presented as one figure: not an MLPerf result.</summary>
    Aggregate = 3,

    /// <summary>A projection (one system × N), labelled as such in the sentence.</summary>
    Projected = 4,
}

/// <summary>Which scaling efficiency.</summary>
public enum ScalingKind
{
    /// <summary>Weak scaling: same per-accelerator batch; T_small ÷ T_large with T the mean step time.</summary>
    Weak = 1,

    /// <summary>Strong scaling: same global batch; (N_small × T_small) ÷ (N_large × T_large) with T the time to train.</summary>
    Strong = 2,
}

/// <summary>Evidence for a claim.</summary>
/// <param name="Results">The result(s) the claim is about; usually one. For up-to claims, the best of them counts.</param>
/// <param name="Baseline">For speedup and scaling efficiency: the result compared against (the smaller or older one).</param>
public sealed record ClaimEvidence(IReadOnlyList<EvidenceRef> Results, EvidenceRef? Baseline = null);

/// <summary>
/// A reference to one result: a published MLPerf result ID and/or an audited result, named by benchmark and scenario.
/// Every given field must match; a reference must match exactly one result.
/// </summary>
/// <param name="Benchmark">Benchmark, e.g. <c>llama2-70b-99</c> or <c>llama31_405b</c>.</param>
/// <param name="Scenario">Inference scenario (<c>Offline</c>, <c>Server</c>, ...); omit for training.</param>
/// <param name="ResultId">Public MLPerf result ID, e.g. <c>5.1-0008</c>: looked up in the published tables.</param>
/// <param name="Submitter">Submitter, e.g. <c>Azure</c>.</param>
/// <param name="System">System description id (<c>ND_GB200_v6</c>) or system name.</param>
/// <param name="Round">Round, e.g. <c>5.1</c> or <c>v6.0</c>.</param>
public sealed record EvidenceRef(
    string Benchmark,
    string? Scenario = null,
    string? ResultId = null,
    string? Submitter = null,
    string? System = null,
    string? Round = null);
