namespace MlPerfAudit.Functions.Telemetry;

/// <summary>Structured log events of the audit (source-generated; fields become JSON properties in the console log).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(1, LogLevel.Information, "Audit {Outcome} for {Bundle} in {Seconds} s: {Message}")]
    public static partial void Audited(ILogger logger, string outcome, string bundle, double seconds, string message);

    [LoggerMessage(2, LogLevel.Error, "Audit of {Bundle} failed; the host will deliver it again")]
    public static partial void Failed(ILogger logger, Exception exception, string bundle);

    [LoggerMessage(3, LogLevel.Warning, "Temporary folder {Folder} was not removed: {Reason}")]
    public static partial void TempLeft(ILogger logger, string folder, string reason);

    [LoggerMessage(4, LogLevel.Information, "Envelope of {ReportId} was written by a concurrent invocation")]
    public static partial void EnvelopeRace(ILogger logger, string reportId);
}
