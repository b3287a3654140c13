using System.IO.Compression;
using System.Text.Json;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

public sealed class CheckCommandTests
{
    private static string AzureSubmission => Path.Combine(RepoPaths.InferenceV51, "closed", "Azure");

    [Fact]
    public void Check_WhenCorpusIsValid_ExitsZeroAndWritesReport()
    {
        var output = CliHarness.TempFolder();
        var (exit, stdout, _) = CliHarness.Run("check", RepoPaths.InferenceV51, "--out", output);
        Assert.Equal(0, exit);
        Assert.Contains("14 valid, 0 invalid.", stdout, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(File.ReadAllBytes(Path.Combine(output, "report.json")));
        Assert.Equal(14, report.Summary.Valid);
        Assert.Equal("mlperf-audit", report.Tool.Name);
        Assert.Equal("v5.1", report.Rules.Round);
        Assert.Matches("^[0-9a-f]{64}$", report.Bundle.Sha256);
    }

    [Fact]
    public void Check_WhenSameFolderIsAuditedTwice_WritesIdenticalReports()
    {
        var first = CliHarness.TempFolder();
        var second = CliHarness.TempFolder();
        CliHarness.Run("check", AzureSubmission, "--out", first);
        CliHarness.Run("check", AzureSubmission, "--out", second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "report.json")), File.ReadAllBytes(Path.Combine(second, "report.json")));
    }

    [Fact]
    public void Check_WhenBundleIsAZipOfTheSubmission_GivesTheSameResultsAsTheFolder()
    {
        var work = CliHarness.TempFolder();
        var zip = Path.Combine(work, "azure.zip");
        ZipFile.CreateFromDirectory(RepoPaths.InferenceV51, zip);
        var (exit, _, _) = CliHarness.Run("check", zip, "--out", work, "--format", "json");
        Assert.Equal(0, exit);
        var report = ReportJson.Deserialize(File.ReadAllBytes(Path.Combine(work, "report.json")));
        Assert.Equal(14, report.Summary.Valid);
        Assert.Equal("azure.zip", report.Bundle.Name);
        using var hash = File.OpenRead(zip);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hash)), report.Bundle.Sha256);
    }

    [Fact]
    public void Check_WhenFormatIsJson_PrintsTheWholeReport()
    {
        var (exit, stdout, _) = CliHarness.Run("check", AzureSubmission, "--out", CliHarness.TempFolder(), "--format", "json");
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(4, document.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Check_WhenFormatIsMarkdown_PrintsATable()
    {
        var (_, stdout, _) = CliHarness.Run("check", AzureSubmission, "--out", CliHarness.TempFolder(), "--format", "markdown");
        Assert.Contains("| ND_GB200_v6 | llama2-70b-99 | Offline | 52,061.6 Tokens/s | 13,015.4 × 4 | valid |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithCsv_WritesOfficialColumnsAndValues()
    {
        var work = CliHarness.TempFolder();
        var csv = Path.Combine(work, "summary.csv");
        CliHarness.Run("check", AzureSubmission, "--out", work, "--csv", csv);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(string.Join(',', OfficialCsv.Columns), lines[0]);
        Assert.Equal(5, lines.Length);
        // The row the official v5.1.1 checker writes for this result, byte for byte.
        Assert.Contains(
            "Azure,available,closed,\"datacenter\",\"ND_GB200_v6\",ND_GB200_v6,llama2-70b-99,llama2-70b-99,Offline,52061.6,ROUGE1: 44.7494  "
            + "ROUGE2: 22.3586  ROUGEL: 29.1373  TOKENS_PER_SAMPLE: 273.4,1,\"NVIDIA Grace CPU\",2,144,\"NVIDIA "
            + "GB200\",\"4\",closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline,\"TensorRT 10.11, CUDA 12.9\",\"Ubuntu 24.04\",\"NVIDIA GB200 "
            + "NVL4\",1,0,v5.1,0,False,Tokens/s,\"fp4\"", lines);
    }

    [Fact]
    public void Check_WhenAResultIsInvalid_ExitsOne()
    {
        var work = CliHarness.TempFolder();
        var tree = Path.Combine(work, "tree");
        CopyTree(AzureSubmission, Path.Combine(tree, "closed", "Azure"));
        var log = Path.Combine(tree, "closed", "Azure", "results", "ND_GB200_v6", "llama2-70b-99", "Server", "performance", "run_1",
            "mlperf_log_detail.txt");
        File.WriteAllText(log,
            File.ReadAllText(log)
            .Replace("\"key\": \"result_validity\", \"value\": \"VALID\"", "\"key\": \"result_validity\", \"value\": \"INVALID\"",
            StringComparison.Ordinal));
        var (exit, stdout, _) = CliHarness.Run("check", tree, "--out", work);
        Assert.Equal(1, exit);
        Assert.Contains("INF-LOG-004", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("does-not-exist")]
    public void Check_WhenPathDoesNotExist_ExitsTwoWithMessage(string path)
    {
        var (exit, _, stderr) = CliHarness.Run("check", path, "--out", CliHarness.TempFolder());
        Assert.Equal(2, exit);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenFileIsNotAnArchive_ExitsTwoWithMessage()
    {
        var work = CliHarness.TempFolder();
        var file = Path.Combine(work, "bundle.zip");
        File.WriteAllText(file, "this is not a zip");
        var (exit, _, stderr) = CliHarness.Run("check", file, "--out", work);
        Assert.Equal(2, exit);
        Assert.Contains("bundle.zip", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenFolderHoldsNoResults_ExitsTwo()
    {
        var work = CliHarness.TempFolder();
        File.WriteAllText(Path.Combine(work, "notes.txt"), "hello");
        var (exit, _, stderr) = CliHarness.Run("check", work, "--out", Path.Combine(work, "out"));
        Assert.Equal(2, exit);
        Assert.Contains("no MLPerf result", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "x", "--format", "pdf")]
    [InlineData("check", "x", "--round", "v1.0")]
    [InlineData("frobnicate")]
    public void Check_WhenUsageIsWrong_Exits64(params string[] args)
        => Assert.Equal(64, CliHarness.Run(args).Exit);

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
    }
}

public sealed class CheckSigningTests
{
    [Fact]
    public void Check_ByDefault_SignsAndTheEnvelopeVerifiesWithTheExportedKey()
    {
        var output = CliHarness.TempFolder();
        var keys = CliHarness.TempFolder();
        Directory.Delete(keys);
        var (exit, stdout, _) = CliHarness.Run("check", Path.Combine(RepoPaths.InferenceV51, "closed", "Azure"), "--out", output, "--key-dir", keys);
        Assert.Equal(0, exit);
        Assert.Contains("report.dsse.json", stdout, StringComparison.Ordinal);
        var pem = Path.Combine(output, "key.pem");
        var export = CliHarness.Run("keys", "export", "--key-dir", keys);
        Assert.Equal(0, export.Exit);
        File.WriteAllText(pem, export.Out);
        var verify = CliHarness.Run("verify", Path.Combine(output, "report.dsse.json"), "--key", pem,
            "--report", Path.Combine(output, "report.json"), "--bundle", Path.Combine(RepoPaths.InferenceV51, "closed", "Azure"));
        Assert.Equal(0, verify.Exit);
    }

    [Fact]
    public void Check_WithFixedVerificationTime_WritesByteIdenticalEnvelopes()
    {
        var keys = CliHarness.TempFolder();
        Directory.Delete(keys);
        var first = CliHarness.TempFolder();
        var second = CliHarness.TempFolder();
        var bundle = Path.Combine(RepoPaths.InferenceV51, "closed", "Azure");
        CliHarness.Run("check", bundle, "--out", first, "--key-dir", keys, "--verified-at", "2026-11-22T00:00:00Z");
        CliHarness.Run("check", bundle, "--out", second, "--key-dir", keys, "--verified-at", "2026-11-22T00:00:00Z");
        var a = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(first, "report.dsse.json"))).RootElement.GetProperty("payload")
            .GetString();
        var b = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(second, "report.dsse.json"))).RootElement.GetProperty("payload")
            .GetString();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Check_WithNoSign_WritesNoEnvelope()
    {
        var output = CliHarness.TempFolder();
        CliHarness.Run("check", Path.Combine(RepoPaths.InferenceV51, "closed", "Azure"), "--out", output, "--no-sign");
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        Assert.False(File.Exists(Path.Combine(output, "report.dsse.json")));
    }

    [Fact]
    public void Check_WhenVerifiedAtIsNotATime_Exits64()
        => Assert.Equal(64, CliHarness.Run("check", RepoPaths.InferenceV51, "--out", CliHarness.TempFolder(), "--verified-at", "yesterday").Exit);
}
