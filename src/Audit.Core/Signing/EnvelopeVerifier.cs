using System.Security.Cryptography;
using System.Text.Json;

namespace MlPerfAudit.Core.Signing;

/// <summary>Why an envelope did not verify. Numbers are stable.</summary>
public enum VerificationFailure
{
    /// <summary>The bytes are not a DSSE envelope.</summary>
    EnvelopeUnreadable = 1,

    /// <summary>payloadType is not <c>application/vnd.in-toto+json</c>.</summary>
    PayloadTypeMismatch = 2,

    /// <summary>No signature names a key we trust.</summary>
    NoTrustedKey = 3,

    /// <summary>The signature is not ASN.1 DER (e.g. a raw 64-byte r‖s).</summary>
    SignatureNotDer = 4,

    /// <summary>The signature does not verify with the trusted key.</summary>
    SignatureInvalid = 5,

    /// <summary>The signed payload is not an in-toto v1 statement with a verification summary.</summary>
    StatementInvalid = 6,

    /// <summary>The report's SHA-256 differs from the digest in the statement.</summary>
    ReportDigestMismatch = 7,

    /// <summary>The bundle's SHA-256 matches no subject of the statement.</summary>
    BundleDigestMismatch = 8,
}

/// <summary>What a verified statement says.</summary>
/// <param name="Subjects">The statement's subjects (name, sha256).</param>
/// <param name="VerificationResult"><c>PASSED</c> or <c>FAILED</c>.</param>
/// <param name="TimeVerified">RFC 3339 time of the audit.</param>
/// <param name="ResourceUri">The bundle's URI.</param>
/// <param name="PolicyUri">Rules suite and round.</param>
/// <param name="ReportSha256">Digest of the full report, when the statement carries one.</param>
public sealed record AttestedSummary(
    IReadOnlyList<StatementSubject> Subjects,
    string VerificationResult,
    string TimeVerified,
    string ResourceUri,
    string PolicyUri,
    string? ReportSha256);

/// <summary>The outcome of verifying an envelope.</summary>
/// <param name="Failure">Why it failed; null when verified.</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="KeyId">The kid of the key that verified the signature.</param>
/// <param name="Summary">The statement's content, once the signature verified.</param>
public sealed record EnvelopeVerification(VerificationFailure? Failure, string Message, string? KeyId, AttestedSummary? Summary)
{
    /// <summary>True when every requested check passed.</summary>
    public bool Verified => Failure is null;

    internal static EnvelopeVerification Fail(VerificationFailure failure, string message, string? keyId = null, AttestedSummary? summary = null)
        => new(failure, message, keyId, summary);
}

/// <summary>
/// Verifies a report envelope: the payload type, an ECDSA P-256 DER signature by a trusted key over the PAE,
/// the statement's shape, and, when given, the report's and the bundle's digests. Never throws on bad input.
/// </summary>
public static class EnvelopeVerifier
{
    /// <summary>Verifies <paramref name="envelopeJson"/>.</summary>
    /// <param name="envelopeJson">Bytes of <c>report.dsse.json</c>.</param>
    /// <param name="keys">Trusted keys.</param>
    /// <param name="reportJson">Bytes of <c>report.json</c>, to check against the statement's report digest; null skips the check
    /// (an array rather than a nullable memory, so a null can never turn into an empty report by implicit conversion).</param>
    /// <param name="bundleSha256">Hex SHA-256 of the bundle, to check against the statement's subjects.</param>
    public static EnvelopeVerification Verify(
        ReadOnlySpan<byte> envelopeJson,
        PublicKeySet keys,
        byte[]? reportJson = null,
        string? bundleSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var envelope = DsseJson.TryRead(envelopeJson, out var error);
        if (envelope is null)
        {
            return EnvelopeVerification.Fail(VerificationFailure.EnvelopeUnreadable, $"not a DSSE envelope: {error}");
        }

        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
        {
            return EnvelopeVerification.Fail(
                VerificationFailure.PayloadTypeMismatch,
                $"payloadType is '{envelope.PayloadType}', expected '{DsseEnvelope.InTotoPayloadType}'");
        }

        var verifiedKey = FindVerifiedKey(envelope, keys, out var failure, out var message);
        if (verifiedKey is null)
        {
            return EnvelopeVerification.Fail(failure, message);
        }

        var summary = ReadStatement(envelope.Payload.Span, out error);
        if (summary is null)
        {
            return EnvelopeVerification.Fail(
                VerificationFailure.StatementInvalid, $"the signed payload is not a report statement: {error}", verifiedKey);
        }

        return CheckDigests(summary, reportJson, bundleSha256, verifiedKey)
            ?? new EnvelopeVerification(null, $"verified with key {verifiedKey}", verifiedKey, summary);
    }

