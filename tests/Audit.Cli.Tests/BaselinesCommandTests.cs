using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary><c>baselines check</c> lists the rows of a published table whose unit is not their metric's (INF-CONS-008).</summary>
public sealed class BaselinesCommandTests
{
    private static string Table(string folder) => Path.Combine(RepoPaths.Shared, "baselines", folder, "summary_results.json");

    [Fact]
    public void BaselinesCheck_OnTheV51Table_ListsEveryMismatchWithItsLineAndExitsOne()
    {
        var path = Table("mlcommons-inference_results_v5.1");
        var (exit, stdout, _) = CliHarness.Run("baselines", "check", path);
        Assert.Equal(1, exit);
        var findings = stdout.Split('\n').Where(l => l.Contains(" INF-CONS-008 warning: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(45, findings.Count);
        Assert.All(findings, l => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:[0-9]+: ", l));
        Assert.Equal(37, findings.Count(l => l.Contains(" whisper Offline) gives ", StringComparison.Ordinal)));
        Assert.Contains("1448 rows, 1448 inference rows checked, 45 unit mismatches.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BaselinesCheck_OnTheV60Table_ChecksEveryRow_AndFindsTheWhisperRows()
    {
        var (exit, stdout, _) = CliHarness.Run("baselines", "check", Table("gbeezybez-inference_results_v6.0"));
        Assert.Equal(1, exit);
        Assert.Contains("520 rows, 520 inference rows checked, 37 unit mismatches.", stdout, StringComparison.Ordinal);
        Assert.Equal(37, stdout.Split('\n').Count(l => l.Contains(" whisper Offline) gives ", StringComparison.Ordinal)));
    }

    [Fact]
    public void BaselinesCheck_WhenTableIsMissing_ExitsTwo()
    {
        var missing = Path.Combine(CliHarness.TempFolder(), "none.json");
        var (exit, _, stderr) = CliHarness.Run("baselines", "check", missing);
        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithAMislabelledTable_WarnsOnStandardError()
    {
        var (exit, _, stderr) = CliHarness.Run("check", Path.Combine(RepoPaths.InferenceV51, "closed", "Azure"), "--out", CliHarness.TempFolder(),
            "--no-sign",
            "--baselines", Table("mlcommons-inference_results_v5.1"));
        Assert.Equal(0, exit);
        Assert.Contains("45 row(s) give a unit other than their metric's (INF-CONS-008", stderr, StringComparison.Ordinal);
    }
}
