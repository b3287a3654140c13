using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>
/// AMD's published v5.1 llama31_8b result (10 runs, closed; audited in the whole v5.1 tree) with one thing changed in memory per test; each test
/// asserts the
/// finding code the change must raise, and the unchanged submission raises none of them.
/// </summary>
public sealed partial class TrainingFindingCodeTests
{
    private const string Folder = "AMD/results/MI355X_EPYC_9575F_pytorch/llama31_8b";
    private const string SystemJson = "AMD/systems/MI355X_EPYC_9575F_pytorch.json";
    private const string Run3 = Folder + "/result_3.txt";

    private static string Root => RepoPaths.Corpus("training", "v5.1");

    private static string Abs(string relative) => Path.Combine([Root, .. relative.Split('/')]);

    [GeneratedRegex("\"time_ms\": ([0-9]+)")]
    private static partial Regex TimeMs();

    [Fact]
    public void Audit_WhenSubmissionIsUnchanged_RaisesNoneOfTheseCodes()
    {
        var report = Audit();

        var result = Amd(report);
        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Empty(Codes(report).Intersect(
            ["TRN-SYS-001", "TRN-SYS-002", "TRN-SYS-003", "TRN-SYS-005", "TRN-PKG-002", "TRN-PKG-003", "TRN-PKG-004", "TRN-SEED-001", "TRN-SEED-003",
             "TRN-LOG-002", "TRN-CMP-001", "TRN-CMP-003", "TRN-CMP-004", "TRN-CMP-006", "TRN-CMP-008", "TRN-CMP-009", "TRN-RUN-002", "TRN-RUN-003",
             "TRN-RCP-002", "TRN-RCP-003", "TRN-RCP-006", "TRN-RND-002"]));
    }

    [Fact]
    public void Audit_WhenSystemDescriptionIsMissing_ReportsTrnSys001()
        => AssertCode(Audit(remove: [SystemJson]), "TRN-SYS-001");

    [Fact]
    public void Audit_WhenSystemDescriptionLacksARequiredField_ReportsTrnSys002()
        => AssertCode(Audit(SystemWith(o => o.Remove("cooling"))), "TRN-SYS-002", invalid: true);

    [Theory]
    [InlineData("Available cloud", null)]
    [InlineData("Available on-premise", null)]
    [InlineData("Coming soon", "TRN-SYS-003")]
    public void Audit_WhenStatusIsOrIsNotAnAllowedValue_ReportsTrnSys003OnlyForOthers(string status, string? expected)
    {
        var report = Audit(SystemWith(o => o["status"] = status));
        Assert.Equal(expected is not null, Codes(report).Contains("TRN-SYS-003"));
    }

    [Fact]
    public void Audit_WhenNodeCountIsNotANumber_ReportsTrnSys005()
        => AssertCode(Audit(SystemWith(o => o["number_of_nodes"] = "one")), "TRN-SYS-005");

    [Fact]
    public void Audit_WhenResultFolderHoldsAnotherFile_ReportsTrnPkg002()
        => AssertCode(Audit(new() { [Folder + "/notes.txt"] = "notes\n"u8.ToArray() }), "TRN-PKG-002");

