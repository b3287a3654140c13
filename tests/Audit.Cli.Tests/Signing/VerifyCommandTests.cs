using System.Text;
using MlPerfAudit.Local.Signing;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Cli.Tests.Signing;

public sealed class VerifyCommandTests(SignedReportFixture fixture) : IClassFixture<SignedReportFixture>
{
    [Fact]
    public void Verify_WhenEnvelopeReportAndBundleAreIntact_ExitsZeroAndPrintsSummary()
    {
        var (code, stdout, stderr) = CliHarness.Run("verify", fixture.Files.EnvelopePath, "--key", fixture.PublicKeyPath, "--report",
            fixture.Files.ReportPath, "--bundle", fixture.BundlePath);

        Assert.True(code == 0, stderr);
        Assert.Contains("verified: ", stdout, StringComparison.Ordinal);
        Assert.Contains(fixture.Files.KeyId, stdout, StringComparison.Ordinal);
        Assert.Contains("result:  FAILED (https://mlperf-audit.dev/policy/inference/v5.1, 2025-09-10T12:30:45Z)", stdout, StringComparison.Ordinal);
        Assert.Contains("report:  sha256 matches", stdout, StringComparison.Ordinal);
        Assert.Contains("bundle:  sha256 matches", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WhenOnlyEnvelopeAndKeyAreGiven_ExitsZeroAndSaysWhatWasNotChecked()
    {
        var (code, stdout, stderr) = CliHarness.Run("verify", fixture.Files.EnvelopePath, "--key", fixture.PublicKeyPath);

        Assert.True(code == 0, stderr);
        Assert.Contains("not checked (no --report)", stdout, StringComparison.Ordinal);
        Assert.Contains("not checked (no --bundle)", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payload", "does not verify")]
    [InlineData("signature", "")]
    [InlineData("raw", "not ASN.1 DER")]
    [InlineData("report", "the report's sha256")]
    [InlineData("bundle", "the bundle's sha256")]
    public void Verify_WhenSomethingWasTamperedWith_ExitsOneWithReason(string what, string reason)
    {
        var folder = what switch
        {
            "payload" => fixture.CopyWith(fixture.WithPayloadByteFlipped(10)),
            "signature" => fixture.CopyWith(fixture.WithSignatureByteFlipped(20)),
            "raw" => fixture.CopyWith(fixture.WithRawSignature()),
            "report" => fixture.CopyWith(reportJson: [.. fixture.ReportJsonBytes, (byte)' ']),
            _ => fixture.CopyWith(),
        };
        var bundle = Path.Combine(folder, "bundle.tar.gz");
        if (what == "bundle")
        {
            File.AppendAllText(bundle, "x");
        }

        var (code, stdout, stderr) = CliHarness.Run("verify", Path.Combine(folder, ReportSigning.EnvelopeFileName), "--key", fixture.PublicKeyPath,
            "--report", Path.Combine(folder, "report.json"), "--bundle", bundle);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.StartsWith("not verified: ", stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WhenKeyIsAnotherKey_ExitsOne()
    {
        using var temp = new TempFolder();
        var (_, otherPem, _) = CliHarness.Run("keys", "export", "--key-dir", temp.Combine("other"));
        var keyPath = temp.Combine("other.pem");
        File.WriteAllText(keyPath, otherPem);

        var (code, _, stderr) = CliHarness.Run("verify", fixture.Files.EnvelopePath, "--key", keyPath);

        Assert.Equal(1, code);
        Assert.Contains("no signature names a trusted key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WhenJwksKeepsRotatedKey_VerifiesReportSignedBeforeRotation()
    {
        using var temp = new TempFolder();
        var keyDir = temp.Combine("keys");
        CopyDirectory(fixture.KeyDirectory, keyDir);
        Assert.Equal(0, CliHarness.Run("keys", "rotate", "--key-dir", keyDir).Code);
        var (_, jwks, _) = CliHarness.Run("keys", "export", "--jwks", "--key-dir", keyDir);
        var jwksPath = temp.Combine("jwks.json");
        File.WriteAllText(jwksPath, jwks);

        var (code, stdout, stderr) = CliHarness.Run("verify", fixture.Files.EnvelopePath, "--key", jwksPath, "--report", fixture.Files.ReportPath);

        Assert.True(code == 0, stderr);
        Assert.Contains(fixture.Files.KeyId, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("envelope-missing")]
    [InlineData("envelope-not-json")]
    [InlineData("key-missing")]
    [InlineData("key-garbage")]
    [InlineData("report-missing")]
    [InlineData("bundle-missing")]
    public void Verify_WhenAnInputCannotBeRead_ExitsTwo(string what)
    {
        using var temp = new TempFolder();
        var envelope = fixture.Files.EnvelopePath;
        var key = fixture.PublicKeyPath;
        var args = new List<string>();
        switch (what)
        {
            case "envelope-missing":
                envelope = temp.Combine("none.json");
                break;
            case "envelope-not-json":
                envelope = temp.Combine("bad.json");
                File.WriteAllText(envelope, "{ not json");
                break;
            case "key-missing":
                key = temp.Combine("none.pem");
                break;
            case "key-garbage":
                key = temp.Combine("garbage.pem");
                File.WriteAllText(key, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
                break;
            case "report-missing":
                args.AddRange(["--report", temp.Combine("report.json")]);
                break;
            default:
                args.AddRange(["--bundle", temp.Combine("bundle.tar.gz")]);
                break;
        }

        var (code, stdout, stderr) = CliHarness.Run(["verify", envelope, "--key", key, .. args]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("mlperf-audit: verify: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WhenKeyOptionIsMissing_ExitsUsage()
    {
        var (code, _, _) = CliHarness.Run("verify", fixture.Files.EnvelopePath);

        Assert.Equal(64, code);
    }

    [Fact]
    public void Verify_WhenBundleIsAFolderAndNotTheSubject_ExitsOne()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("file.txt"), "x", Encoding.ASCII);

        var (code, _, stderr) = CliHarness.Run("verify", fixture.Files.EnvelopePath, "--key", fixture.PublicKeyPath, "--bundle", temp.Path);

        Assert.True(code == 1, stderr);
        Assert.Contains("the bundle's sha256", stderr, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        LocalKeyStore.Open(to); // creates the folder owner-only
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
