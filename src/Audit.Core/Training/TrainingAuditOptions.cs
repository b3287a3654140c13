using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Training.Rules;
using NodaTime;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// Options of a training audit. Immutable; validated once by <see cref="Validate"/> (the auditor calls it and reports every
/// problem together).
/// </summary>
public sealed record TrainingAuditOptions
{
    /// <summary>
    /// Rule set to judge against (<c>4.1.0</c>, <c>5.0.0</c>, <c>5.1.0</c>, <c>6.0.0</c>); null infers it from the bundle (reported
    /// as TRN-RND-002).
    /// </summary>
    public string? RuleSet { get; init; }

    /// <summary>Longest line read from a result file, in bytes. Default 4 MiB.</summary>
    public int MaxLineBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest result file read, in bytes. Default 512 MiB.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most parse problems reported one by one per file. Default 20.</summary>
    public int MaxParseFindings { get; init; } = 20;

    /// <summary>
    /// Numeric precision of the matrix math, for model FLOPs utilization when the logs do not state it
    /// (<c>lowest_numerical_precision_in_linear</c>): <c>bf16</c>, <c>fp8</c>, <c>nvfp4</c>, <c>mxfp4</c>. Null: MFU only when logged.
    /// </summary>
    public string? AssumedPrecision { get; init; }

    /// <summary>Longest time judging the result folders may take (as <see cref="BundleLimits.MaxAuditTime"/>). Default 15 minutes.</summary>
    public TimeSpan MaxAuditTime { get; init; } = BundleLimits.Default.MaxAuditTime;

    /// <summary>The clock <see cref="MaxAuditTime"/> is measured on; null (the default) applies no time limit.</summary>
    public IClock? Clock { get; init; }

    /// <summary>Default options.</summary>
    public static TrainingAuditOptions Default { get; } = new();

    /// <summary>Every problem with these options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RuleSet is not null && !TrainingRuleSet.Supported.Contains(RuleSet))
        {
            errors.Add($"RuleSet '{RuleSet}' is not one of {string.Join(", ", TrainingRuleSet.Supported)}.");
        }

        if (MaxLineBytes is < 1024 or > 1024 * 1024 * 1024)
        {
            errors.Add($"MaxLineBytes must be between 1024 and 1073741824 (got {MaxLineBytes}).");
        }

        if (MaxFileBytes < 1)
        {
            errors.Add($"MaxFileBytes must be positive (got {MaxFileBytes}).");
        }

        if (MaxParseFindings < 0)
        {
            errors.Add($"MaxParseFindings must not be negative (got {MaxParseFindings}).");
        }

        if (new BundleLimits { MaxAuditTime = MaxAuditTime }.Validate() is { Count: > 0 } timeProblems)
        {
            errors.AddRange(timeProblems);
        }

        if (AssumedPrecision is not null and not ("bf16" or "fp8" or "nvfp4" or "mxfp4"))
        {
            errors.Add($"AssumedPrecision must be bf16, fp8, nvfp4 or mxfp4 (got '{AssumedPrecision}').");
        }

        return errors;
    }
}
