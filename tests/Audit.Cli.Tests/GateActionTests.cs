using System.Diagnostics;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// Runs the gate step of action.yml and of ci-templates/azure-pipelines-gate.yml (.github/actions/gate/gate.sh) as the
/// runner does: the built CLI, a temp GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, the claims file relative to the checkout.
/// </summary>
public sealed class GateActionTests
{
    /// <summary>The claims file of the step tests, relative to the repository root (4 annotated claims, 3 blocked).</summary>
    internal const string Claims = "tests/Audit.Core.Tests/Claims/TestData/issue19-claims.json";

    private static readonly string Evidence = string.Join('\n',
        Path.Combine(RepoPaths.InferenceV51, "closed", "Azure"), RepoPaths.Corpus("training", "v6.0", "Azure"));

    private static readonly string Baselines = string.Join('\n',
        Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json"),
        Path.Combine(RepoPaths.Shared, "baselines", "gbeezybez-inference_results_v6.0", "summary_results.json"));

    /// <summary>
    /// Runs gate.sh; <paramref name="command"/> is its MLPERF_AUDIT (the install step's output), default the CLI this test
    /// project built, run through dotnet.
    /// </summary>
    internal static (int Exit, string Out, string Err, string Folder) RunStep(
        string claims, string failOn, string ci = "github", bool defer = false, string? command = null)
    {
        var folder = CliHarness.TempFolder();
        command ??= "dotnet " + Path.Combine(AppContext.BaseDirectory, "mlperf-audit.dll");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, ".github", "actions", "gate", "gate.sh")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MLPERF_AUDIT"] = command;
        start.Environment["GATE_CLAIMS"] = claims;
        start.Environment["GATE_EVIDENCE"] = Evidence;
        start.Environment["GATE_BASELINES"] = Baselines;
        start.Environment["GATE_FAIL_ON"] = failOn;
        start.Environment["GATE_OUT"] = Path.Combine(folder, "out");
        start.Environment["GATE_CI"] = ci;
        start.Environment["GATE_DEFER_EXIT"] = defer ? "1" : "0";
        start.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(folder, "step_summary.md");
        start.Environment["GITHUB_OUTPUT"] = Path.Combine(folder, "github_output");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "gate.sh did not finish in 3 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result, folder);
    }

    private static IReadOnlyDictionary<string, int> Lines() => ClaimsJson.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Root, Claims))).Lines;

    [Fact]
    public void GateStep_WhenClaimsAreBlocked_AnnotatesEachAtItsLineWritesSummaryAndOutputsAndExitsOne()
    {
        var (exit, stdout, _, folder) = RunStep(Claims, "block");
        Assert.Equal(1, exit);
        var lines = Lines();
        var annotations = stdout.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, annotations.Count);
        Assert.StartsWith($"::warning file={Claims},line={lines["azure-70b-server-unstated"]},title=Claims gate%3A CLM-SCN-002::", annotations[0],
            StringComparison.Ordinal);
        Assert.StartsWith($"::error file={Claims},line={lines["azure-gb300-per-gpu"]},title=Claims gate%3A CLM-PARTY-001%2C CLM-VAL-002::",
            annotations[1], StringComparison.Ordinal);
        Assert.Contains("a result of NVIDIA, not of Azure", annotations[1], StringComparison.Ordinal);
        Assert.StartsWith($"::error file={Claims},line={lines["azure-step-7168"]},", annotations[2], StringComparison.Ordinal);
        Assert.Contains("7168 accelerators", annotations[2], StringComparison.Ordinal);
        Assert.StartsWith($"::error file={Claims},line={lines["azure-70b-offline-or-server"]},title=Claims gate%3A CLM-EVD-003::", annotations[3],
            StringComparison.Ordinal);
        Assert.Contains("gives 52061.6 tokens/s: would support the claim", annotations[3], StringComparison.Ordinal);

        var summary = File.ReadAllText(Path.Combine(folder, "step_summary.md"));
        Assert.StartsWith("### Claims gate: 1 pass, 1 warn, 3 block\n", summary, StringComparison.Ordinal);
        Assert.Contains(
            "| About 15,200 tokens/s per GPU on Azure ND GB300 v6. | block | 15200 tokens/s | 15650.7 tokens/s | CLM-PARTY-001, CLM-VAL-002 |",
            summary, StringComparison.Ordinal);
        var output = File.ReadAllLines(Path.Combine(folder, "github_output"));
        Assert.Equal(["exit-code=1", $"report={Path.Combine(folder, "out")}", "blocked=3"], output);

        // What the action uploads: the report, its DSSE envelope and the public key that verifies it.
        var outDir = Path.Combine(folder, "out");
        var verify = CliHarness.Run("verify", Path.Combine(outDir, "gate.dsse.json"), "--key", Path.Combine(outDir, "gate-key.pem"),
            "--report", Path.Combine(outDir, "gate.json"), "--bundle", Path.Combine(RepoPaths.Root, Claims));
        Assert.Equal(0, verify.Exit);
    }

    [Fact]
    public void GateStep_WhenExitIsDeferred_ExitsZeroAndLeavesTheCodeForTheLastStep()
    {
        var (exit, _, _, folder) = RunStep(Claims, "block", defer: true);
        Assert.Equal(0, exit);
        Assert.Contains("exit-code=1", File.ReadAllLines(Path.Combine(folder, "github_output")));
    }

    [Theory]
    [InlineData("block", 0)]
    [InlineData("warn", 1)]
    public void GateStep_WhenOnlyAWarningRemains_ExitsByTheFailOnRule(string failOn, int expected)
    {
        var claims = Path.Combine(CliHarness.TempFolder(), "warn-only.json");
        File.WriteAllText(claims, """
            {
              "version": 1,
              "claimant": "Azure",
              "claims": [
                { "id": "server-unstated", "text": "One ND GB200 v6 VM serves 46,000 tokens/s on Llama 2 70B.",
                  "quantity": "throughput", "value": 46000, "unit": "tokens/s",
                  "evidence": { "results": [ { "resultId": "5.1-0008", "benchmark": "llama2-70b-99", "scenario": "Server" } ] } }
              ]
            }
            """);
        var (exit, stdout, _, folder) = RunStep(claims, failOn);
        Assert.Equal(expected, exit);
        Assert.Contains($"::warning file={claims},line=5,", stdout, StringComparison.Ordinal);
        Assert.StartsWith("### Claims gate: 0 pass, 1 warn, 0 block", File.ReadAllText(Path.Combine(folder, "step_summary.md")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void GateStep_ForAzurePipelines_LogsIssuesAtEachLineUploadsTheSummaryAndSetsTheExitCode()
    {
        var (exit, stdout, _, folder) = RunStep(Claims, "block", "azure");
        Assert.Equal(1, exit);
        var lines = Lines();
        Assert.Contains(
            $"##vso[task.logissue type=error;sourcepath={Claims};linenumber={lines["azure-gb300-per-gpu"]};code=CLM-PARTY-001, "
            + $"CLM-VAL-002]azure-gb300-per-gpu blocked",
            stdout, StringComparison.Ordinal);
        Assert.Contains($"##vso[task.logissue type=warning;sourcepath={Claims};linenumber={lines["azure-70b-server-unstated"]};code=CLM-SCN-002]",
            stdout, StringComparison.Ordinal);
        Assert.Contains($"##vso[task.uploadsummary]{Path.Combine(folder, "out", "summary.md")}", stdout, StringComparison.Ordinal);
        Assert.Contains("##vso[task.setvariable variable=GATE_EXIT_CODE]1", stdout, StringComparison.Ordinal);
        Assert.StartsWith("### Claims gate: 1 pass, 1 warn, 3 block", File.ReadAllText(Path.Combine(folder, "out", "summary.md")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void GateStep_WhenFailOnIsNeitherBlockNorWarn_Exits64()
        => Assert.Equal(64, RunStep(Claims, "never").Exit);

    [Fact]
    public void ActionYml_RunsTheInstallAndGateScriptsAndUploadsTheReport()
    {
        var action = File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"));
        Assert.Contains("$GITHUB_ACTION_PATH/.github/actions/gate/install.sh", action, StringComparison.Ordinal);
        Assert.Contains("$GITHUB_ACTION_PATH/.github/actions/gate/gate.sh", action, StringComparison.Ordinal);
        Assert.Contains("uses: actions/upload-artifact@v4", action, StringComparison.Ordinal);
        Assert.Contains("fail-on:", action, StringComparison.Ordinal);
        var azure = File.ReadAllText(Path.Combine(RepoPaths.Root, "ci-templates", "azure-pipelines-gate.yml"));
        Assert.Contains("/.github/actions/gate/gate.sh", azure, StringComparison.Ordinal);
        Assert.Contains("GATE_CI: azure", azure, StringComparison.Ordinal);
    }
}
