namespace MlPerfAudit.Core.Pipeline;

/// <summary>How far an audit has come.</summary>
/// <param name="Done">Results judged so far.</param>
/// <param name="Total">Results in the bundle.</param>
public readonly record struct AuditProgress(int Done, int Total);
