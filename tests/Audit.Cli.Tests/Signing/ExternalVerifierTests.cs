using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Local.Signing;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Cli.Tests.Signing;

/// <summary>
/// Envelopes made by our code, checked by three verifiers we did not write: openssl (through the exact commands of
/// docs/verify.md, the "verify-commands" and "verify-folder" blocks), Debian's python3-securesystemslib and @sigstore/verify. Under CI=true a
/// missing tool fails these tests; locally they skip.
/// </summary>
public sealed partial class ExternalVerifierTests(SignedReportFixture fixture) : IClassFixture<SignedReportFixture>
{
    private const string EnvelopeFile = ReportSigning.EnvelopeFileName;

    private static string VerifyDocPath => Path.Combine(MlPerfAudit.Tests.Shared.RepoPaths.Root, "docs", "verify.md");

    [ExternalToolFact("bash", "openssl", "jq", "base64", "sha256sum")]
    public void ReadmeCommands_WhenReportIsIntact_VerifyEveryStep()
    {
        ExternalTools.Require("bash", "openssl", "jq", "base64", "sha256sum");

        var result = RunReadme("verify-commands", fixture.CopyWith());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Verified OK", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("report.json: OK", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bundle.tar.gz: OK", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(result.Stdout, fixture.Files.KeyId)); // step 1: the key's digest and the envelope's keyid
    }

    [ExternalToolFact("bash", "openssl", "jq", "base64", "sha256sum")]
    public void ReadmeCommands_WhenAnyOfManyPayloadBytesIsFlipped_FailVerification()
    {
        ExternalTools.Require("bash", "openssl", "jq", "base64", "sha256sum");
        foreach (var i in SignedReportFixture.Positions(fixture.Envelope.Payload.Length))
        {
            var result = RunReadme("verify-commands", fixture.CopyWith(fixture.WithPayloadByteFlipped(i, 0x04)));

            Assert.True(result.ExitCode != 0, $"payload byte {i}: {result}");
            Assert.DoesNotContain("Verified OK", result.Stdout, StringComparison.Ordinal);
        }
    }

    [ExternalToolFact("bash", "openssl", "jq", "base64", "sha256sum")]
    public void ReadmeCommands_WhenAnyOfManySignatureBytesIsFlipped_FailVerification()
    {
        ExternalTools.Require("bash", "openssl", "jq", "base64", "sha256sum");
        foreach (var i in SignedReportFixture.Positions(fixture.Envelope.Signatures[0].Signature.Length))
        {
            var result = RunReadme("verify-commands", fixture.CopyWith(fixture.WithSignatureByteFlipped(i)));

            Assert.True(result.ExitCode != 0, $"signature byte {i}: {result}");
            Assert.DoesNotContain("Verified OK", result.Stdout, StringComparison.Ordinal);
        }
    }

    [ExternalToolFact("bash", "openssl", "jq", "base64", "sha256sum")]
    public void ReadmeCommands_WhenAnyOfManyReportBytesIsFlipped_FailAtTheReportDigest()
    {
        ExternalTools.Require("bash", "openssl", "jq", "base64", "sha256sum");
        foreach (var i in SignedReportFixture.Positions(fixture.ReportJsonBytes.Length))
        {
            var report = (byte[])fixture.ReportJsonBytes.Clone();
            report[i] ^= 0x01;

            var result = RunReadme("verify-commands", fixture.CopyWith(reportJson: report));

            Assert.True(result.ExitCode != 0, $"report byte {i}: {result}");
            Assert.Contains("Verified OK", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("report.json: FAILED", result.Stdout, StringComparison.Ordinal);
        }
    }

    [ExternalToolFact("bash", "openssl", "jq", "base64", "sha256sum")]
    public void ReadmeCommands_WhenSignatureIsRawRs_FailVerification()
    {
        ExternalTools.Require("bash", "openssl", "jq", "base64", "sha256sum");

        var result = RunReadme("verify-commands", fixture.CopyWith(fixture.WithRawSignature()));

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.DoesNotContain("Verified OK", result.Stdout, StringComparison.Ordinal);
    }

    [ExternalToolFact("bash", "jq", "sha256sum", "find", "xargs")]
    public void ReadmeFolderCommand_WhenBundleIsAFolder_MatchesOurManifestDigest()
    {
        ExternalTools.Require("bash", "jq", "sha256sum", "find", "xargs");
        var folder = fixture.CopyWith();
        var bundle = Path.Combine(folder, "bundle-folder");
        Directory.CreateDirectory(Path.Combine(bundle, "closed", "Azure", "results"));
        File.WriteAllText(Path.Combine(bundle, "closed", "Azure", "results", "mlperf_log_summary.txt"), "Result is : VALID\n");
        File.WriteAllText(Path.Combine(bundle, "closed", "Azure", "README.md"), "# a b\n");
        File.WriteAllText(Path.Combine(bundle, "Zeta name.txt"), "z\n");
        string digest;
        using (var opened = BundleOpener.Open(bundle, BundleLimits.Default, out var error))
        {
            Assert.Null(error);
            digest = opened!.Sha256;
        }

        File.WriteAllText(Path.Combine(folder, "statement.json"), $$$"""{"subject":[{"name":"bundle-folder","digest":{"sha256":"{{{digest}}}"}}]}""");

        var result = RunReadme("verify-folder", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("-: OK", result.Stdout, StringComparison.Ordinal);
    }

    [ExternalToolFact("securesystemslib")]
    public void Securesystemslib_WhenReportIsIntact_VerifiesSignatureReportAndBundle()
    {
        ExternalTools.Require("securesystemslib");
        var folder = fixture.CopyWith();

        var result = Sslib(folder, EnvelopeFile, "mlperf-audit.pub.pem", "report.json", "bundle.tar.gz");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("signature OK, keyid " + fixture.Files.KeyId, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("report digest OK", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bundle digest OK", result.Stdout, StringComparison.Ordinal);
    }

    [ExternalToolFact("securesystemslib")]
    public void Securesystemslib_WhenPayloadOrSignatureByteIsFlippedOrSignatureIsRaw_Fails()
    {
        ExternalTools.Require("securesystemslib");
        var tampered = SignedReportFixture.Positions(fixture.Envelope.Payload.Length, 8).Select(i => fixture.WithPayloadByteFlipped(i))
            .Concat(SignedReportFixture.Positions(fixture.Envelope.Signatures[0].Signature.Length, 8)
                .Select(i => fixture.WithSignatureByteFlipped(i)))
            .Append(fixture.WithRawSignature());
        foreach (var envelope in tampered)
        {
            var result = Sslib(fixture.CopyWith(envelope), EnvelopeFile, "mlperf-audit.pub.pem");

            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.DoesNotContain("signature OK", result.Stdout, StringComparison.Ordinal);
        }
    }

    [ExternalToolFact("securesystemslib")]
    public void Securesystemslib_WhenReportByteIsFlipped_FailsAtTheReportDigest()
    {
        ExternalTools.Require("securesystemslib");
        var report = (byte[])fixture.ReportJsonBytes.Clone();
        report[report.Length / 2] ^= 0x01;

        var result = Sslib(fixture.CopyWith(reportJson: report), EnvelopeFile, "mlperf-audit.pub.pem", "report.json");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("report digest mismatch", result.Stderr, StringComparison.Ordinal);
    }

    [ExternalToolTheory("sigstore")]
    [InlineData(ReportSigning.SigstoreBundleFileName)]
    [InlineData(ReportSigning.EnvelopeFileName)]
    public void SigstoreVerify_WhenSignedFileIsIntact_Verifies(string signedFile)
    {
        ExternalTools.Require("sigstore");

        var result = Sigstore(fixture.CopyWith(), signedFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("@sigstore/verify OK key " + fixture.Files.KeyId, result.Stdout, StringComparison.Ordinal);
    }

    [ExternalToolFact("sigstore")]
    public void SigstoreVerify_WhenPayloadOrSignatureByteIsFlippedOrSignatureIsRaw_Fails()
    {
        ExternalTools.Require("sigstore");
        var tampered = SignedReportFixture.Positions(fixture.Envelope.Payload.Length, 8).Select(i => fixture.WithPayloadByteFlipped(i))
            .Concat(SignedReportFixture.Positions(fixture.Envelope.Signatures[0].Signature.Length, 8)
                .Select(i => fixture.WithSignatureByteFlipped(i)))
            .Append(fixture.WithRawSignature());
        foreach (var envelope in tampered)
        {
            var result = Sigstore(fixture.CopyWith(envelope), EnvelopeFile);

            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.DoesNotContain("OK", result.Stdout, StringComparison.Ordinal);
        }
    }

    private static ProcessResult RunReadme(string block, string folder)
    {
        var markdown = File.ReadAllText(VerifyDocPath);
        var match = Regex.Match(markdown, $"<!-- {block}:begin -->\\s*```bash\\n(?<script>.*?)```\\s*<!-- {block}:end -->", RegexOptions.Singleline);
        Assert.True(match.Success, $"block {block} not found in {VerifyDocPath}");
        var script = Path.Combine(folder, block + ".sh");
        File.WriteAllText(script, match.Groups["script"].Value);
        return ExternalTools.Run("bash", folder, "-e", "-o", "pipefail", script);
    }

    private static ProcessResult Sslib(string folder, params string[] args)
        => ExternalTools.Run(ExternalTools.Python, folder, [Path.Combine(ExternalTools.VerifiersDirectory, "sslib-verify.py"), .. args]);

    private static ProcessResult Sigstore(string folder, string signedFile)
        => ExternalTools.Run("node", ExternalTools.VerifiersDirectory, Path.Combine(ExternalTools.VerifiersDirectory, "sigstore-verify.js"),
            Path.Combine(folder, signedFile), Path.Combine(folder, "mlperf-audit.pub.pem"));
}