    [Fact]
    public void Audit_WhenBenchmarkFolderIsNotOfTheRound_ReportsTrnPkg003()
    {
        var copy = File.ReadAllBytes(Abs(Run3));
        var report = Audit(new() { ["AMD/results/MI355X_EPYC_9575F_pytorch/gpt3/result_0.txt"] = copy });
        Assert.Contains("TRN-PKG-003", report.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Audit_WhenLogsNameAnotherBenchmark_ReportsTrnPkg004()
    {
        var overrides = Enumerable.Range(0, 10).ToDictionary(i => $"{Folder}/result_{i}.txt",
            i => EditRun(i, l => Key(l, "submission_benchmark") ? l.Replace("\"llama31_8b\"", "\"llama2_70b_lora\"", StringComparison.Ordinal) : l));
        AssertCode(Audit(overrides), "TRN-PKG-004");
    }

    [Fact]
    public void Audit_WhenARunLogsNoSeed_ReportsTrnSeed001()
        => AssertCode(Audit(Run(3, lines => lines.Where(l => !Key(l, "seed")))), "TRN-SEED-001", invalid: true);

    [Fact]
    public void Audit_WhenARunLogsTwoSeeds_ReportsTrnSeed003()
        => AssertCode(
            Audit(Run(3, lines => lines.SelectMany(l => Key(l, "seed") ? [l, l.Replace("25468", "25469", StringComparison.Ordinal)] : new[] { l }))),
            "TRN-SEED-003");

    [Fact]
    public void Audit_WhenAResultFileHoldsNoRecord_ReportsTrnLog002()
        => AssertCode(Audit(new() { [Run3] = "training finished\n"u8.ToArray() }), "TRN-LOG-002");

    [Fact]
    public void Audit_WhenARequiredValueIsEmpty_ReportsTrnCmp001()
        => AssertCode(
            Audit(Run(3, lines => lines.Select(l => Key(l, "submission_platform") ? l.Replace("\"MI355X\"", "\"\"", StringComparison.Ordinal) : l))),
            "TRN-CMP-001");

    [Theory]
    [InlineData("MI355X", "TRN-CMP-004")] // repeated with the same value: multi-rank logs, a warning
    [InlineData("MI300X", "TRN-CMP-003")] // repeated with another value: an error
    public void Audit_WhenAnExactlyOnceKeyIsRepeated_ReportsSameOrDiffering(string repeated, string expected)
    {
        var report = Audit(Run(3, lines => lines.SelectMany(l => Key(l, "submission_platform")
            ? [l, l.Replace("\"MI355X\"", $"\"{repeated}\"", StringComparison.Ordinal)]
            : new[] { l })));
        AssertCode(report, expected);
    }

    [Fact]
    public void Audit_WhenDivisionHasNoRules_ReportsTrnCmp006()
        => AssertCode(
            Audit(Run(3, lines
            => lines.Select(l => Key(l, "submission_division") ? l.Replace("\"closed\"", "\"research\"", StringComparison.Ordinal) : l))),
            "TRN-CMP-006");

    // Closed division: initialization must take less than 30 minutes from the first init_start to init_stop.
    [Theory]
    [InlineData(1_799_999, false)]
    [InlineData(1_800_000, true)]
    [InlineData(1_800_001, true)]
    public void Audit_WhenInitializationTakesAroundThirtyMinutes_ReportsTrnCmp008AtAndOver(long initMs, bool flagged)
    {
        var report = Audit(Run(3, lines =>
        {
            var list = lines.ToList();
            var first = long.Parse(TimeMs().Match(list.First(l => Key(l, "init_start"))).Groups[1].Value, CultureInfo.InvariantCulture);
            return list.Select(l => Key(l, "init_stop") ? TimeMs().Replace(l, $"\"time_ms\": {first + initMs}", 1) : l);
        }));
        Assert.Equal(flagged, Codes(report).Contains("TRN-CMP-008"));
    }

    [Fact]
    public void Audit_WhenRunStartsBeforeInitStops_ReportsTrnCmp009()
        => AssertCode(Audit(Run(3, lines =>
        {
            var list = lines.ToList();
            var start = list.First(l => Key(l, "run_start"));
            list.Remove(start);
            list.Insert(list.FindIndex(l => Key(l, "init_stop")), start);
            return list;
        })), "TRN-CMP-009");

    [Fact]
    public void Audit_WhenOneRunFailsCompliance_DropsItAsSlowestWithTrnRun002()
    {
        var report = Audit(Run(3, lines => lines.Where(l => !Key(l, "cache_clear"))));
        AssertCode(report, "TRN-RUN-002");
        Assert.Equal(Verdict.Valid, Amd(report).Verdict);
    }

    [Fact]
    public void Audit_WhenTwoRunsFailCompliance_HasNoScoreWithTrnRun003()
    {
        var overrides = Enumerable.Range(3, 2).ToDictionary(i => $"{Folder}/result_{i}.txt", i => EditRun(i, l => Key(l, "cache_clear") ? null : l));
        AssertCode(Audit(overrides), "TRN-RUN-003", invalid: true);
    }

    [Fact]
    public void Audit_WhenBatchSizeIsAboveEveryRcp_ReportsTrnRcp002()
    {
        var overrides = Enumerable.Range(0, 10).ToDictionary(i => $"{Folder}/result_{i}.txt",
            i => EditRun(i, l => Key(l, "global_batch_size") ? l.Replace("\"value\": 32,", "\"value\": 1048576,", StringComparison.Ordinal) : l));
        AssertCode(Audit(overrides), "TRN-RCP-002", invalid: true);
    }

    [Fact]
    public void Audit_WhenRunsLogDifferentBatchSizes_ReportsTrnRcp003()
        => AssertCode(
            Audit(Run(3, lines
            => lines.Select(l => Key(l, "global_batch_size") ? l.Replace("\"value\": 32,", "\"value\": 64,", StringComparison.Ordinal) : l))),
            "TRN-RCP-003", invalid: true);

    [Fact]
    public void Audit_WhenPublishedScalingDiffersFromComputed_ReportsTrnRcp006()
        => AssertCode(Audit(new() { [Folder + "/scaling.json"] = "{\"scaling_factor\": 1.1}"u8.ToArray() }), "TRN-RCP-006");

    [Fact]
    public void Audit_WhenNoRuleSetIsGiven_InfersItWithTrnRnd002()
    {
        var report = Audit(ruleSet: null);
        Assert.Contains("TRN-RND-002", report.Findings.Select(f => f.Code));
        Assert.Equal(Verdict.Valid, Amd(report).Verdict);
    }

    [Fact]
    public void Audit_WhenTheRunsNameABenchmarkTheRuleSetLacks_ReportsTrnRcp005()
    {
        // Every run's submission_benchmark says gpt3 (a 4.1.0 benchmark): rule set 5.1.0 holds no RCPs for it.
        var overrides = Enumerable.Range(0, 10).ToDictionary(
            run => $"{Folder}/result_{run}.txt",
            run => EditRun(run, l => Key(l, "submission_benchmark") ? l.Replace("\"llama31_8b\"", "\"gpt3\"", StringComparison.Ordinal) : l));
        var report = Audit(overrides);
        AssertCode(report, "TRN-RCP-005", invalid: true);
        var finding = Assert.Single(Amd(report).Findings, f => f.Code == "TRN-RCP-005");
        Assert.Equal("Rule set 5.1.0 has no RCP data for benchmark 'gpt3'.", finding.Message);
    }

    private static AuditReport Audit(Dictionary<string, byte[]>? overrides = null, IEnumerable<string>? remove = null, string? ruleSet = "5.1.0")
    {
        using var bundle = FolderBundle.Opened(Root, overrides, remove);
        return TrainingAuditor.Audit(bundle, new TrainingAuditOptions { RuleSet = ruleSet }, Support.Corpus.Tool);
    }

    private static void AssertCode(AuditReport report, string code, bool invalid = false)
    {
        Assert.Contains(code, Codes(report));
        if (invalid)
        {
            Assert.Equal(Verdict.Invalid, Amd(report).Verdict);
        }
    }

    private static ResultReport Amd(AuditReport report) => Assert.Single(report.Results, r => r.Id == Folder);

    /// <summary>
    /// The report's own findings and those of the AMD result and of its runs (the v5.1 tree's NVIDIA results are audited
    /// too, unchanged).
    /// </summary>
    private static List<string> Codes(AuditReport report)
    {
        var amd = report.Results.Where(r => r.Id == Folder).ToList();
        var runs = amd.SelectMany(r => r.Training?.Runs ?? []).SelectMany(run => run.Findings);
        return [.. report.Findings.Concat(amd.SelectMany(r => r.Findings)).Concat(runs).Select(f => f.Code)];
    }

    private static bool Key(string line, string key) => line.Contains($"\"key\": \"{key}\"", StringComparison.Ordinal);

    private static Dictionary<string, byte[]> Run(int run, Func<IEnumerable<string>, IEnumerable<string>> edit)
        => new() { [$"{Folder}/result_{run}.txt"] = Latin1(edit(File.ReadLines(Abs($"{Folder}/result_{run}.txt"), Encoding.Latin1))) };

    /// <summary>Run <paramref name="run"/> with each line mapped (null drops it).</summary>
    private static byte[] EditRun(int run, Func<string, string?> map)
        => Latin1(File.ReadLines(Abs($"{Folder}/result_{run}.txt"), Encoding.Latin1).Select(map).OfType<string>());

    private static byte[] Latin1(IEnumerable<string> lines) => Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n");

    private static Dictionary<string, byte[]> SystemWith(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(Abs(SystemJson)))!.AsObject();
        edit(json);
        return new() { [SystemJson] = Encoding.UTF8.GetBytes(json.ToJsonString()) };
    }
}
