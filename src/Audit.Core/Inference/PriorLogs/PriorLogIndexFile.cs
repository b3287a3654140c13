namespace MlPerfAudit.Core.Inference.PriorLogs;

/// <summary>
/// A prior-logs index (<c>schemas/prior-logs.schema.json</c>): the SHA-256 of every detail log an audit read, with the
/// round and result it was published under. Built by <c>mlperf-audit index</c>; read by <c>check --prior-logs</c> and the
/// Functions app so a later audit can tell a log reused from an earlier round or from another result.
/// </summary>
/// <param name="Version">Format version; this tool reads and writes <see cref="PriorLogJson.CurrentVersion"/>.</param>
/// <param name="Sources">The bundles indexed, in the order given.</param>
/// <param name="Entries">One entry per (detail log, result), ordered by round, result id and file.</param>
public sealed record PriorLogIndexFile(int Version, IReadOnlyList<PriorLogSource> Sources, IReadOnlyList<PriorLogEntry> Entries)
{
    /// <summary>An index file of <paramref name="entries"/> in canonical order (round, result id, file, digest), without repeats.</summary>
    public static PriorLogIndexFile Create(IEnumerable<PriorLogSource> sources, IEnumerable<PriorLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(entries);
        return new PriorLogIndexFile(PriorLogJson.CurrentVersion, [.. sources], [.. entries.Distinct()
            .OrderBy(e => e.Round, StringComparer.Ordinal)
            .ThenBy(e => e.ResultId, StringComparer.Ordinal)
            .ThenBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Sha256, StringComparer.Ordinal)]);
    }
}

/// <summary>One indexed bundle.</summary>
/// <param name="Name">Bundle file or folder name.</param>
/// <param name="Sha256">The bundle's digest as in its audit report (lower-case hex).</param>
/// <param name="Round">Rules round its results were judged under, e.g. <c>v5.1</c>.</param>
/// <param name="Results">Results audited in it.</param>
public sealed record PriorLogSource(string Name, string Sha256, string Round, int Results);

/// <summary>One detail log of one published result.</summary>
/// <param name="Sha256">SHA-256 of the log's bytes, 64 lower-case hex digits.</param>
/// <param name="Round">Round the result was published in, <c>vMAJOR.MINOR</c>, e.g. <c>v5.1</c>.</param>
/// <param name="ResultId">The result's id (its path in the submission tree), as in the audit report.</param>
/// <param name="Division">closed, open or network; empty when the indexed bundle did not say.</param>
/// <param name="Submitter">Submitter folder; empty when the indexed bundle did not say.</param>
/// <param name="System">System folder (system description id).</param>
/// <param name="Benchmark">Benchmark folder, e.g. <c>llama2-70b-99</c>.</param>
/// <param name="Scenario">Scenario, e.g. <c>Offline</c>.</param>
/// <param name="File">Bundle-relative path of the log in the indexed bundle.</param>
public sealed record PriorLogEntry(
    string Sha256,
    string Round,
    string ResultId,
    string Division,
    string Submitter,
    string System,
    string Benchmark,
    string Scenario,
    string File)
{
    /// <summary>
    /// True when the entry and the result are the same result: same system, benchmark and scenario, and the same
    /// division and submitter where both are known (a bundle opened below the division does not know them).
    /// </summary>
    public bool IsResult(string division, string submitter, string system, string benchmark, string scenario)
        => Same(System, system) && Same(Benchmark, benchmark) && Same(Scenario, scenario)
           && (Division.Length == 0 || division.Length == 0 || Same(Division, division))
           && (Submitter.Length == 0 || submitter.Length == 0 || Same(Submitter, submitter));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
