using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims;

/// <summary>The gate's policy as data: its CLM-* catalogue entries, pinned into every gate report by digest.</summary>
internal static class GateRules
{
    /// <summary>Policy name written into <see cref="GateReport.Policy"/> (suite).</summary>
    public const string Suite = "claims";

    /// <summary>Policy version (round).</summary>
    public const string Version = "v1";

    /// <summary>Relative tolerance of "approximately": 2.5% of the evidence, or the stated rounding when wider.</summary>
    public const double ApproximateTolerance = 0.025;

    /// <summary>Relative tolerance of "just over" and "just under": 5% of the stated number, or its rounding when wider.</summary>
    public const double JustTolerance = 0.05;

    /// <summary>
    /// An unstated-scenario Offline number is blocked when another scenario of the same system is lower by more than this fraction.
    /// </summary>
    public const double ScenarioGap = 0.10;

    /// <summary>
    /// Relative tolerance when comparing an audited value with the published table (tables round to 6 significant digits, CSV
    /// scores to 4 decimals).
    /// </summary>
    public const double PublishedTolerance = 2e-5;

    /// <summary>Hex SHA-256 over the CLM-* entries (code, severity, rule; one per line, by code) and the tolerances above.</summary>
    public static string Digest { get; } = ComputeDigest();

    private static string ComputeDigest()
    {
        var text = new StringBuilder();
        foreach (var d in FindingCatalog.All.Where(d => d.Code.StartsWith("CLM-", StringComparison.Ordinal)))
        {
            text.Append(d.Code).Append('\t').Append(d.Severity).Append('\t').Append(d.Rule).Append('\n');
        }

        text.Append(FormattableString.Invariant(
            $"approx={ApproximateTolerance} just={JustTolerance} scenario={ScenarioGap} published={PublishedTolerance}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
