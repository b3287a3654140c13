using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Reports;

/// <summary>
/// The audit report contract (<c>schemas/audit-report.schema.json</c>). Holds no clock value, so
/// the same bundle and rules always give the same report bytes.
/// </summary>
/// <param name="Tool">Which tool and version wrote the report.</param>
/// <param name="Rules">The rule set the results were judged against.</param>
/// <param name="Bundle">The audited bundle.</param>
/// <param name="Results">One entry per result folder, ordered by <see cref="ResultReport.Id"/>.</param>
/// <param name="Findings">Findings that belong to no single result (bundle, submission, benchmark level).</param>
/// <param name="Summary">Counts of valid and invalid results.</param>
/// <param name="Sweep">Sweep audits only: GPU limits, thresholds, best configuration per criterion and the recommendation check; null otherwise.</param>
public sealed record AuditReport(
    ToolInfo Tool,
    RulesInfo Rules,
    BundleInfo Bundle,
    IReadOnlyList<ResultReport> Results,
    IReadOnlyList<Finding> Findings,
    ReportSummary Summary,
    SweepSummary? Sweep = null)
{
    /// <summary>True when every result is valid and no error-severity finding stands outside the results.</summary>
    public bool AllValid => Summary.Invalid == 0 && Findings.All(f => f.Severity != Severity.Error);
}

/// <summary>The tool that wrote the report.</summary>
/// <param name="Name">Always <c>mlperf-audit</c>.</param>
/// <param name="Version">Semantic version of the tool.</param>
public sealed record ToolInfo(string Name, string Version);

/// <summary>The rule set applied.</summary>
/// <param name="Suite"><c>inference</c> or <c>training</c>.</param>
/// <param name="Round">Round label, e.g. <c>v5.1</c>.</param>
/// <param name="Digest">SHA-256 (hex) of the round's embedded rules data, so a reader can pin the exact rules.</param>
public sealed record RulesInfo(string Suite, string Round, string Digest);

/// <summary>The audited input.</summary>
/// <param name="Sha256">Hex SHA-256 of the archive bytes, or for a folder of its sha256sum-style manifest (see README).</param>
/// <param name="Name">File or folder name.</param>
public sealed record BundleInfo(string Sha256, string Name);

/// <summary>Counts over <see cref="AuditReport.Results"/>.</summary>
/// <param name="Valid">Results with verdict valid.</param>
/// <param name="Invalid">Results with verdict invalid.</param>
public sealed record ReportSummary(int Valid, int Invalid);
