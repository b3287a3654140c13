using System.Security.Cryptography;
using MlPerfAudit.Core.Claims;
using NodaTime;
using NodaTime.Text;

namespace MlPerfAudit.Core.Signing;

public static partial class ReportAttestation
{
    /// <summary>The name of the full gate report beside its envelope.</summary>
    public const string GateReportFileName = "gate.json";

    /// <summary>The <c>verifiedLevels</c> entry of a gate in which no claim is blocked.</summary>
    public const string GatePassedLevel = "MLPERF_CLAIMS_V1_NOTHING_BLOCKED";

    /// <summary>
    /// Builds the statement of a gate run (unsigned): same shape as an audit's (in-toto v1, SLSA VSA predicate), with the
    /// claims file as subject, the gate rules as policy, PASSED when no claim is blocked, counts valid = claims not
    /// blocked and invalid = claims blocked, and the digest of <c>gate.json</c>.
    /// </summary>
    /// <param name="gateJson">The exact bytes of <c>gate.json</c>.</param>
    /// <param name="report">The gate report those bytes hold.</param>
    /// <param name="resourceUri">Absolute URI of the claims file, or <see cref="HashResourceUri"/> of its digest.</param>
    /// <param name="timeVerified">When the gate ran.</param>
    /// <exception cref="ArgumentException">The claims digest is not 64 hex characters or the URI is not absolute.</exception>
    public static InTotoStatement BuildGateStatement(ReadOnlySpan<byte> gateJson, GateReport report, string resourceUri, Instant timeVerified)
    {
        ArgumentNullException.ThrowIfNull(report);
        ThrowIfBadSubject(report.Claims.Sha256, "claims", resourceUri);

        var passed = report.NothingBlocked;
        var summary = new VerificationSummary(
            VerifierId,
            report.Tool.Name,
            report.Tool.Version,
            InstantPattern.General.Format(timeVerified),
            resourceUri,
            PolicyUriPrefix + Uri.EscapeDataString(report.Policy.Suite) + "/" + Uri.EscapeDataString(report.Policy.Round),
            report.Policy.Digest,
            passed,
            [passed ? GatePassedLevel : FailedLevel],
            report.Summary.Pass + report.Summary.Warn,
            report.Summary.Block,
            GateReportFileName,
            Convert.ToHexStringLower(SHA256.HashData(gateJson)));
        return new InTotoStatement([new StatementSubject(report.Claims.Name, report.Claims.Sha256)], summary);
    }

    /// <summary>Builds the gate statement, signs it and checks the signature against the signer's own public key.</summary>
    /// <param name="gateJson">The exact bytes of <c>gate.json</c>.</param>
    /// <param name="report">The gate report.</param>
    /// <param name="resourceUri">Absolute URI of the claims file.</param>
    /// <param name="signer">The signing key.</param>
    /// <param name="timeVerified">When the gate ran.</param>
    /// <param name="ct">Cancels a remote signing call.</param>
    public static Task<SignedAttestation> CreateGateAsync(
        ReadOnlyMemory<byte> gateJson,
        GateReport report,
        string resourceUri,
        ISigner signer,
        Instant timeVerified,
        CancellationToken ct = default)
        => SignStatementAsync(BuildGateStatement(gateJson.Span, report, resourceUri, timeVerified).ToCanonicalJson(), signer, ct);
}
