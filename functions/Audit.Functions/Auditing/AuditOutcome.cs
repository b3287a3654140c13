namespace MlPerfAudit.Functions.Auditing;

/// <summary>How an OnBundleUploaded invocation ended; every kind but <see cref="AuditOutcomeKind.Failed"/> answers success.</summary>
public enum AuditOutcomeKind
{
    /// <summary>A new report was stored and announced.</summary>
    Reported = 1,

    /// <summary>The bundle could not be read; an "unreadable bundle" report was stored and announced.</summary>
    Unreadable = 2,

    /// <summary>The report already existed (a repeated event); nothing new was written.</summary>
    Duplicate = 3,

    /// <summary>The event is not for us (another container, an incomplete write, a blob gone or replaced).</summary>
    Ignored = 4,

    /// <summary>An infrastructure fault after retries; the host reports failure so Event Grid redelivers.</summary>
    Failed = 5,
}

/// <summary>The outcome of one invocation.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">One sentence for the logs.</param>
/// <param name="ReportId">The report id (bundle SHA-256), when known.</param>
public sealed record AuditOutcome(AuditOutcomeKind Kind, string Message, string? ReportId = null);
