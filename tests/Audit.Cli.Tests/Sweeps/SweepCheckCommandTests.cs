using MlPerfAudit.Core.Reports;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests.Sweeps;

/// <summary><c>mlperf-audit check</c> on the real H200 sweep of ../shared/corpus/sweeps.</summary>
public sealed class SweepCheckCommandTests
{
    private static string Sweep => RepoPaths.Corpus("sweeps", "h200-llama-0.9b-mbs");

    [Fact]
    public void Check_WhenSweepWithoutClaim_DetectsSweepAndExitsZero()
    {
        var output = CliHarness.TempFolder();

        var (exit, stdout, stderr) = CliHarness.Run("check", Sweep, "--out", output, "--no-sign");

        Assert.True(exit == 0, stderr);
        Assert.Contains("5 valid, 0 invalid.", stdout, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(File.ReadAllBytes(Path.Combine(output, "report.json")));
        Assert.Equal("sweep", report.Rules.Suite);
        Assert.Null(report.Sweep!.Recommendation);
    }

    [Fact]
    public void Check_WhenMbs2ClaimedFastestPerToken_ExitsOneAndNamesMbs16()
    {
        var output = CliHarness.TempFolder();

        var (exit, stdout, _) = CliHarness.Run("check", Sweep, "--out", output, "--no-sign", "--claim-optimal", "MBS=2", "--criterion",
            "tokens-per-gpu");

        Assert.Equal(1, exit);
        Assert.Contains("SWP-REC-001", stdout, StringComparison.Ordinal);
        Assert.Contains("Claim MBS=2 optimal by tokens-per-gpu: REJECTED", stdout, StringComparison.Ordinal);
        Assert.Matches(@"MBS=16,TP=1,PP=1,CP=1\s+0\.4480\s+0\.4474\s+0\.4507\s+0\.4%\s+73,145\s+39\.3%", stdout);
        var report = ReportJson.Deserialize(File.ReadAllBytes(Path.Combine(output, "report.json")));
        Assert.Equal(("rejected", "MBS=16,TP=1,PP=1,CP=1"), (report.Sweep!.Recommendation!.Outcome, report.Sweep.Recommendation.Best));
    }

    [Fact]
    public void Check_WhenMbs16ClaimedAndSigned_ExitsZero()
    {
        var output = CliHarness.TempFolder();

        var (exit, _, stderr) = CliHarness.Run("check", Sweep, "--out", output, "--claim-optimal", "MBS=16,TP=1,PP=1,CP=1");

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(Path.Combine(output, "report.dsse.json")));
    }

    [Theory]
    [InlineData("--claim-optimal", "MBS=two")]
    [InlineData("--telemetry-utc-offset", "5000")]
    public void Check_WhenSweepOptionIsBad_ExitsUsage(string option, string value)
    {
        var (exit, _, stderr) = CliHarness.Run("check", Sweep, "--out", CliHarness.TempFolder(), "--no-sign", option, value);

        Assert.Equal(64, exit);
        Assert.StartsWith("mlperf-audit: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenClaimGivenForInferenceBundle_ExitsUsage()
    {
        var (exit, _, stderr) = CliHarness.Run("check", RepoPaths.InferenceV51, "--out", CliHarness.TempFolder(), "--no-sign", "--claim-optimal",
            "MBS=2");

        Assert.Equal(64, exit);
        Assert.Contains("sweep bundles only", stderr, StringComparison.Ordinal);
    }
}
