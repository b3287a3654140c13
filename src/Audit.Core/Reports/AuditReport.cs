using MlPerfAudit.Core.Bundles;
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
/// <param name="Sweep">Sweep audits only: GPU limits, thresholds, best configuration per criterion and the recommendation check; null
/// otherwise.</param>
public sealed record AuditReport(
    ToolInfo Tool,
    RulesInfo Rules,
    BundleInfo Bundle,
    IReadOnlyList<ResultReport> Results,
    IReadOnlyList<Finding> Findings,
    ReportSummary Summary,
    SweepSummary? Sweep = null)
{
    /// <summary>Inference audits: the reading limits in force and which of them were reached; null for other audits.</summary>
    public ReportLimits? Limits { get; init; }

    /// <summary>Inference audits given prior-logs indexes (<c>check --prior-logs</c>): each index compared with; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PriorLogIndexInfo>? PriorLogs { get; init; }

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

/// <summary>
/// The reading limits an audit ran under (<see cref="BundleLimits"/>), so a reader knows what was not read.
/// A limit on the archive itself (entries, bytes, ratio, depth) refuses the bundle before any report exists;
/// <see cref="Hit"/> names the limits reached while the report was built: <c>MaxLineBytes</c> (a longer log line is
/// reported as unreadable, not read) and <c>MaxAuditTime</c> (results not judged in time are invalid with <c>BUN-LIM-002</c>).
/// </summary>
/// <param name="MaxEntries">Most entries an archive or folder may hold.</param>
/// <param name="MaxTotalBytes">Most uncompressed bytes, in bytes.</param>
/// <param name="MaxEntryBytes">Largest single file, in bytes.</param>
/// <param name="MaxCompressionRatio">Highest uncompressed/compressed ratio of an archive entry.</param>
/// <param name="MaxPathDepth">Deepest folder nesting, in path segments.</param>
/// <param name="MaxLineBytes">Longest log line read, in bytes.</param>
/// <param name="MaxAuditSeconds">Longest time judging the results may take, in seconds (<c>MaxAuditTime</c>); results
/// not started in time carry <c>BUN-LIM-002</c>. Null when the caller gave the audit no clock, so no time limit applied.</param>
/// <param name="Hit">Names of the limits above that were reached (property names, e.g. <c>MaxLineBytes</c>); empty when none.</param>
public sealed record ReportLimits(
    int MaxEntries,
    long MaxTotalBytes,
    long MaxEntryBytes,
    int MaxCompressionRatio,
    int MaxPathDepth,
    int MaxLineBytes,
    double? MaxAuditSeconds,
    IReadOnlyList<string> Hit)
{
    /// <summary>The limits in force, with the names of those reached.</summary>
    /// <param name="limits">The limits in force.</param>
    /// <param name="timed">True when the time limit was enforced (the audit had a clock).</param>
    /// <param name="hit">Names of the limits reached.</param>
    public static ReportLimits From(BundleLimits limits, bool timed, IReadOnlyList<string> hit)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new ReportLimits(limits.MaxEntries, limits.MaxTotalBytes, limits.MaxEntryBytes, limits.MaxCompressionRatio,
            limits.MaxPathDepth, limits.MaxLineBytes, timed ? limits.MaxAuditTime.TotalSeconds : null, hit);
    }
}

/// <summary>A prior-logs index an inference audit compared its detail logs with (<c>check --prior-logs</c>).</summary>
/// <param name="Name">The index as given (file or blob name).</param>
/// <param name="Sha256">SHA-256 of the index file's bytes (lower-case hex), so a reader can pin what was compared.</param>
/// <param name="Entries">Entries (detail log of a result) it holds.</param>
public sealed record PriorLogIndexInfo(string Name, string Sha256, int Entries);
