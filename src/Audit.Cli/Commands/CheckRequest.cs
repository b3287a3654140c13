namespace MlPerfAudit.Cli.Commands;

/// <summary>The values of one <c>check</c> invocation.</summary>
internal sealed record CheckRequest(string Path, string? Round, string OutputFolder, string Format, string? CsvPath,
    bool Sign = false, string? KeyDirectory = null, string? VerifiedAt = null, string Suite = "auto", IReadOnlyList<string>? Baselines = null)
{
    /// <summary>Sweeps: the configuration claimed optimal (--claim-optimal), or null.</summary>
    public string? ClaimOptimal { get; init; }

    /// <summary>Sweeps: step-time, tokens-per-gpu or memory-headroom (--criterion).</summary>
    public string Criterion { get; init; } = "tokens-per-gpu";

    /// <summary>Sweeps: minutes added to telemetry time stamps to get UTC (--telemetry-utc-offset).</summary>
    public int TelemetryUtcOffsetMinutes { get; init; }

    /// <summary>The time limit as given (--time-limit), or null for the default of <c>BundleLimits.MaxAuditTime</c>.</summary>
    public string? TimeLimit { get; init; }

    /// <summary>The clock the time limit is measured on: the system clock; tests pass a stepping one.</summary>
    public NodaTime.IClock AuditClock { get; init; } = NodaTime.SystemClock.Instance;

    /// <summary>Inference: prior-logs index files to compare detail logs with (--prior-logs); empty for none.</summary>
    public IReadOnlyList<string> PriorLogs { get; init; } = [];
}

