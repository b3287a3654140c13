using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// The gate report contract (<c>schemas/gate-report.schema.json</c>): one verdict per claim with its reasons and
/// provenance. Holds no clock value, so the same claims, evidence and baselines give the same bytes.
/// </summary>
/// <param name="Tool">Which tool and version wrote the report.</param>
/// <param name="Policy">The gate rules applied (<see cref="GateRules"/>).</param>
/// <param name="Claims">The claims file checked: the signed statement's subject.</param>
/// <param name="Evidence">Each audited evidence input, with its verdict counts.</param>
/// <param name="Baselines">Each published table loaded.</param>
/// <param name="Results">One entry per claim, in file order.</param>
/// <param name="Summary">Counts of pass, warn and block.</param>
public sealed record GateReport(
    ToolInfo Tool,
    RulesInfo Policy,
    BundleInfo Claims,
    IReadOnlyList<GateEvidenceInfo> Evidence,
    IReadOnlyList<GateBaselineInfo> Baselines,
    IReadOnlyList<ClaimResult> Results,
    GateSummary Summary)
{
    /// <summary>True when no claim is blocked.</summary>
    public bool NothingBlocked => Summary.Block == 0;
}

/// <summary>One audited evidence input.</summary>
/// <param name="Source">Path or name as given.</param>
/// <param name="Sha256">The audited bundle's SHA-256 (from its report).</param>
/// <param name="Suite">inference or training.</param>
/// <param name="Round">Rules round it was audited against.</param>
/// <param name="Valid">Results judged valid.</param>
/// <param name="Invalid">Results judged invalid.</param>
public sealed record GateEvidenceInfo(string Source, string Sha256, string Suite, string Round, int Valid, int Invalid);

/// <summary>One published table.</summary>
/// <param name="Source">Path or name as given.</param>
/// <param name="Sha256">Hex SHA-256 of the table's bytes.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="UnitMismatches">
/// Inference rows whose unit is not their metric's (INF-CONS-008; <c>mlperf-audit baselines check</c> lists them).
/// </param>
public sealed record GateBaselineInfo(string Source, string Sha256, int Rows, int UnitMismatches = 0);

/// <summary>The gate's verdict on a claim.</summary>
public enum ClaimVerdict
{
    /// <summary>The claim follows from the evidence.</summary>
    Pass = 1,

    /// <summary>The claim may go out; the findings are notes for the author.</summary>
    Warn = 2,

    /// <summary>The claim must not go out as written.</summary>
    Block = 3,
}

/// <summary>The gate's result for one claim.</summary>
/// <param name="Id">Claim id.</param>
/// <param name="Text">The sentence.</param>
/// <param name="Line">1-based line of the claim in the claims file.</param>
/// <param name="Verdict">pass, warn or block: block when any finding is an error, warn when any is a warning.</param>
/// <param name="Stated">The number as stated, in the stated unit.</param>
/// <param name="Unit">The stated unit.</param>
/// <param name="Recomputed">The number recomputed from the evidence in the stated unit, when it could be.</param>
/// <param name="Formula">How it was recomputed, with the values substituted.</param>
/// <param name="Findings">Why the claim warns or is blocked (stable CLM-* codes), errors first.</param>
/// <param name="Provenance">The evidence used: result ID, file and line of each value.</param>
public sealed record ClaimResult(
    string Id,
    string Text,
    int? Line,
    ClaimVerdict Verdict,
    double Stated,
    string Unit,
    double? Recomputed,
    string? Formula,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<EvidenceProvenance> Provenance);

/// <summary>Where a value used by the gate came from.</summary>
/// <param name="Kind"><c>audit</c> (recomputed from logs) or <c>published</c> (a results table row).</param>
/// <param name="Source">The evidence input or table, as given.</param>
/// <param name="ResultId">Public result ID, when known.</param>
/// <param name="Result">Audited result id (path in the submission tree) or the table row's location.</param>
/// <param name="Benchmark">Benchmark.</param>
/// <param name="Scenario">Scenario; empty for training.</param>
/// <param name="System">System description id.</param>
/// <param name="Value">The headline value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Its unit as published or logged.</param>
/// <param name="Accelerators">Total accelerators, when known.</param>
/// <param name="File">The log or table file the value was read from.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, when known.</param>
/// <param name="Verdict">For audited results: valid or invalid.</param>
public sealed record EvidenceProvenance(
    string Kind,
    string Source,
    string? ResultId,
    string? Result,
    string Benchmark,
    string Scenario,
    string System,
    double Value,
    string Unit,
    int? Accelerators,
    string? File,
    int? Line,
    string? Verdict);

/// <summary>Counts over <see cref="GateReport.Results"/>.</summary>
/// <param name="Pass">Claims that pass.</param>
/// <param name="Warn">Claims that pass with notes.</param>
/// <param name="Block">Claims blocked.</param>
public sealed record GateSummary(int Pass, int Warn, int Block);
