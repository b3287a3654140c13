using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>The README's gate example, run end to end through the CLI with real evidence and published tables.</summary>
public sealed class GateCommandTests
{
    private static string ReadmeClaims => Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Claims", "TestData", "readme-claims.json");

    private static string[] Evidence =>
    [
        "--evidence", Path.Combine(RepoPaths.InferenceV51, "closed", "Azure"), RepoPaths.Corpus("training", "v6.0", "Azure"),
        "--baselines", Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json"),
    ];

    [Fact]
    public void Gate_WhenAClaimExtrapolatesOneVmToARack_BlocksItExitsOneAndSignsTheGateReport()
    {
        var output = CliHarness.TempFolder();
        var keys = Path.Combine(CliHarness.TempFolder(), "keys");
        var (exit, stdout, _) = CliHarness.Run(["gate", ReadmeClaims, .. Evidence, "--out", output, "--key-dir", keys]);
        Assert.Equal(1, exit);
        Assert.Contains("PASS   azure-70b-offline", stdout, StringComparison.Ordinal);
        Assert.Contains("CLM-EXTRAP-001", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS   azure-405b-ttt", stdout, StringComparison.Ordinal);

        var pem = Path.Combine(output, "key.pem");
        File.WriteAllText(pem, CliHarness.Run("keys", "export", "--key-dir", keys).Out);
        var verify = CliHarness.Run("verify", Path.Combine(output, "gate.dsse.json"), "--key", pem, "--report", Path.Combine(output, "gate.json"),
            "--bundle", ReadmeClaims);
        Assert.Equal(0, verify.Exit);
    }

    [Fact]
    public void Gate_WhenClaimsFileIsMissing_ExitsTwoNamingIt()
    {
        var (exit, _, stderr) = CliHarness.Run(["gate", "no-such-claims.json", .. Evidence, "--out", CliHarness.TempFolder(), "--no-sign"]);
        Assert.Equal(2, exit);
        Assert.Contains("no-such-claims.json", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gate")]
    [InlineData("gate", "claims.json", "--format", "pdf")]
    public void Gate_WhenUsageIsWrong_Exits64(params string[] args) => Assert.Equal(64, CliHarness.Run(args).Exit);
}
