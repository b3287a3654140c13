using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary><c>index</c> writes a prior-logs index of the real corpus; <c>check --prior-logs</c> compares detail logs with it.</summary>
public sealed class IndexCommandTests
{
    private static readonly Lazy<string> CorpusIndex = new(() =>
    {
        var path = Path.Combine(CliHarness.TempFolder(), "v5.1-prior-logs.json");
        var (exit, stdout, stderr) = CliHarness.Run("index", RepoPaths.InferenceV51, "--out", path);
        Assert.True(exit == 0, stderr);
        Assert.Contains("28 detail logs of 14 results, round v5.1", stdout, StringComparison.Ordinal);
        return path;
    });

    private static string Azure => Path.Combine(RepoPaths.InferenceV51, "closed", "Azure");

    [Fact]
    public void Index_OnTheCorpus_WritesAValidIndexOfEveryDetailLog()
    {
        var read = PriorLogJson.Read(File.ReadAllBytes(CorpusIndex.Value));
        Assert.Empty(read.Errors);
        Assert.Equal(28, read.File!.Entries.Count);
        Assert.Equal("v5.1", Assert.Single(read.File.Sources).Round);
    }

    [Fact]
    public void Check_WhenCorpusMeetsItsOwnIndex_ExitsZeroAndPinsTheIndex()
    {
        var output = CliHarness.TempFolder();
        var (exit, _, stderr) = CliHarness.Run("check", RepoPaths.InferenceV51, "--out", output, "--no-sign", "--prior-logs", CorpusIndex.Value);
        Assert.True(exit == 0, stderr);
        var report = ReportJson.Deserialize(File.ReadAllBytes(Path.Combine(output, "report.json")));
        Assert.Equal(CorpusIndex.Value, Assert.Single(report.PriorLogs!).Name);
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Findings), f => f.Code.StartsWith("INF-CONS-", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_WhenRealResultsArePresentedAsALaterRound_ExitsOneWithReusedLogErrors()
    {
        var output = CliHarness.TempFolder();
        var (exit, _, _) = CliHarness.Run("check", Azure, "--round", "v6.0", "--out", output, "--no-sign", "--prior-logs", CorpusIndex.Value);
        Assert.Equal(1, exit);
        var report = ReportJson.Deserialize(File.ReadAllBytes(Path.Combine(output, "report.json")));
        Assert.Equal(8, report.Results.SelectMany(r => r.Findings).Count(f => f.Code == "INF-CONS-006"));
    }

    [Fact]
    public void Gate_WhenEvidenceReportHoldsALogOfAnEarlierRound_BlocksTheClaim()
    {
        var work = CliHarness.TempFolder();
        CliHarness.Run("check", Azure, "--round", "v6.0", "--out", work, "--no-sign", "--prior-logs", CorpusIndex.Value);
        var claims = Path.Combine(work, "claims.json");
        File.WriteAllText(claims, """
            { "version": 1, "claims": [
              { "id": "azure-70b-offline", "text": "Azure ND GB200 v6 delivers 52,000 tokens/s on one VM (Llama 2 70B, Offline).",
                "quantity": "throughput", "value": 52000, "unit": "tokens/s", "scenario": "Offline",
                "evidence": { "results": [
                  { "benchmark": "llama2-70b-99", "scenario": "Offline", "submitter": "Azure", "system": "ND_GB200_v6" } ] } } ] }
            """);
        var (exit, stdout, _) = CliHarness.Run("gate", claims, "--evidence", Path.Combine(work, "report.json"), "--no-sign", "--out",
            Path.Combine(work, "gate"));
        Assert.Equal(1, exit);
        Assert.Contains("CLM-EVD-002", stdout, StringComparison.Ordinal);
        Assert.Contains("(INF-CONS-006: ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenIndexIsMalformed_ExitsTwoNamingFileAndLine()
    {
        var bad = Path.Combine(CliHarness.TempFolder(), "bad.json");
        File.WriteAllText(bad, "{\n  \"version\": 1,\n  \"sources\": [],\n  \"entries\": [],\n  \"unknown\": true\n}\n");
        var (exit, _, stderr) = CliHarness.Run("check", Azure, "--out", CliHarness.TempFolder(), "--no-sign", "--prior-logs", bad);
        Assert.Equal(2, exit);
        Assert.Contains(bad + ": line 5:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenBundleIsTraining_RefusesPriorLogsAsUsage()
    {
        var (exit, _, stderr) = CliHarness.Run("check", RepoPaths.Corpus("training", "v6.0", "Azure"), "--out", CliHarness.TempFolder(), "--no-sign",
            "--prior-logs", CorpusIndex.Value);
        Assert.Equal(64, exit);
        Assert.Contains("inference bundles only", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_WhenBundleIsTraining_ExitsTwo()
    {
        var (exit, _, stderr) = CliHarness.Run("index", RepoPaths.Corpus("training", "v6.0", "Azure"), "--out",
            Path.Combine(CliHarness.TempFolder(), "x.json"));
        Assert.Equal(2, exit);
        Assert.Contains("inference detail logs only", stderr, StringComparison.Ordinal);
    }
}
