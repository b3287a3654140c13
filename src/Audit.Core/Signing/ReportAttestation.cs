using System.Security.Cryptography;
using MlPerfAudit.Core.Reports;
using NodaTime;
using NodaTime.Text;

namespace MlPerfAudit.Core.Signing;

/// <summary>
/// Builds and signs the attestation of one report: an in-toto statement whose subject is the audited bundle
/// and whose predicate summarizes the verdict and binds <c>report.json</c> by digest, wrapped in a DSSE envelope.
/// The statement depends only on its inputs, so the same report, resource URI and time give the same bytes.
/// </summary>
public static partial class ReportAttestation
{
    /// <summary><c>verifier.id</c> of every statement we write.</summary>
    public const string VerifierId = "https://mlperf-audit.dev/verifier";

    /// <summary>Prefix of <c>policy.uri</c>; the suite and round follow, e.g. <c>…/policy/inference/v5.1</c>.</summary>
    public const string PolicyUriPrefix = "https://mlperf-audit.dev/policy/";

    /// <summary>The name of the full report beside the envelope.</summary>
    public const string ReportFileName = "report.json";

    /// <summary>The <c>verifiedLevels</c> entry of a failed audit (VSA: "FAILED if policy verification failed").</summary>
    public const string FailedLevel = "FAILED";

    /// <summary>The default resource URI for a bundle that has no URL: an RFC 6920 <c>ni:///sha-256;…</c> hash name.</summary>
    /// <param name="sha256Hex">Hex SHA-256 of the bundle.</param>
    public static string HashResourceUri(string sha256Hex)
        => "ni:///sha-256;" + Convert.ToBase64String(Convert.FromHexString(sha256Hex)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Builds the statement (unsigned).</summary>
    /// <param name="reportJson">The exact bytes of <c>report.json</c> as written beside the envelope.</param>
    /// <param name="report">The report those bytes hold; its bundle becomes the subject.</param>
    /// <param name="resourceUri">Absolute URI of the bundle (blob URL), or <see cref="HashResourceUri"/>.</param>
    /// <param name="timeVerified">When the audit ran; written as RFC 3339 UTC, whole seconds.</param>
    /// <exception cref="ArgumentException">The bundle digest is not 64 hex characters or the URI is not absolute.</exception>
    public static InTotoStatement BuildStatement(ReadOnlySpan<byte> reportJson, AuditReport report, string resourceUri, Instant timeVerified)
    {
        ArgumentNullException.ThrowIfNull(report);
        ThrowIfBadSubject(report.Bundle.Sha256, "bundle", resourceUri);

        var passed = report.AllValid;
        var level = $"MLPERF_{report.Rules.Suite}_{report.Rules.Round}_VALID".ToUpperInvariant();
        var summary = new VerificationSummary(
            VerifierId,
            report.Tool.Name,
            report.Tool.Version,
            InstantPattern.General.Format(timeVerified),
            resourceUri,
            PolicyUriPrefix + Uri.EscapeDataString(report.Rules.Suite) + "/" + Uri.EscapeDataString(report.Rules.Round),
            report.Rules.Digest,
            passed,
            [passed ? level : FailedLevel],
            report.Summary.Valid,
            report.Summary.Invalid,
            ReportFileName,
            Convert.ToHexStringLower(SHA256.HashData(reportJson)));
        return new InTotoStatement([new StatementSubject(report.Bundle.Name, report.Bundle.Sha256)], summary);
    }

    /// <summary>Builds the statement, signs it and checks the signature against the signer's own public key.</summary>
    /// <param name="reportJson">The exact bytes of <c>report.json</c>.</param>
    /// <param name="report">The report those bytes hold.</param>
    /// <param name="resourceUri">Absolute URI of the bundle.</param>
    /// <param name="signer">The signing key.</param>
    /// <param name="timeVerified">When the audit ran.</param>
    /// <param name="ct">Cancels a remote signing call.</param>
    /// <exception cref="CryptographicException">The signer returned a signature its own public key does not verify.</exception>
    public static async Task<SignedAttestation> CreateAsync(
        ReadOnlyMemory<byte> reportJson,
        AuditReport report,
        string resourceUri,
        ISigner signer,
        Instant timeVerified,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var statement = BuildStatement(reportJson.Span, report, resourceUri, timeVerified).ToCanonicalJson();
        return await SignStatementAsync(statement, signer, ct).ConfigureAwait(false);
    }

    /// <summary>Signs canonical statement bytes into a DSSE envelope (and its Sigstore bundle), checking the signature against the signer's public
    /// key.</summary>
    /// <param name="statement">Canonical in-toto statement bytes (the DSSE payload).</param>
    /// <param name="signer">The signing key.</param>
    /// <param name="ct">Cancels a remote signing call.</param>
    /// <exception cref="CryptographicException">The signer returned a signature its own public key does not verify.</exception>
    public static async Task<SignedAttestation> SignStatementAsync(byte[] statement, ISigner signer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(signer);
        var pae = Pae.Encode(DsseEnvelope.InTotoPayloadType, statement);
        var signature = await signer.SignAsync(pae, ct).ConfigureAwait(false);
        if (!EnvelopeVerifier.VerifySignature(signer.PublicKeySpki.Span, pae, signature))
        {
            throw new CryptographicException($"signer {signer.KeyId} returned a signature that its public key does not verify (is it DER?)");
        }

        var envelope = new DsseEnvelope(DsseEnvelope.InTotoPayloadType, statement, [new DsseSignature(signer.KeyId, signature)]);
        return new SignedAttestation(statement, envelope, DsseJson.Write(envelope), SigstoreBundle.Wrap(envelope, signer.KeyId));
    }

    internal static bool IsSha256Hex(string? text)
        => text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Checks a statement's subject digest and resource URI before anything is signed.</summary>
    private static void ThrowIfBadSubject(string sha256, string what, string resourceUri)
    {
        ArgumentNullException.ThrowIfNull(resourceUri);
        if (!IsSha256Hex(sha256))
        {
            throw new ArgumentException($"{what} digest '{sha256}' is not 64 lower-case hex characters", nameof(sha256));
        }

        if (!Uri.TryCreate(resourceUri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"resource URI '{resourceUri}' is not an absolute URI", nameof(resourceUri));
        }
    }
}

/// <summary>A signed report attestation.</summary>
/// <param name="Statement">The canonical statement bytes (the DSSE payload).</param>
/// <param name="Envelope">The envelope.</param>
/// <param name="EnvelopeJson">The envelope as written to <c>report.dsse.json</c>.</param>
/// <param name="SigstoreBundleJson">The same envelope as a Sigstore bundle v0.3, for <c>report.sigstore.json</c>.</param>
public sealed record SignedAttestation(byte[] Statement, DsseEnvelope Envelope, byte[] EnvelopeJson, byte[] SigstoreBundleJson);
