using System.Security.Cryptography;
using Azure;
using MlPerfAudit.Azure.Signing;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Tests.Signing;
using NodaTime;

namespace MlPerfAudit.Azure.Tests.Signing;

public sealed class KeyVaultSignerTests : IAsyncLifetime
{
    private LoopbackKeyVault _vault = null!;

    public async Task InitializeAsync() => _vault = await LoopbackKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private KeyVaultSignerOptions Options(string? version = null) => new()
    {
        VaultUri = _vault.VaultUri,
        KeyName = LoopbackKeyVault.KeyName,
        KeyVersion = version ?? LoopbackKeyVault.KeyVersion,
        ClientOptions = NoRetry(_vault),
    };

    [Fact]
    public async Task CreateAsync_WhenKeyExists_ReadsPublicKeyAndKeyIds()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));

        Assert.Equal(_vault.Key.ExportSubjectPublicKeyInfo(), signer.PublicKeySpki.ToArray());
        Assert.Equal(KeyIds.Of(signer.PublicKeySpki.Span), signer.KeyId);
        Assert.Equal(_vault.KeyVaultKeyId, signer.KeyVaultKeyId);
        Assert.Equal($"GET /keys/{LoopbackKeyVault.KeyName}/{LoopbackKeyVault.KeyVersion}?api-version=7.4", Assert.Single(_vault.Requests));
    }

    [Fact]
    public async Task SignAsync_WhenVaultSigns_SendsSha256OfPaeAndReturnsDerThatVerifies()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));
        var pae = Pae.Encode(DsseEnvelope.InTotoPayloadType, "{}"u8);

        var signature = await signer.SignAsync(pae);

        var body = Assert.Single(_vault.SignBodies);
        Assert.Equal("ES256", (string?)body["alg"]);
        Assert.Equal(SHA256.HashData(pae), LoopbackKeyVault.FromB64Url((string)body["value"]!));
        Assert.Contains($"POST /keys/{LoopbackKeyVault.KeyName}/{LoopbackKeyVault.KeyVersion}/sign?api-version=7.4", _vault.Requests);
        Assert.True(EcdsaSignatureFormat.IsStrictDer(signature));
        Assert.True(_vault.Key.VerifyData(pae, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task CreateAsync_WhenReportIsSignedThroughKeyVault_EnvelopeVerifiesWithJwksOfTheVaultKey()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));
        var report = SampleReports.Create(valid: 5, invalid: 0);
        var json = ReportJson.Serialize(report);

        var signed = await ReportAttestation.CreateAsync(json, report, "https://acct.blob.core.windows.net/bundles/b.tar.gz", signer,
            Instant.FromUtc(2025, 1, 1, 0, 0));

        var keys = PublicKeySet.TryRead(PublicKeyExport.ToJwks([signer.PublicKeySpki]), out _)!;
        var result = EnvelopeVerifier.Verify(signed.EnvelopeJson, keys, json, report.Bundle.Sha256);
        Assert.True(result.Verified, result.Message);
        Assert.Equal("PASSED", result.Summary!.VerificationResult);
    }

    [Fact]
    public async Task SignAsync_WhenManyConcurrentCalls_AllSignaturesVerify()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));
        var payloads = Enumerable.Range(0, 20).Select(i => Pae.Encode("t", [(byte)i])).ToList();

        var signatures = await Task.WhenAll(payloads.Select(p => signer.SignAsync(p)));

        Assert.All(payloads.Zip(signatures),
            pair => Assert.True(EnvelopeVerifier.VerifySignature(signer.PublicKeySpki.Span, pair.First, pair.Second)));
    }

    [Fact]
    public async Task CreateAsync_WhenTokenIsWrong_ThrowsRequestFailedWith401()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential("wrong")));

        Assert.Equal(401, ex.Status);
    }

    [Fact]
    public async Task CreateAsync_WhenVersionIsUnknown_ThrowsRequestFailedWithKeyNotFound()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(
            () => KeyVaultSigner.CreateAsync(Options("ffffffffffffffffffffffffffffffff"), new StaticTokenCredential(LoopbackKeyVault.Token)));

        Assert.Equal(404, ex.Status);
        Assert.Equal("KeyNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task SignAsync_WhenVaultAnswersWithDerInsteadOfRawRs_Throws()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));
        _vault.SignatureOverride = rs => LoopbackKeyVault.B64Url(EcdsaSignatureFormat.P1363ToDer(rs));

        await Assert.ThrowsAsync<RequestFailedException>(() => signer.SignAsync("x"u8.ToArray()));
    }

    [Fact]
    public async Task SignAsync_WhenVaultAnswersForAnotherKey_Throws()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));
        _vault.KidOverride = new Uri(_vault.VaultUri, "keys/other/1").ToString();

        await Assert.ThrowsAsync<RequestFailedException>(() => signer.SignAsync("x"u8.ToArray()));
    }

    [Fact]
    public async Task CreateAsync_WhenReportSignedAndVaultSignatureIsWrong_RefusesToWriteEnvelope()
    {
        var signer = await KeyVaultSigner.CreateAsync(Options(), new StaticTokenCredential(LoopbackKeyVault.Token));
        _vault.SignatureOverride = rs => LoopbackKeyVault.B64Url([.. rs[..32], .. rs[..32]]);
        var report = SampleReports.Create();

        await Assert.ThrowsAsync<CryptographicException>(
            () => ReportAttestation.CreateAsync(ReportJson.Serialize(report), report, "https://x.example/b", signer,
            Instant.FromUtc(2025, 1, 1, 0, 0)));
    }

    [Fact]
    public void Validate_WhenEverythingIsWrong_ListsEveryProblem()
    {
        var options = new KeyVaultSignerOptions { VaultUri = new Uri("http://vault.example/"), KeyName = "bad name!", KeyVersion = "", Scope = " " };

        var errors = options.Validate();

        Assert.Equal(["VaultUri", "KeyName", "KeyVersion", "Scope"], errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task CreateAsync_WhenOptionsAreInvalid_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        var options = Options() with { KeyVersion = "" };

        await Assert.ThrowsAsync<ArgumentException>(() => KeyVaultSigner.CreateAsync(options, new StaticTokenCredential(LoopbackKeyVault.Token)));
        Assert.Empty(_vault.Requests);
    }

    private static KeyVaultSignerClientOptions NoRetry(LoopbackKeyVault vault)
    {
        var options = new KeyVaultSignerClientOptions { Transport = vault.Transport };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
