using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference.Round;
using NodaTime;

namespace MlPerfAudit.Core.Inference;

/// <summary>Options of an inference audit, validated once with <see cref="Validate"/>.</summary>
public sealed record InferenceAuditOptions
{
    /// <summary>
    /// The round whose rules apply, e.g. <c>v5.1</c>. Null (the default): detected from the bundle's RNG seeds
    /// (<see cref="RoundDetector"/>), else <see cref="InferenceRoundCatalog.DefaultRound"/>; the report says which and why.
    /// </summary>
    public string? Round { get; init; }

    /// <summary>Limits on reading the bundle and its logs.</summary>
    public BundleLimits Limits { get; init; } = BundleLimits.Default;

    /// <summary>
    /// The clock the time limit (<see cref="BundleLimits.MaxAuditTime"/>) is measured on; null (the default) applies no
    /// time limit. Core reads no clock of its own: the edges pass the system clock, tests a stepping one.
    /// </summary>
    public IClock? Clock { get; init; }

    /// <summary>
    /// Prior-logs indexes to compare every detail log with (INF-CONS-006, INF-CONS-007); null (the default) compares
    /// with none. The report pins each index by name and SHA-256.
    /// </summary>
    public PriorLogs.PriorLogIndex? PriorLogs { get; init; }

    /// <summary>Every problem with the options, all at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Round is not null && InferenceRoundCatalog.Find(Round) is null)
        {
            errors.Add($"round '{Round}' has no inference rules; supported: {string.Join(", ", InferenceRoundCatalog.Supported)}");
        }

        errors.AddRange(Limits.Validate());
        return errors;
    }
}
