namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>A number recomputed from the evidence, in the claim's unit, and how it was computed (values substituted).</summary>
/// <param name="Value">The recomputed number, in the claim's unit; null when none follows from the evidence.</param>
/// <param name="Formula">The computation with its values; null when there was none.</param>
internal sealed record Recomputed(double? Value, string? Formula)
{
    /// <summary>Nothing could be recomputed (a finding says why).</summary>
    public static Recomputed None { get; } = new(null, null);
}

/// <summary>Recomputes one kind of claimed quantity from its evidence and adds the findings that quantity has.</summary>
internal interface IQuantityCalculator
{
    /// <param name="context">The claim, its inputs and the findings so far.</param>
    /// <param name="subject">The evidence the claim is about (for up-to claims, the best one).</param>
    /// <param name="baseline">For speedups and scaling efficiencies: the result compared against.</param>
    Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline);
}
