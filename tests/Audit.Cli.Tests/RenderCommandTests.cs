using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

public sealed class RenderCommandTests
{
    private static readonly string Azure = RepoPaths.Corpus("inference", "v5.1", "closed", "Azure");

    // A key folder of this class: other test classes run in parallel and generate the shared key on first use.
    private static readonly string Keys = Path.Combine(CliHarness.TempFolder(), "keys");

    [Fact]
    public void Check_WhenFormatHtml_WritesReportHtmlBesideReportJsonShowingTheSigningKey()
    {
        var folder = CliHarness.TempFolder();

        var (exit, stdout, _) = CliHarness.Run("check", Azure, "--out", folder, "--format", "html", "--key-dir", Keys);

        Assert.Equal(0, exit);
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("HTML: " + Path.Combine(folder, "report.html"), stdout, StringComparison.Ordinal);
        var keyId = stdout[(stdout.LastIndexOf("(key ", StringComparison.Ordinal) + 5)..].TrimEnd().TrimEnd(')');
        Assert.Matches("^[0-9a-f]{64}$", keyId);
        Assert.Contains(keyId, html, StringComparison.Ordinal);
        Assert.Contains("signed (by this run)", html, StringComparison.Ordinal);
        Assert.Contains("All 4 results valid", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenEnvelopeAndTrustedKeyMatch_WritesAVerifiedPageAndExits0()
    {
        var (folder, pem) = SignedAzure();
        var page = Path.Combine(folder, "page.html");

        var (exit, stdout, stderr) = CliHarness.Run("render", Path.Combine(folder, "report.json"), "--format", "html",
            "--envelope", Path.Combine(folder, "report.dsse.json"), "--key", pem, "--out", page);

        Assert.True(exit == 0, stderr);
        Assert.Contains("signature: verified", stdout, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("Signature: <strong>verified</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenReportWasChangedAfterSigning_SaysVerificationFailedAndExits1()
    {
        var (folder, pem) = SignedAzure();
        var reportPath = Path.Combine(folder, "report.json");
        File.WriteAllText(reportPath, File.ReadAllText(reportPath).Replace("52061.6", "62061.6", StringComparison.Ordinal));

        var (exit, stdout, stderr) = CliHarness.Run("render", reportPath, "--envelope", Path.Combine(folder, "report.dsse.json"), "--key", pem);

        Assert.Equal(1, exit);
        Assert.Contains("not verified", stderr, StringComparison.Ordinal);
        Assert.Contains("verification FAILED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenEnvelopeWithoutKey_ShowsTheKeyIdAsNotChecked()
    {
        var (folder, _) = SignedAzure();

        var (exit, stdout, _) = CliHarness.Run("render", Path.Combine(folder, "report.json"), "--envelope", Path.Combine(folder, "report.dsse.json"));

        Assert.Equal(0, exit);
        Assert.Contains("present, not checked (no trusted key given)", stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileEnvelopes() =>
    [
        "{\"signatures\": [1]}",
        "{\"signatures\": [{\"keyid\": 7}]}",
        "{\"payloadType\": \"a\", \"payload\": \"e30=\", \"signatures\": [{\"keyid\": \"\u00ff\u00fe\", \"sig\": \"AA==\"}]}",
        "[]",
    ];

    [Theory]
    [MemberData(nameof(HostileEnvelopes))]
    public void Render_WhenEnvelopeWithoutKeyIsHostile_RendersWithoutAStackTrace(string envelope)
    {
        var folder = CliHarness.TempFolder();
        Assert.Equal(0, CliHarness.Run("check", Azure, "--out", folder, "--no-sign").Exit);
        var envelopePath = Path.Combine(folder, "report.dsse.json");
        File.WriteAllText(envelopePath, envelope);

        var (exit, stdout, stderr) = CliHarness.Run("render", Path.Combine(folder, "report.json"), "--envelope", envelopePath);

        Assert.Equal(0, exit);
        Assert.Contains("present, not checked", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenEnvelopeHasInvalidUtf8InItsKeyId_RendersWithoutAStackTrace()
    {
        var folder = CliHarness.TempFolder();
        Assert.Equal(0, CliHarness.Run("check", Azure, "--out", folder, "--no-sign").Exit);
        var envelopePath = Path.Combine(folder, "report.dsse.json");
        File.WriteAllBytes(envelopePath, [.. "{\"signatures\": [{\"keyid\": \""u8, 0xFF, .. "\"}]}"u8]);

        var (exit, stdout, stderr) = CliHarness.Run("render", Path.Combine(folder, "report.json"), "--envelope", envelopePath);

        Assert.Equal(0, exit);
        Assert.Contains("present, not checked", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenFormatMarkdown_PrintsTheChecklistAndTable()
    {
        var folder = CliHarness.TempFolder();
        Assert.Equal(0, CliHarness.Run("check", Azure, "--out", folder, "--no-sign").Exit);

        var (exit, stdout, _) = CliHarness.Run("render", Path.Combine(folder, "report.json"), "--format", "markdown");

        Assert.Equal(0, exit);
        Assert.Contains("## MLPerf Audit: ✅ All results valid", stdout, StringComparison.Ordinal);
        Assert.Contains("- [x] every result valid (4/4)", stdout, StringComparison.Ordinal);
        Assert.Contains("- [ ] signature: not signed", stdout, StringComparison.Ordinal);
        Assert.Contains("| ND_GB200_v6 | llama2-70b-99 | Offline | 52,061.6 Tokens/s | 13,015.4 × 4 | valid |", stdout, StringComparison.Ordinal);
        Assert.Contains("| ND_GB200_v6 llama2-70b-99 Server |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenReportIsNotAReport_NamesTheFileAndLineAndExits2()
    {
        var folder = CliHarness.TempFolder();
        var path = Path.Combine(folder, "report.json");
        File.WriteAllText(path, "{\n  \"tool\": {\"name\": \"x\", \"version\": \"1\"},\n  \"surprise\": 1\n}\n");

        var (exit, _, stderr) = CliHarness.Run("render", path);

        Assert.Equal(2, exit);
        Assert.Matches(
            $"^mlperf-audit: render: {System.Text.RegularExpressions.Regex.Escape(path)} at line [0-9]+, byte [0-9]+: not an MLPerf Audit report",
            stderr);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json")]
    public void Render_WhenReportFileMissing_Exits2WithItsName(string name)
    {
        var path = Path.Combine(CliHarness.TempFolder(), name);

        var (exit, _, stderr) = CliHarness.Run("render", path);

        Assert.Equal(2, exit);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenKeyWithoutEnvelope_IsBadUsage()
    {
        var (exit, _, stderr) = CliHarness.Run("render", "report.json", "--key", "k.pem");

        Assert.Equal(64, exit);
        Assert.Contains("--key needs --envelope", stderr, StringComparison.Ordinal);
    }

    private static (string Folder, string Pem) SignedAzure()
    {
        var folder = CliHarness.TempFolder();
        Assert.Equal(0, CliHarness.Run("check", Azure, "--out", folder, "--key-dir", Keys).Exit);
        var (exit, pem, _) = CliHarness.Run("keys", "export", "--key-dir", Keys);
        Assert.Equal(0, exit);
        var pemPath = Path.Combine(folder, "mlperf-audit.pub.pem");
        File.WriteAllText(pemPath, pem);
        return (folder, pemPath);
    }
}
