namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Round detection ----------------------------------------------------------------------

    /// <summary>No round was given: the round was detected from the bundle (or the default was used), and the report says which and why.</summary>
    public static readonly FindingDefinition InfRoundDetected = new("INF-RND-003", Severity.Warning,
        "Without --round the round is detected from the RNG seeds the detail logs record (each round fixes its own); when no log decides it the default round v5.1 applies. Give --round to override.", AuditInput);
}
