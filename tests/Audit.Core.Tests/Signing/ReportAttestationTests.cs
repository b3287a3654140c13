using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Tests.Shared;
using MlPerfAudit.Tests.Signing;
using NodaTime;

namespace MlPerfAudit.Core.Tests.Signing;

public sealed class ReportAttestationTests
{
    private static readonly Instant Time = Instant.FromUtc(2025, 9, 10, 12, 30, 45);
    private const string BlobUri = "https://acct.blob.core.windows.net/bundles/azure/bundle.tar.gz";

    [Fact]
    public void BuildStatement_WhenReportIsValid_MatchesGoldenStatementFile()
    {
        var report = SampleReports.Create(valid: 2, invalid: 0);
        var reportJson = ReportJson.Serialize(report);

        var statement = ReportAttestation.BuildStatement(reportJson, report, BlobUri, Time).ToCanonicalJson();

        var golden = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Signing", "TestData", "statement-passed.json"))
            .TrimEnd('\n');
        Assert.Equal(golden.Replace("{REPORT_SHA256}", Convert.ToHexStringLower(SHA256.HashData(reportJson)), StringComparison.Ordinal),
            Encoding.UTF8.GetString(statement));
    }

    [Fact]
    public void BuildStatement_WhenSameInputsTwice_ReturnsByteIdenticalStatements()
    {
        var first = SampleReports.Create(valid: 3, invalid: 1);
        var second = SampleReports.Create(valid: 3, invalid: 1);

        var a = ReportAttestation.BuildStatement(ReportJson.Serialize(first), first, BlobUri, Time).ToCanonicalJson();
        var b = ReportAttestation.BuildStatement(ReportJson.Serialize(second), second, BlobUri, Time).ToCanonicalJson();

        Assert.Equal(a, b);
    }

    [Fact]
    public void BuildStatement_WhenTimeDiffers_ReturnsDifferentStatements()
    {
        var report = SampleReports.Create();
        var json = ReportJson.Serialize(report);

        var a = ReportAttestation.BuildStatement(json, report, BlobUri, Time).ToCanonicalJson();
        var b = ReportAttestation.BuildStatement(json, report, BlobUri, Time + Duration.FromSeconds(1)).ToCanonicalJson();

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(2, 0, "PASSED", "MLPERF_INFERENCE_V5.1_VALID")]
    [InlineData(1, 1, "FAILED", "FAILED")]
    [InlineData(0, 3, "FAILED", "FAILED")]
    public void BuildStatement_WhenGivenCounts_WritesResultLevelAndCounts(int valid, int invalid, string result, string level)
    {
        var report = SampleReports.Create(valid, invalid);

        var json = JsonNode.Parse(ReportAttestation.BuildStatement(ReportJson.Serialize(report), report, BlobUri, Time).ToCanonicalJson())!;

        var predicate = json["predicate"]!;
        Assert.Equal(result, (string?)predicate["verificationResult"]);
        Assert.Equal(level, (string?)predicate["verifiedLevels"]![0]);
        Assert.Equal(valid, (int)predicate[VerificationSummary.ExtensionKey]!["counts"]!["valid"]!);
        Assert.Equal(invalid, (int)predicate[VerificationSummary.ExtensionKey]!["counts"]!["invalid"]!);
    }

    [Theory]
    [InlineData("ABC", BlobUri)]
    [InlineData(null, "relative/path")]
    [InlineData(null, "")]
    public void BuildStatement_WhenDigestOrUriIsMalformed_Throws(string? sha, string uri)
    {
        var report = SampleReports.Create(bundleSha256: sha);

        Assert.Throws<ArgumentException>(() => ReportAttestation.BuildStatement([], report, uri, Time));
    }

    [Fact]
    public void HashResourceUri_WhenGivenDigest_ReturnsRfc6920NiUri()
    {
        var uri = ReportAttestation.HashResourceUri(SampleReports.BundleSha256);

        Assert.StartsWith("ni:///sha-256;", uri, StringComparison.Ordinal);
        Assert.Equal(SampleReports.BundleSha256,
            Convert.ToHexStringLower(Convert.FromBase64String(uri["ni:///sha-256;".Length..].Replace('-', '+').Replace('_', '/') + "=")));
    }

    [Fact]
    public async Task CreateAsync_WhenSignerReturnsRawSignature_Throws()
    {
        using var signer = new EphemeralSigner { ReturnRawSignature = true };
        var report = SampleReports.Create();

        await Assert.ThrowsAsync<CryptographicException>(
            () => ReportAttestation.CreateAsync(ReportJson.Serialize(report), report, BlobUri, signer, Time));
    }

    [Fact]
    public async Task CreateAsync_WhenSigned_WritesEnvelopeAndSigstoreBundleOverTheStatement()
    {
        using var signer = new EphemeralSigner();
        var report = SampleReports.Create();

        var signed = await ReportAttestation.CreateAsync(ReportJson.Serialize(report), report, BlobUri, signer, Time);

        var envelope = DsseJson.TryRead(signed.EnvelopeJson, out _)!;
        Assert.Equal(signed.Statement, envelope.Payload.ToArray());
        Assert.Equal(signer.KeyId, envelope.Signatures[0].KeyId);
        var bundle = JsonNode.Parse(signed.SigstoreBundleJson)!;
        Assert.Equal(SigstoreBundle.MediaType, (string?)bundle["mediaType"]);
        Assert.Equal(signer.KeyId, (string?)bundle["verificationMaterial"]!["publicKey"]!["hint"]);
        Assert.Equal(Convert.ToBase64String(signed.Statement), (string?)bundle["dsseEnvelope"]!["payload"]);
    }
}
