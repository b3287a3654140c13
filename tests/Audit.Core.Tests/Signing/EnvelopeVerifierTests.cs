using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Tests.Signing;
using NodaTime;

namespace MlPerfAudit.Core.Tests.Signing;

public sealed class EnvelopeVerifierTests : IDisposable
{
    private static readonly Instant Time = Instant.FromUtc(2025, 9, 10, 12, 30, 45);
    private readonly EphemeralSigner _signer = new();
    private readonly AuditReport _report = SampleReports.Create(valid: 3, invalid: 1);
    private readonly byte[] _reportJson;
    private readonly SignedAttestation _signed;

    public EnvelopeVerifierTests()
    {
        _reportJson = ReportJson.Serialize(_report);
        _signed = ReportAttestation.CreateAsync(_reportJson, _report, ReportAttestation.HashResourceUri(_report.Bundle.Sha256), _signer, Time)
            .GetAwaiter().GetResult();
    }

    private PublicKeySet Keys => PublicKeySet.FromSpki(_signer.PublicKeySpki);

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void Verify_WhenEnvelopeReportAndBundleAreIntact_Verifies()
    {
        var result = EnvelopeVerifier.Verify(_signed.EnvelopeJson, Keys, _reportJson, SampleReports.BundleSha256);

        Assert.True(result.Verified, result.Message);
        Assert.Equal(_signer.KeyId, result.KeyId);
        Assert.Equal("FAILED", result.Summary!.VerificationResult);
        Assert.Equal(SampleReports.BundleSha256, Assert.Single(result.Summary.Subjects).Sha256);
    }

