namespace MlPerfAudit.Core.Claims;

/// <summary>
/// Pieces of text the gate puts into its findings' holes (an ambiguity, a candidate, a party); the finding messages
/// themselves are templates in <c>FindingCatalog.Claims.cs</c>. Numbers go through <see cref="ClaimGate.Fmt"/>.
/// </summary>
internal static class ClaimMessages
{
    private static string F(double v) => ClaimGate.Fmt(v);

    public static string AmbiguousAudited(string what, int count) => $"{what} matches {count} audited results";

    public static string AmbiguousPublished(string what, int count) => $"{what} matches {count} published rows";

    /// <summary>One candidate: "ND_GB200_v6 llama2-70b-99 Offline [file:line] gives 52061.6 tokens/s: would support the claim".</summary>
    public static string Candidate(EvidencePoint p, double? value, string unit, IReadOnlyList<string> blocking)
    {
        var at = p.File is null ? string.Empty : $" [{p.File}{(p.Line is null ? string.Empty : ":" + p.Line)}]";
        var gives = value is { } v ? $"gives {F(v)} {unit}" : $"has {F(p.Value)} {p.Unit}";
        var verdict = blocking.Count == 0 ? "would support the claim" : $"would not support it ({string.Join(", ", blocking)})";
        return $"{p.Label}{at} {gives}: {verdict}";
    }

    /// <summary>"Azure's ND GB300 v6", "Azure", or "ND GB300 v6".</summary>
    public static string Party(string? claimant, string? system)
        => claimant is not null && system is not null ? $"{claimant}'s {system}" : claimant ?? system ?? string.Empty;
}
