namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Round detection ----------------------------------------------------------------------

    /// <summary>No round was given: the round was detected from the bundle (or the default was used), and the report says which and why.</summary>
    public static readonly FindingDefinition InfRoundDetected = new("INF-RND-003", Severity.Warning,
        "Without --round the round is detected from the RNG seeds the detail logs record (each round fixes its own); when no log decides it the "
            + "default round v5.1 applies. Give --round to override.", AuditInput);

    /// <summary>A result's own evidence (seeds, LoadGen release, benchmark, layout) names more than one round.</summary>
    public static readonly FindingDefinition InfRoundEvidenceDisagrees = new("INF-RND-004", Severity.Warning,
        "Without --round each result's evidence is weighed: the RNG seeds of its detail log, the LoadGen release it ran, whether its benchmark "
            + "exists in a round and its folder layout. When they name different rounds the result is judged by the one that fits (seeds first, "
            + "then the benchmark) and the others are listed.", AuditInput)
    {
        Message = "Judged by {round}'s rules, but {conflicts}.",
    };

    /// <summary>Results judged by another round than the bundle's, because their own evidence names it.</summary>
    public static readonly FindingDefinition InfRoundPerResult = new("INF-RND-005", Severity.Warning,
        "Without --round a result whose detail log records another round's seeds, or whose benchmark the bundle's round does not have, is judged "
            + "by the rules of the round that fits it, never skipped; the report lists each such result.", AuditInput)
    {
        Message = "{count} result(s) are judged by another round than the bundle's {round}, as their own evidence names it: {results}.",
    };
}
