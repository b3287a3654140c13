using System.Text.Json.Nodes;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// Claims about Azure's real v5.1 results gated through the CLI against the real evidence and published table; each claim
/// is written to draw one finding code. The edited table is a copy in a temp folder with one published value changed.
/// </summary>
public sealed class GateFindingCodeTests
{
    private static string Azure => Path.Combine(RepoPaths.InferenceV51, "closed", "Azure");

    private static string Amd => Path.Combine(RepoPaths.InferenceV51, "closed", "AMD");

    private static string Published => Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json");

    private const string AzureOffline = """{ "resultId": "5.1-0008", "benchmark": "llama2-70b-99", "scenario": "Offline" }""";

    [Theory]
    [InlineData("val-001", 60000, "tokens/s", "Offline", null, AzureOffline, "CLM-VAL-001", "BLOCK")] // flatters beyond rounding
    [InlineData("val-002", 45000, "tokens/s", "Offline", null, AzureOffline, "CLM-VAL-002", "WARN")] // understates beyond rounding
    [InlineData("extrap-003", 52000, "tokens/s", "Offline", 8, AzureOffline, "CLM-EXTRAP-003", "BLOCK")] // measured on 4
    [InlineData("scn-003", 52000, "tokens/s", "Server", null, AzureOffline, "CLM-SCN-003", "BLOCK")] // evidence is Offline
    [InlineData("pub-003", 175.357, "samples/s", "Offline", null, """{ "resultId": "5.1-0106", "benchmark": "resnet", "scenario": "Offline" }""",
        "CLM-PUB-003", "WARN")] // a published row marked inferred
    public void Gate_WhenClaimMisstatesAzureResult_ReportsItsCode(string id, double value, string unit, string scenario, int? accelerators,
        string evidence, string code, string outcome)
    {
        var (exit, stdout) = Gate(Claim(id, value, unit, scenario, accelerators, evidence), ["--evidence", Azure, "--baselines", Published]);

        Assert.Equal(outcome == "BLOCK" ? 1 : 0, exit);
        Assert.Contains($"{outcome,-6} {id}:", stdout, StringComparison.Ordinal);
        Assert.Contains(code, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_WhenPublishedValueDiffersFromAuditedLogs_BlocksWithClmPub002()
    {
        var folder = CliHarness.TempFolder();
        var table = JsonNode.Parse(File.ReadAllText(Published))!.AsArray();
        var rows = table.Where(r => (string?)r!["ID"] == "5.1-0008" && (string?)r["Scenario"] == "Offline").ToList();
        Assert.NotEmpty(rows);
        rows.ForEach(r => r!["Performance_Result"] = 53000.0); // the table holds this result in more than one row
        var edited = Path.Combine(folder, "summary_results.json");
        File.WriteAllText(edited, table.ToJsonString());

        var (exit, stdout) = Gate(Claim("pub-002", 52000, "tokens/s", "Offline", null, AzureOffline), ["--evidence", Azure, "--baselines", edited]);

        Assert.Equal(1, exit);
        Assert.Contains("CLM-PUB-002", stdout, StringComparison.Ordinal);
    }

    [Theory]
    // No such system.
    [InlineData("""{ "benchmark": "llama2-70b-99", "scenario": "Offline", "submitter": "Azure", "system": "ND_GB200_v7" }""", "CLM-EVD-001")]
    [InlineData("""{ "benchmark": "llama2-70b-99", "scenario": "Offline" }""", "CLM-EVD-003")] // Azure's and AMD's both match
    public void Gate_WhenEvidenceMatchesNoneOrSeveralResults_BlocksWithItsCode(string evidence, string code)
    {
        var (exit, stdout) = Gate(Claim("evd", 52000, "tokens/s", "Offline", null, evidence), ["--evidence", Azure, Amd]);

        Assert.Equal(1, exit);
        Assert.Contains(code, stdout, StringComparison.Ordinal);
    }

    private static string Claim(string id, double value, string unit, string scenario, int? accelerators, string evidence)
        => $$"""
           { "version": 1, "claims": [
             { "id": "{{id}}", "text": "A claim about a published result.", "quantity": "throughput",
               "value": {{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
               "unit": "{{unit}}", "scenario": "{{scenario}}"{{(accelerators is { } a ? $", \"accelerators\": {a}" : string.Empty)}},
               "evidence": { "results": [ {{evidence}} ] } } ] }
           """;

    private static (int Exit, string Out) Gate(string claims, string[] inputs)
    {
        var folder = CliHarness.TempFolder();
        var file = Path.Combine(folder, "claims.json");
        File.WriteAllText(file, claims);
        var (exit, stdout, stderr) = CliHarness.Run(["gate", file, .. inputs, "--out", Path.Combine(folder, "out"), "--no-sign"]);
        Assert.True(exit is 0 or 1, stderr);
        return (exit, stdout);
    }
}
