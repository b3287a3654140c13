namespace MlPerfAudit.Cli;

/// <summary>The CLI's exit codes; release gating scripts rely on them.</summary>
public enum ExitCode
{
    /// <summary>Every result valid, every claim passed, or the signature verified.</summary>
    Ok = 0,

    /// <summary>The audit found invalid results or blocked claims, or verification failed.</summary>
    AuditFailed = 1,

    /// <summary>The input could not be read (bad bundle, unreadable file), with a message naming it.</summary>
    InputError = 2,

    /// <summary>Bad usage: unknown option, missing argument, invalid option value (EX_USAGE).</summary>
    Usage = 64,
}
