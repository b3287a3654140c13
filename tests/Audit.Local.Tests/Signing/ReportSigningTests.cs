using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Signing;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Local.Tests.Signing;

public sealed class ReportSigningTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SignAsync_WhenKeyFolderIsNew_WritesReportEnvelopeAndBundleThatVerify()
    {
        var report = SampleReports.Create(valid: 2, invalid: 1);
        var json = ReportJson.Serialize(report);
        var options = new ReportSigningOptions { OutputDirectory = _temp.Combine("out"), KeyDirectory = _temp.Combine("keys") };

        var files = await ReportSigning.SignAsync(json, report, options, TestClock.At2025);

        Assert.Equal(json, await File.ReadAllBytesAsync(files.ReportPath));
        Assert.Equal(Path.Combine(options.OutputDirectory, "report.dsse.json"), files.EnvelopePath);
        Assert.True(File.Exists(files.SigstoreBundlePath));
        var keys = PublicKeySet.TryRead(PublicKeyExport.ToJwks(LocalKeyStore.Open(options.KeyDirectory).PublicKeys()), out _)!;
        var result = EnvelopeVerifier.Verify(await File.ReadAllBytesAsync(files.EnvelopePath), keys, json, report.Bundle.Sha256);
        Assert.True(result.Verified, result.Message);
        Assert.Equal(files.KeyId, result.KeyId);
        Assert.Equal(ReportAttestation.HashResourceUri(report.Bundle.Sha256), result.Summary!.ResourceUri);
        Assert.Equal("2025-09-10T12:30:45Z", result.Summary.TimeVerified);
    }

    [Fact]
    public async Task SignAsync_WhenRunTwiceWithSameInputs_WritesIdenticalStatements()
    {
        var report = SampleReports.Create();
        var json = ReportJson.Serialize(report);
        var keys = _temp.Combine("keys");

        var first = await ReportSigning.SignAsync(json, report,
            new ReportSigningOptions { OutputDirectory = _temp.Combine("a"), KeyDirectory = keys }, TestClock.At2025);
        var second = await ReportSigning.SignAsync(json, report,
            new ReportSigningOptions { OutputDirectory = _temp.Combine("b"), KeyDirectory = keys }, TestClock.At2025);

        Assert.Equal(first.Attestation.Statement, second.Attestation.Statement);
        Assert.Equal(first.KeyId, second.KeyId);
    }

    [Fact]
    public async Task SignAsync_WhenSigstoreBundleIsOff_WritesNoBundle()
    {
        var report = SampleReports.Create();
        var options = new ReportSigningOptions { OutputDirectory = _temp.Combine("out"), KeyDirectory = _temp.Combine("keys"),
            WriteSigstoreBundle = false };

        var files = await ReportSigning.SignAsync(ReportJson.Serialize(report), report, options, TestClock.At2025);

        Assert.Null(files.SigstoreBundlePath);
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, ReportSigning.SigstoreBundleFileName)));
    }

    [Fact]
    public void Validate_WhenSeveralOptionsAreBad_ListsEveryProblem()
    {
        var file = _temp.Combine("f");
        File.WriteAllText(file, "x");
        var options = new ReportSigningOptions { OutputDirectory = file, KeyDirectory = file, ResourceUri = "not a uri" };

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("OutputDirectory", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("KeyDirectory", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("ResourceUri", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignAsync_WhenOptionsAreInvalid_ThrowsBeforeWriting()
    {
        var report = SampleReports.Create();
        var options = new ReportSigningOptions { OutputDirectory = _temp.Combine("out"), ResourceUri = "relative" };

        await Assert.ThrowsAsync<ArgumentException>(() => ReportSigning.SignAsync(ReportJson.Serialize(report), report, options, TestClock.At2025));
        Assert.False(Directory.Exists(options.OutputDirectory));
    }
}
