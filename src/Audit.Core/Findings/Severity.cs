namespace MlPerfAudit.Core.Findings;

/// <summary>How much a finding weighs. An <see cref="Error"/> makes its result invalid; a
/// <see cref="Warning"/> is reported and leaves the verdict alone.</summary>
public enum Severity
{
    /// <summary>Reported, does not change the verdict (the official checker logs it and accepts the result).</summary>
    Warning = 1,

    /// <summary>Makes the result invalid.</summary>
    Error = 2,
}
