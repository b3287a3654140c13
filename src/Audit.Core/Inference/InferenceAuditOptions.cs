using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference.Round;

namespace MlPerfAudit.Core.Inference;

/// <summary>Options of an inference audit, validated once with <see cref="Validate"/>.</summary>
public sealed record InferenceAuditOptions
{
    /// <summary>The round whose rules apply, e.g. <c>v5.1</c>. Default: <see cref="InferenceRoundCatalog.DefaultRound"/>.</summary>
    public string Round { get; init; } = InferenceRoundCatalog.DefaultRound;

    /// <summary>Limits on reading the bundle and its logs.</summary>
    public BundleLimits Limits { get; init; } = BundleLimits.Default;

    /// <summary>Every problem with the options, all at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InferenceRoundCatalog.Find(Round) is null)
        {
            errors.Add($"round '{Round}' has no inference rules; supported: {string.Join(", ", InferenceRoundCatalog.Supported)}");
        }

        errors.AddRange(Limits.Validate());
        return errors;
    }
}
