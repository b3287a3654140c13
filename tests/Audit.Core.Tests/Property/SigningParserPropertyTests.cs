using FsCheck;
using System.Security.Cryptography;
using System.Text;
using FsCheck.Fluent;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties over the signature readers: DSSE envelopes, the verifier end to end, and public key sets
/// (PEM or JWKS).
/// Every property: arbitrary bytes, format tokens mixed with noise, and real corpus files mutated
/// (<see cref="HostileBytes"/>) give a result, or the parser's declared input error — never another exception and
/// never a hang (<see cref="PropertyRuns"/>: fixed seed, 100 cases per property in CI).
/// </summary>
public sealed class SigningParserPropertyTests
{
    private static readonly Lazy<(byte[] Pem, byte[] Jwks, byte[] Envelope)> Signing = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var payload = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Signing/TestData/statement-passed.json"));
        var envelope = Envelope(key, spki, payload);
        return (Encoding.ASCII.GetBytes(PublicKeyExport.ToPem(spki)), PublicKeyExport.ToJwks([spki]), Encoding.UTF8.GetBytes(envelope));
    });

    [AuditProperty]
    public Property DsseJsonTryRead_OnHostileBytes_ReturnsAnEnvelopeOrAnError()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Signing.Value.Envelope), bytes =>
            Assert.True(DsseJson.TryRead(bytes, out var error) is not null ^ error is not null));

    /// <summary>
    /// <c>verify</c> end to end: hostile envelope bytes, and hostile statements signed with the trusted key (so the statement
    /// reader is reached too), give a verdict with a reason, never an exception.
    /// </summary>
    [AuditProperty]
    public Property EnvelopeVerifierVerify_OnHostileEnvelopesAndSignedHostileStatements_GivesAVerdict()
    {
        // Not disposed here: the property runs (and signs) after this method returns.
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var keys = PublicKeySet.FromSpki(spki);
        var statement = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Signing/TestData/statement-passed.json"));
        byte[] Sign(byte[] payload) => Encoding.UTF8.GetBytes(Envelope(key, spki, payload));
        var envelopes = Gen.OneOf(HostileBytes.Mixed(Sign(statement)).Generator, HostileBytes.Mutated(statement).Select(Sign));
        return PropertyRuns.ForAll(envelopes.ToArbitrary(), bytes =>
        {
            var verdict = EnvelopeVerifier.Verify(bytes, keys, "{}"u8.ToArray(), new string('0', 64));
            Assert.True(verdict.Verified || !string.IsNullOrEmpty(verdict.Message));
        });
    }

    [AuditProperty]
    public Property PublicKeySetTryRead_OnHostilePemOrJwks_ReturnsKeysOrAnError()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Signing.Value.Pem, Signing.Value.Jwks), bytes =>
            Assert.True(PublicKeySet.TryRead(bytes, out var error) is not null ^ error is not null));

    /// <summary>A DSSE envelope of <paramref name="payload"/> (in-toto), signed with <paramref name="key"/> (ECDSA P-256, DER).</summary>
    private static string Envelope(ECDsa key, byte[] spki, byte[] payload)
    {
        var signature = key.SignData(
            Pae.Encode("application/vnd.in-toto+json", payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return $$"""{"payloadType":"application/vnd.in-toto+json","payload":"{{Convert.ToBase64String(payload)}}","""
            + $$"""
            "signatures":[{"keyid":"{{KeyIds.Of(spki)}}","sig":"{{Convert.ToBase64String(signature)}}"}]}
            """;
    }
}
