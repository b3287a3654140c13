using System.Globalization;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>What a recommendation claims is optimal about a configuration.</summary>
public enum SweepCriterion
{
    /// <summary>The lowest mean step time (seconds per optimizer step).</summary>
    StepTime = 1,

    /// <summary>The highest tokens per second per GPU (equivalently the fastest per token).</summary>
    TokensPerGpu = 2,

    /// <summary>The most memory headroom (GPU memory minus peak allocated).</summary>
    MemoryHeadroom = 3,
}

/// <summary>Options of a sweep audit. Immutable; <see cref="Validate"/> reports every problem together.</summary>
public sealed record SweepAuditOptions
{
    /// <summary>The claimed optimal configuration, e.g. <c>MBS=4,TP=1,PP=2,CP=1</c>; null: no recommendation check.</summary>
    public string? ClaimedOptimal { get; init; }

    /// <summary>The criterion the claim is about. Default <see cref="SweepCriterion.TokensPerGpu"/>.</summary>
    public SweepCriterion Criterion { get; init; } = SweepCriterion.TokensPerGpu;

    /// <summary>
    /// Minutes to add to the telemetry's time stamps (nvidia-smi prints the machine's local time) to get UTC. Default 0 (UTC).
    /// Range −840..840.
    /// </summary>
    public int TelemetryUtcOffsetMinutes { get; init; }

    /// <summary>Coefficient of variation of measured step times above which they are unstable, a fraction. Default 0.05.</summary>
    public double MaxStepTimeVariation { get; init; } = 0.05;

    /// <summary>Fewest measured steps for trustworthy statistics. Default 10.</summary>
    public int MinMeasuredSteps { get; init; } = 10;

    /// <summary>SM clock ÷ maximum under which a busy sample is throttled, a fraction. Default 0.80.</summary>
    public double ThrottleClockRatio { get; init; } = 0.80;

    /// <summary>Shortest throttled stretch reported, in seconds. Default 2.</summary>
    public double ThrottleMinSeconds { get; init; } = 2.0;

    /// <summary>utilization.gpu at or above which a sample is busy, in %. Default 50.</summary>
    public double BusyUtilizationPercent { get; init; } = 50;

    /// <summary>Mean utilization over measured steps under which SWP-TEL-002 is reported, in %. Default 80.</summary>
    public double LowUtilizationPercent { get; init; } = 80;

    /// <summary>Mean utilization over measured steps under which the GPU counts as idle (SWP-TEL-004), in %. Default 5.</summary>
    public double IdleUtilizationPercent { get; init; } = 5;

    /// <summary>A pause longer than this many median sample intervals is a telemetry gap. Default 4.</summary>
    public double GapFactor { get; init; } = 4;

    /// <summary>Loss rise (mean of the last fifth over the first fifth) above which the loss diverges, a fraction. Default 0.02.</summary>
    public double DivergenceRatio { get; init; } = 0.02;

    /// <summary>Difference under which two configurations are tied in the recommendation check, in %. Default 1.</summary>
    public double TieTolerancePercent { get; init; } = 1.0;

    /// <summary>
    /// Relative difference between a framework's logged TFLOP/s per GPU and the audit's above which SWP-MFU-002 is reported, a
    /// fraction. Default 0.10.
    /// </summary>
    public double ReportedTflopsTolerance { get; init; } = 0.10;

    /// <summary>Most telemetry points kept per configuration in the report's series. Default 300.</summary>
    public int MaxSeriesPoints { get; init; } = 300;

    /// <summary>Longest line read from a log or telemetry file, in bytes. Default 1 MiB.</summary>
    public int MaxLineBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest log or telemetry file read, in bytes. Default 256 MiB.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most parse problems reported one by one per file. Default 20.</summary>
    public int MaxParseFindings { get; init; } = 20;

    /// <summary>
    /// Longest time judging the configurations may take (as <see cref="Bundles.BundleLimits.MaxAuditTime"/>), checked before
    /// each configuration. Default 15 minutes.
    /// </summary>
    public TimeSpan MaxAuditTime { get; init; } = Bundles.BundleLimits.Default.MaxAuditTime;

    /// <summary>The clock <see cref="MaxAuditTime"/> is measured on; null (the default) applies no time limit.</summary>
    public NodaTime.IClock? Clock { get; init; }

    /// <summary>The thresholds as recorded in the report.</summary>
    public SweepThresholds Thresholds => new(MaxStepTimeVariation, MinMeasuredSteps, ThrottleClockRatio, ThrottleMinSeconds, BusyUtilizationPercent,
        LowUtilizationPercent, IdleUtilizationPercent, GapFactor, DivergenceRatio, TieTolerancePercent);

    /// <summary>Every problem with these options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ClaimedOptimal is { } claim && !SweepClaim.TryParse(claim, out _, out var why))
        {
            errors.Add($"ClaimedOptimal: {why}");
        }

        if (!Enum.IsDefined(Criterion))
        {
            errors.Add($"Criterion {(int)Criterion} is not a criterion.");
        }

        Range(errors, nameof(TelemetryUtcOffsetMinutes), TelemetryUtcOffsetMinutes, -840, 840);
        Range(errors, nameof(MaxStepTimeVariation), MaxStepTimeVariation, 0, 10);
        Range(errors, nameof(MinMeasuredSteps), MinMeasuredSteps, 1, 1_000_000);
        Range(errors, nameof(ThrottleClockRatio), ThrottleClockRatio, 0, 1);
        Range(errors, nameof(ThrottleMinSeconds), ThrottleMinSeconds, 0, 86_400);
        Range(errors, nameof(BusyUtilizationPercent), BusyUtilizationPercent, 0, 100);
        Range(errors, nameof(LowUtilizationPercent), LowUtilizationPercent, 0, 100);
        Range(errors, nameof(IdleUtilizationPercent), IdleUtilizationPercent, 0, 100);
        Range(errors, nameof(GapFactor), GapFactor, 1, 1000);
        Range(errors, nameof(DivergenceRatio), DivergenceRatio, 0, 100);
        Range(errors, nameof(TieTolerancePercent), TieTolerancePercent, 0, 100);
        Range(errors, nameof(ReportedTflopsTolerance), ReportedTflopsTolerance, 0, 10);
        Range(errors, nameof(MaxSeriesPoints), MaxSeriesPoints, 2, 100_000);
        Range(errors, nameof(MaxLineBytes), MaxLineBytes, 1024, 1024 * 1024 * 1024);
        Range(errors, nameof(MaxFileBytes), MaxFileBytes, 1024, 1L << 40);
        Range(errors, nameof(MaxParseFindings), MaxParseFindings, 1, 100_000);
        errors.AddRange(new Bundles.BundleLimits { MaxAuditTime = MaxAuditTime }.Validate());
        return errors;
    }

    private static void Range(List<string> errors, string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max} (got {value})."));
        }
    }
}
