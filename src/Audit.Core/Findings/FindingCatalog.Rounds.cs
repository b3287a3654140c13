namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Round detection ----------------------------------------------------------------------

    /// <summary>
    /// No round was given: the round was detected from the bundle (or the default was used), and the report says which and why.
    /// </summary>
    public static readonly FindingDefinition InfRoundDetected = new("INF-RND-003", Severity.Warning,
        "Without --round the round is detected from the RNG seeds the detail logs record (each round fixes its own); when no log decides it the "
            + "default round v5.1 applies. Give --round to override.", AuditInput)
    {
        Message = "No round was given; detected {round}: the RNG seeds recorded by {count} result(s) (detail logs, or an endpoints result's "
            + "config.yaml) are {round}'s official seeds (qsl {qsl}, sample index {sampleIndex}, schedule {schedule}). Give --round to override.",
    };

    /// <summary>INF-RND-003 when some logs carry another round's seeds, or no known round's.</summary>
    public static readonly FindingMessage InfRoundDetectedMixed = InfRoundDetected.Variant(
        "No round was given; detected {round}: the RNG seeds recorded by {count} result(s) (detail logs, or an endpoints result's "
            + "config.yaml) are {round}'s official seeds (qsl {qsl}, sample index {sampleIndex}, schedule {schedule}). "
            + "Other logs carry other seeds ({others}); each such result is judged by the round its own evidence names (INF-RND-005), "
            + "or by {round}'s rules when none does. Give --round to override.");

    /// <summary>INF-RND-003 when the seeds the logs record are those of no round with rules.</summary>
    public static readonly FindingMessage InfRoundDetectedUnknownSeeds = InfRoundDetected.Variant(
        "No round was given and none could be detected: the seeds of {count} detail log(s) (e.g. qsl {qsl}, sample index {sampleIndex}, "
            + "schedule {schedule}) are those of no round with rules ({rounds}); the results are judged with the default round {default}.");

    /// <summary>INF-RND-003 when no log records the seeds.</summary>
    public static readonly FindingMessage InfRoundDetectedNoSeeds = InfRoundDetected.Variant(
        "No round was given and none could be detected: no performance detail log records the effective RNG seeds; "
            + "the results are judged with the default round {default}.");

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