    [Fact]
    public void Verify_WhenPemKeyIsGiven_Verifies()
    {
        var keys = PublicKeySet.TryRead(Encoding.ASCII.GetBytes(_signer.PublicKeyPem), out var error);

        Assert.Null(error);
        Assert.True(EnvelopeVerifier.Verify(_signed.EnvelopeJson, keys!).Verified);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x80)]
    [InlineData(0xff)]
    public void Verify_WhenAnyPayloadByteIsFlipped_Fails(int mask)
    {
        var payload = _signed.Statement;
        for (var i = 0; i < payload.Length; i++)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= (byte)mask;
            var envelope = _signed.Envelope with { Payload = tampered };

            var result = EnvelopeVerifier.Verify(DsseJson.Write(envelope), Keys);

            Assert.False(result.Verified, $"payload byte {i} ^ 0x{mask:x2} still verified");
            Assert.Equal(VerificationFailure.SignatureInvalid, result.Failure);
        }
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x80)]
    [InlineData(0xff)]
    public void Verify_WhenAnySignatureByteIsFlipped_Fails(int mask)
    {
        var signature = _signed.Envelope.Signatures[0].Signature.ToArray();
        for (var i = 0; i < signature.Length; i++)
        {
            var tampered = (byte[])signature.Clone();
            tampered[i] ^= (byte)mask;
            var envelope = _signed.Envelope with { Signatures = [new DsseSignature(_signer.KeyId, tampered)] };

            var result = EnvelopeVerifier.Verify(DsseJson.Write(envelope), Keys);

            Assert.False(result.Verified, $"signature byte {i} ^ 0x{mask:x2} still verified");
            Assert.Contains(result.Failure, new VerificationFailure?[] { VerificationFailure.SignatureInvalid, VerificationFailure.SignatureNotDer });
        }
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x80)]
    [InlineData(0xff)]
    public void Verify_WhenAnyReportByteIsFlipped_FailsWithReportDigestMismatch(int mask)
    {
        for (var i = 0; i < _reportJson.Length; i++)
        {
            var tampered = (byte[])_reportJson.Clone();
            tampered[i] ^= (byte)mask;

            var result = EnvelopeVerifier.Verify(_signed.EnvelopeJson, Keys, tampered);

            Assert.False(result.Verified, $"report byte {i} ^ 0x{mask:x2} still verified");
            Assert.Equal(VerificationFailure.ReportDigestMismatch, result.Failure);
        }
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x20)]
    public void Verify_WhenAnyEnvelopeFileByteIsFlipped_NeverVerifiesADifferentStatement(int mask)
    {
        // Flipping a byte of the file may land in base64 padding bits or a JSON key; whatever still parses
        // must carry exactly the signed payload and signature, or fail.
        var file = _signed.EnvelopeJson;
        for (var i = 0; i < file.Length; i++)
        {
            var tampered = (byte[])file.Clone();
            tampered[i] ^= (byte)mask;

            var result = EnvelopeVerifier.Verify(tampered, Keys, _reportJson);

            if (result.Verified)
            {
                var reread = DsseJson.TryRead(tampered, out _)!;
                Assert.Equal(_signed.Statement, reread.Payload.ToArray());
            }
        }
    }

    [Fact]
    public void Verify_WhenSignatureIsRawRs_FailsAsNotDer()
    {
        var raw = _signer.SignRaw(_signed.Envelope.PreAuthenticationEncoding());
        var envelope = _signed.Envelope with { Signatures = [new DsseSignature(_signer.KeyId, raw)] };

        var result = EnvelopeVerifier.Verify(DsseJson.Write(envelope), Keys);

        Assert.Equal(64, raw.Length);
        Assert.Equal(VerificationFailure.SignatureNotDer, result.Failure);
    }

    [Fact]
    public void Verify_WhenPayloadTypeDiffers_FailsWithPayloadTypeMismatch()
    {
        var envelope = _signed.Envelope with { PayloadType = "application/json" };

        var result = EnvelopeVerifier.Verify(DsseJson.Write(envelope), Keys);

        Assert.Equal(VerificationFailure.PayloadTypeMismatch, result.Failure);
    }

    [Fact]
    public void Verify_WhenBundleDigestDiffers_FailsWithBundleDigestMismatch()
    {
        var result = EnvelopeVerifier.Verify(_signed.EnvelopeJson, Keys, _reportJson, new string('0', 64));

        Assert.Equal(VerificationFailure.BundleDigestMismatch, result.Failure);
    }

    [Fact]
    public void Verify_WhenSignedByAnotherKey_FailsWithNoTrustedKey()
    {
        using var other = new EphemeralSigner();

        var result = EnvelopeVerifier.Verify(_signed.EnvelopeJson, PublicKeySet.FromSpki(other.PublicKeySpki));

        Assert.Equal(VerificationFailure.NoTrustedKey, result.Failure);
    }

    [Fact]
    public void Verify_WhenKeyIdHintIsEmpty_TriesEveryKey()
    {
        using var other = new EphemeralSigner();
        var envelope = _signed.Envelope with { Signatures = [_signed.Envelope.Signatures[0] with { KeyId = string.Empty }] };

        var result = EnvelopeVerifier.Verify(DsseJson.Write(envelope), PublicKeySet.FromSpki(other.PublicKeySpki, _signer.PublicKeySpki));

        Assert.True(result.Verified, result.Message);
    }

    [Fact]
    public async Task Verify_WhenJwksKeepsRotatedKey_VerifiesOldAndNewReportsByKid()
    {
        using var next = new EphemeralSigner();
        var newer = await ReportAttestation.CreateAsync(_reportJson, _report, "https://example.org/b", next, Time);
        var jwks = Jwks(next, _signer);

        var keys = PublicKeySet.TryRead(jwks, out var error)!;

        Assert.Null(error);
        var old = EnvelopeVerifier.Verify(_signed.EnvelopeJson, keys);
        var current = EnvelopeVerifier.Verify(newer.EnvelopeJson, keys);
        Assert.True(old.Verified, old.Message);
        Assert.Equal(_signer.KeyId, old.KeyId);
        Assert.True(current.Verified, current.Message);
        Assert.Equal(next.KeyId, current.KeyId);
    }

    [Fact]
    public void Verify_WhenJwksLacksTheKid_FailsWithNoTrustedKey()
    {
        using var other = new EphemeralSigner();

        var result = EnvelopeVerifier.Verify(_signed.EnvelopeJson, PublicKeySet.TryRead(Jwks(other), out _)!);

        Assert.Equal(VerificationFailure.NoTrustedKey, result.Failure);
    }

    [Fact]
    public async Task Verify_WhenSignedPayloadIsNotAStatement_FailsWithStatementInvalid()
    {
        var payload = """{"_type":"https://in-toto.io/Statement/v1","subject":[],"predicateType":"x","predicate":{}}"""u8.ToArray();
        var signature = await _signer.SignAsync(Pae.Encode(DsseEnvelope.InTotoPayloadType, payload));
        var envelope = new DsseEnvelope(DsseEnvelope.InTotoPayloadType, payload, [new DsseSignature(_signer.KeyId, signature)]);

        var result = EnvelopeVerifier.Verify(DsseJson.Write(envelope), Keys);

        Assert.Equal(VerificationFailure.StatementInvalid, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    public void Verify_WhenInputIsNotAnEnvelope_FailsWithoutThrowing(string text)
    {
        var result = EnvelopeVerifier.Verify(Encoding.UTF8.GetBytes(text), Keys);

        Assert.Equal(VerificationFailure.EnvelopeUnreadable, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    [InlineData("{}")]
    [InlineData("""{"keys":[]}""")]
    [InlineData("""{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}""")]
    public void TryRead_WhenKeyFileIsUnusable_ReturnsNullWithError(string text)
    {
        var keys = PublicKeySet.TryRead(Encoding.UTF8.GetBytes(text), out var error);

        Assert.Null(keys);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryRead_WhenPemHoldsP384Key_ReturnsNullWithError()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Null(PublicKeySet.TryRead(Encoding.ASCII.GetBytes(p384.ExportSubjectPublicKeyInfoPem()), out _));
    }

    private static byte[] Jwks(params EphemeralSigner[] signers)
    {
        var keys = new JsonArray();
        foreach (var signer in signers)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(signer.PublicKeySpki.Span, out _);
            var q = ecdsa.ExportParameters(false).Q;
            keys.Add(new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Convert.ToBase64String(q.X!).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                ["y"] = Convert.ToBase64String(q.Y!).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                ["kid"] = signer.KeyId,
            });
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = keys }.ToJsonString());
    }
}