    /// <summary>
    /// The id of the first trusted key a signature verifies with; null with the failure to report otherwise (a signature
    /// not in DER or not verifying counts over a key not trusted).
    /// </summary>
    private static string? FindVerifiedKey(DsseEnvelope envelope, PublicKeySet keys, out VerificationFailure failure, out string message)
    {
        var pae = envelope.PreAuthenticationEncoding();
        var verifiedKey = (string?)null;
        failure = VerificationFailure.NoTrustedKey;
        var kids = envelope.Signatures.Select(s => s.KeyId.Length == 0 ? "<none>" : s.KeyId);
        message = "no signature names a trusted key (kids: " + string.Join(", ", kids) + ")";
        foreach (var signature in envelope.Signatures)
        {
            foreach (var key in keys.Candidates(signature.KeyId))
            {
                if (!EcdsaSignatureFormat.IsStrictDer(signature.Signature.Span))
                {
                    if (failure == VerificationFailure.NoTrustedKey)
                    {
                        failure = VerificationFailure.SignatureNotDer;
                        message = $"the signature is not ASN.1 DER ({signature.Signature.Length} bytes; raw r‖s is rejected)";
                    }

                    break;
                }

                if (VerifySignature(key.Spki.Span, pae, signature.Signature.Span))
                {
                    verifiedKey = key.KeyId;
                    break;
                }

                failure = VerificationFailure.SignatureInvalid;
                message = $"the signature does not verify with key {key.KeyId}";
            }

            if (verifiedKey is not null)
            {
                break;
            }
        }

        return verifiedKey;
    }

    /// <summary>The failure when the report's or the bundle's digest is not the statement's; null when both match or are not given.</summary>
    private static EnvelopeVerification? CheckDigests(AttestedSummary summary, byte[]? reportJson, string? bundleSha256, string verifiedKey)
    {
        if (reportJson is not null)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(reportJson));
            if (summary.ReportSha256 is null || !string.Equals(actual, summary.ReportSha256, StringComparison.OrdinalIgnoreCase))
            {
                return EnvelopeVerification.Fail(
                    VerificationFailure.ReportDigestMismatch,
                    $"the report's sha256 is {actual}, the statement says {summary.ReportSha256 ?? "<none>"}",
                    verifiedKey,
                    summary);
            }
        }

        if (bundleSha256 is not null && !summary.Subjects.Any(s => string.Equals(s.Sha256, bundleSha256, StringComparison.OrdinalIgnoreCase)))
        {
            return EnvelopeVerification.Fail(
                VerificationFailure.BundleDigestMismatch,
                $"the bundle's sha256 is {bundleSha256}, the statement's subject is {string.Join(", ", summary.Subjects.Select(s => s.Sha256))}",
                verifiedKey,
                summary);
        }

        return null;
    }

    /// <summary>True when <paramref name="signature"/> is a strict-DER ECDSA P-256/SHA-256 signature of <paramref name="data"/>.</summary>
    public static bool VerifySignature(ReadOnlySpan<byte> spki, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!EcdsaSignatureFormat.IsStrictDer(signature))
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static AttestedSummary? ReadStatement(ReadOnlySpan<byte> payload, out string? error)
    {
        error = null;
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            // Checked up front: JsonDocument checks strings only when they are read (InvalidOperationException).
            error = "the statement is not valid UTF-8";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            var root = document.RootElement;
            if (Text(root, "_type") != InTotoStatement.StatementType)
            {
                error = $"_type is not {InTotoStatement.StatementType}";
                return null;
            }

            if (Text(root, "predicateType") != InTotoStatement.PredicateType)
            {
                error = $"predicateType is not {InTotoStatement.PredicateType}";
                return null;
            }

            var subjects = ReadSubjects(root, out error);
            if (subjects is null)
            {
                return null;
            }

            if (!root.TryGetProperty("predicate", out var predicate) || predicate.ValueKind != JsonValueKind.Object)
            {
                error = "the statement has no predicate";
                return null;
            }

            var result = Text(predicate, "verificationResult");
            if (result is not ("PASSED" or "FAILED"))
            {
                error = "verificationResult is neither PASSED nor FAILED";
                return null;
            }

            var reportSha = ReportSha256(predicate);
            var policyUri = predicate.TryGetProperty("policy", out var policy) ? Text(policy, "uri") : null;
            return new AttestedSummary(
                subjects,
                result,
                Text(predicate, "timeVerified") ?? string.Empty,
                Text(predicate, "resourceUri") ?? string.Empty,
                policyUri ?? string.Empty,
                reportSha);
        }
        catch (JsonException ex)
        {
            error = $"not JSON ({ex.Message})";
            return null;
        }
    }

    /// <summary>The statement's subjects; null with the error when one has no SHA-256 digest or there is none.</summary>
    private static List<StatementSubject>? ReadSubjects(JsonElement root, out string? error)
    {
        error = null;
        var subjects = new List<StatementSubject>();
        if (root.TryGetProperty("subject", out var subjectArray) && subjectArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var subject in subjectArray.EnumerateArray())
            {
                var sha = subject.ValueKind == JsonValueKind.Object && subject.TryGetProperty("digest", out var digest)
                    ? Text(digest, "sha256")
                    : null;
                if (!ReportAttestation.IsSha256Hex(sha))
                {
                    error = "a subject has no sha256 digest";
                    return null;
                }

                subjects.Add(new StatementSubject(Text(subject, "name") ?? string.Empty, sha!));
            }
        }

        if (subjects.Count == 0)
        {
            error = "the statement has no subject";
            return null;
        }

        return subjects;
    }

    /// <summary>The report digest of the predicate's MLPerf Audit extension, when it has one.</summary>
    private static string? ReportSha256(JsonElement predicate)
        => predicate.TryGetProperty(VerificationSummary.ExtensionKey, out var extension)
           && extension.ValueKind == JsonValueKind.Object
           && extension.TryGetProperty("report", out var reportRef)
           && reportRef.ValueKind == JsonValueKind.Object
           && reportRef.TryGetProperty("digest", out var reportDigest)
            ? Text(reportDigest, "sha256")
            : null;

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
