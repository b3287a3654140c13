using System.Text.Json.Nodes;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// The real v5.1 corpus with one thing changed in memory per test (a LoadGen flag, a removed or emptied file, a renamed
/// folder, a system description field); each test asserts the finding code the change must raise.
/// </summary>
public sealed class InferenceFindingCodeTests
{
    private const string Offline = Corpus.Azure + "/llama2-70b-99/Offline";
    private const string Server = Corpus.Azure + "/llama2-70b-99/Server";
    private const string Log = "/performance/run_1/mlperf_log_detail.txt";
    private const string AzureSystem = "closed/Azure/systems/ND_GB200_v6.json";

    [Fact]
    public void Audit_WhenCorpusIsUnchanged_RaisesNoneOfTheseCodes()
    {
        using var bundle = Corpus.OpenV51();
        var codes = Codes(Corpus.Audit(bundle));
        Assert.Empty(codes.Intersect(
            ["INF-DUR-002", "INF-QRY-002", "INF-CONS-009", "INF-LAT-004", "INF-LAT-005", "INF-LOG-002", "INF-FILE-003", "INF-LAY-001",
             "INF-SCN-001", "INF-SYS-005", "INF-SYS-007", "INF-PWR-001"]));
    }

    [Theory]
    [InlineData("result_min_duration_met", "INF-DUR-002")]
    [InlineData("result_min_queries_met", "INF-QRY-002")]
    public void Audit_WhenLoadGenSaysAMinimumWasNotMetInAnInvalidRun_RejectsTheResult(string key, string code)
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Offline + Log, key, "false").SetLogValue(Offline + Log, "result_validity", "\"INVALID\"");
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        var finding = Assert.Single(result.Findings, f => f.Code == code);
        Assert.Equal(Offline + Log, finding.File);
        Assert.NotNull(finding.Line);
        Assert.DoesNotContain(result.Findings, f => f.Code == "INF-CONS-009");
    }

    // The official checkers read only result_validity (measured: tests/bench/inference-differential.py); VALID with a minimum not
    // met is a log that contradicts itself, a warning.
    [Theory]
    [InlineData("result_min_duration_met")]
    [InlineData("result_min_queries_met")]
    public void Audit_WhenAMinimumFlagIsFalseButTheRunIsValid_WarnsWithInfCons009(string key)
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Offline + Log, key, "false");
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Equal(Verdict.Valid, result.Verdict);
        var finding = Assert.Single(result.Findings, f => f.Code == "INF-CONS-009");
        Assert.Equal(MlPerfAudit.Core.Findings.Severity.Warning, finding.Severity);
        Assert.Equal(Offline + Log, finding.File);
        Assert.NotNull(finding.Line);
        Assert.Contains(key, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Code is "INF-DUR-002" or "INF-QRY-002");
    }

    [Fact]
    public void Audit_WhenLoadGenSaysPerformanceConstraintsWereNotMet_WarnsWithInfLat004()
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Server + Log, "result_perf_constraints_met", "false");
        var result = Corpus.Result(Corpus.Audit(bundle), Server);

        var finding = Assert.Single(result.Findings, f => f.Code == "INF-LAT-004");
        Assert.Equal(MlPerfAudit.Core.Findings.Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Audit_WhenRequiredFileIsEmpty_RejectsWithInfFile003()
    {
        using var bundle = Corpus.OpenV51().Replace(Offline + "/accuracy/accuracy.txt", []);
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-FILE-003" && f.File == Offline + "/accuracy/accuracy.txt");
    }

    // v5.1's checker only checks these exist (docs/differential-inference.md); any other required file empty rejects (INF-FILE-003).
    [Theory]
    [InlineData("/performance/run_1/mlperf_log_summary.txt")]
    [InlineData("/accuracy/mlperf_log_summary.txt")]
    [InlineData("/accuracy/mlperf_log_accuracy.json")]
    [InlineData("/accuracy/mlperf_log_detail.txt")]
    public void Audit_WhenAFileTheCheckerNeverReadsIsEmpty_OnlyWarnsWithInfFile005(string file)
    {
        using var bundle = Corpus.OpenV51().Replace(Offline + file, []);
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        var finding = Assert.Single(result.Findings, f => f.Code == "INF-FILE-005");
        Assert.Equal(MlPerfAudit.Core.Findings.Severity.Warning, finding.Severity);
        Assert.Equal(Offline + file, finding.File);
        Assert.DoesNotContain(result.Findings, f => f.Code == "INF-FILE-003");
        Assert.Equal(Verdict.Valid, result.Verdict);
    }

    [Fact]
    public void Audit_WhenHeadlineMetricIsZero_RejectsWithInfHdr002AtItsLine()
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Offline + Log, "result_tokens_per_second", "0");
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        var finding = Assert.Single(result.Findings, f => f.Code == "INF-HDR-002");
        Assert.Equal(MlPerfAudit.Core.Findings.Severity.Error, finding.Severity);
        Assert.Equal(Offline + Log, finding.File);
        Assert.Equal(90, finding.Line); // the result_tokens_per_second line of Azure's Offline detail log
    }

    [Fact]
    public void Audit_WhenBenchmarkFolderIsNotOfTheRound_RejectsWithInfLay001()
    {
        using var bundle = new RenamedBundle(Corpus.OpenV51(), "llama3.1-405b", "llama3.1-406b");
        var report = Corpus.Audit(bundle);

        var result = Assert.Single(report.Results, r => r.Id == Corpus.Azure + "/llama3.1-406b/Offline");
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-LAY-001");
    }

    [Fact]
    public void Audit_WhenScenarioIsNotAllowedForTheBenchmark_RejectsWithInfScn001()
    {
        // llama2-70b-99 in a datacenter system has no SingleStream scenario.
        using var bundle = new RenamedBundle(Corpus.OpenV51(), "Interactive", "SingleStream");
        var report = Corpus.Audit(bundle);

        var result = Assert.Single(report.Results,
            r => r.Id == "closed/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/SingleStream");
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-SCN-001");
    }

    [Fact]
    public void Audit_WhenSystemDescriptionHasAnUnknownField_WarnsWithInfSys005()
    {
        using var bundle = Corpus.OpenV51().Replace(AzureSystem, SystemWith(o => o["favourite_colour"] = "blue"));
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-SYS-005" && f.File == AzureSystem);
    }

    [Fact]
    public void Audit_WhenNodeCountIsNotAWholeNumber_WarnsWithInfSys007()
    {
        using var bundle = Corpus.OpenV51().Replace(AzureSystem, SystemWith(o => o["number_of_nodes"] = "one"));
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Contains(result.Findings, f => f.Code == "INF-SYS-007" && f.File == AzureSystem);
    }

    [Fact]
    public void Audit_WhenPowerFolderLacksItsFiles_RejectsWithInfPwr001()
    {
        using var bundle = Corpus.OpenV51().Replace(Offline + "/performance/power/client.json", "{}"u8.ToArray());
        var result = Corpus.Result(Corpus.Audit(bundle), Offline);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-PWR-001");
    }

    [Fact]
    public void Audit_WhenOpenDivisionAccuracyIsUnderTarget_AcceptsItWithInfAcc009()
    {
        // Azure's submission moved to the open division (folders and system description), its ROUGE-1 lowered under the target.
        var edited = Corpus.OpenV51()
            .Edit(Offline + "/accuracy/accuracy.txt", text => text.Replace("'rouge1': 44.7494", "'rouge1': 40.0", StringComparison.Ordinal))
            .Replace(AzureSystem, SystemWith(o => o["division"] = "open"));
        using var bundle = new RenamedBundle(edited, "closed", "open");
        var result = Corpus.Result(Corpus.Audit(bundle), Offline.Replace("closed/", "open/", StringComparison.Ordinal));

        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-ACC-009");
    }

    [Fact]
    public void Audit_WhenTargetLatencyIsOverTheConstraintOrMissing_ReportsInfLat005OrInfLog002()
    {
        using (var over = Corpus.OpenV51().SetLogValue(Server + Log, "effective_target_latency_ns", "999999999999"))
        {
            Assert.Contains(Corpus.Result(Corpus.Audit(over), Server).Findings, f => f.Code == "INF-LAT-005");
        }

        using var missing = Corpus.OpenV51().Edit(Server + Log,
            text => string.Join('\n',
                text.Split('\n').Where(l => !l.Contains("\"key\": \"effective_target_latency_ns\"", StringComparison.Ordinal))));
        var result = Corpus.Result(Corpus.Audit(missing), Server);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-LOG-002");
    }

    private static List<string> Codes(AuditReport report)
        => [.. report.Findings.Concat(report.Results.SelectMany(r => r.Findings)).Select(f => f.Code)];

    private static byte[] SystemWith(Action<JsonObject> edit)
    {
        using var bundle = Corpus.OpenV51();
        var json = JsonNode.Parse(bundle.ReadText(AzureSystem))!.AsObject();
        edit(json);
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
