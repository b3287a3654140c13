using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// Whose result is the evidence? With a claimant (claims file) or a system (claim), evidence from another submitter
/// (CLM-PARTY-001) or another system (CLM-PARTY-002) blocks, unless the claim says it cites a third party (CLM-PARTY-003).
/// Names are compared ignoring case, spaces and punctuation; one containing the other matches ("Microsoft Azure", "Azure").
/// </summary>
internal static class PartyCheck
{
    /// <summary>Shortest normalized name that may match by containment, so that "a" does not match everything.</summary>
    private const int MinContained = 3;

    public static void Check(ClaimContext context, EvidencePoint p)
    {
        var claimant = context.Inputs.Claims.Claimant;
        var system = context.Claim.System;
        var otherSubmitter = claimant is not null && !Same(claimant, p.Submitter);
        var otherSystem = system is not null && !new[] { p.System, p.SystemName }.Any(s => Same(system, s));
        if (!otherSubmitter && !otherSystem)
        {
            return;
        }

        var ours = ClaimMessages.Party(claimant, system);
        var theirs = $"{p.Submitter}'s {p.SystemText}";
        if (context.Claim.CitesThirdParty)
        {
            context.Add(FindingCatalog.ClmThirdPartyCited, ours, p.Label, theirs);
        }
        else if (otherSubmitter)
        {
            context.Add(FindingCatalog.ClmOtherSubmitter, ours, p.Label, theirs, p.Submitter, claimant);
        }
        else
        {
            context.Add(FindingCatalog.ClmOtherSystem, ours, p.Label, theirs, system);
        }
    }

    /// <summary>True when two names are the same organization or system, ignoring case and punctuation.</summary>
    internal static bool Same(string stated, string? evidence)
    {
        if (evidence is null)
        {
            return false;
        }

        var a = Normalize(stated);
        var b = Normalize(evidence);
        return a == b || (a.Length >= MinContained && b.Length >= MinContained
            && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)));
    }

    private static string Normalize(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
