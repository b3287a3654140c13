namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>The audit's time limit ran out before this result was judged; the result is invalid, not skipped.</summary>
    public static readonly FindingDefinition BundleTimeLimitReached = new("BUN-LIM-002", Severity.Error,
        "Every result must be judged within the audit's time limit (MaxAuditTime); a result not judged in time is invalid.", AuditInput)
    {
        Message = "Not judged: the audit's time limit of {seconds:0.###} s (MaxAuditTime) ran out before this {what} was reached.",
    };
}
