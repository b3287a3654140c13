using System.Text;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>Real corpus logs broken one thing at a time; each test asserts the exact finding code.</summary>
public sealed class BrokenLogTests
{
    private const string Amd = "AMD/results/MI355X_EPYC_9575F_pytorch/llama31_8b";
    private const string Hsg = "NVIDIA/results/hsg_ngpu5120_ngc25.09_nemo/llama31_405b";

    [Fact]
    public void Check_WhenRequiredKeyRemoved_ReportsMissingKey()
    {
        var log = Edit(TrainingCorpus.Amd518b, "result_0.txt",
            lines => lines.Where(l => !l.Contains("\"key\": \"eval_samples\"", StringComparison.Ordinal)));

        var result = ComplianceChecker.Check(log, TrainingRuleSet.Get("5.1.0")!);

        Assert.False(result.Compliant);
        Assert.Contains(result.Findings, f => f.Code == "TRN-CMP-002" && f.Message.Contains("eval_samples", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1280, "8.888888888888889e-05", true)] // lr x 1152 == 1280 x 8e-5 exactly: on the equation (the logged value)
    [InlineData(1280, "8.88888888888889e-05", false)] // just over
    [InlineData(1280, "8.888888888888888e-05", false)] // just under
    public void Check_WhenLearningRateMovedAroundItsEquation_FlagsOnlyOffEquation(int gbs, string lr, bool compliant)
    {
        var log = Edit(TrainingCorpus.Nvidia51Hsg405b, "result_0.txt",
            lines => lines.Select(l => l.Contains("\"key\": \"opt_base_learning_rate\"", StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(l, "\"value\": [^,]+,", $"\"value\": {lr},")
            : l));
        Assert.Contains(log.Records, r => r.Key == "global_batch_size" && r.Value.GetDouble() == gbs);

        var result = ComplianceChecker.Check(log, TrainingRuleSet.Get("5.1.0")!);

        Assert.Equal(compliant, result.Compliant);
        Assert.Equal(!compliant,
            result.Findings.Any(f => f.Code == "TRN-CMP-007" && f.Message.Contains("opt_base_learning_rate", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("3.3", true)] // at the 3.3 target
    [InlineData("3.2999", true)] // under: reached
    [InlineData("3.3001", false)] // over: never reached
    public void Check_WhenEvalAccuracyAtUnderOverTarget_FlagsTargetNotReached(string value, bool compliant)
    {
        var log = Edit(TrainingCorpus.Amd518b, "result_0.txt",
            lines => lines.Select(l => l.Contains("\"key\": \"eval_accuracy\"", StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(l, "\"value\": [^,]+,", $"\"value\": {value},")
            : l));

        var result = ComplianceChecker.Check(log, TrainingRuleSet.Get("5.1.0")!);

        Assert.Equal(compliant, result.Compliant);
        Assert.Equal(!compliant, result.Findings.Any(f => f.Code == "TRN-CMP-005"));
    }

    [Fact]
    public void Check_WhenLineHasBrokenJson_ReportsParseErrorWithLine()
    {
        var log = TrainingCorpus.ParseText(
            "[1,0]<stdout>: :::MLLOG {\"namespace\": \"\", \"time_ms\": 1, \"key\": \"x\", \"value\": 1, \"metadata\": {}}\n"
            + "foo :::MLLOG {not json}\n");

        var result = ComplianceChecker.Check(log, TrainingRuleSet.Get("5.1.0")!);

        Assert.Equal(1, Assert.Single(log.Records).Line);
        Assert.Contains(result.Findings, f => f.Code == "TRN-LOG-001" && f.Line == 2);
    }

    [Fact]
    public void Audit_WhenTwoRunsAborted_FailsConvergenceAndCompliance()
    {
        var overrides = new Dictionary<string, byte[]>
        {
            [$"{Amd}/result_0.txt"] = Abort(TrainingCorpus.Amd518b, "result_0.txt"),
            [$"{Amd}/result_1.txt"] = Abort(TrainingCorpus.Amd518b, "result_1.txt"),
        };

        var result = Assert.Single(TrainingAuditorTests.AuditRound("v5.1", overrides).Results, r => r.Id == Amd);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "TRN-RUN-001");
        Assert.Contains(result.Findings, f => f.Code == "TRN-RCP-004");
    }

    [Fact]
    public void Audit_WhenOneRunAborted_StaysValidWithWarning()
    {
        var overrides = new Dictionary<string, byte[]> { [$"{Amd}/result_0.txt"] = Abort(TrainingCorpus.Amd518b, "result_0.txt") };

        var result = Assert.Single(TrainingAuditorTests.AuditRound("v5.1", overrides).Results, r => r.Id == Amd);

        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "TRN-RUN-001");
    }

    [Theory]
    [InlineData(2, false)] // under 3
    [InlineData(3, true)] // exactly 3
    public void Audit_WhenRunCountAtOrUnderRequired_FlagsOnlyTooFew(int keep, bool valid)
    {
        var remove = Enumerable.Range(keep, 3 - keep).Select(i => $"{Hsg}/result_{i}.txt");

        var result = Assert.Single(TrainingAuditorTests.AuditRound("v5.1", remove: remove).Results, r => r.Id == Hsg);

        Assert.Equal(valid ? Verdict.Valid : Verdict.Invalid, result.Verdict);
        Assert.Equal(!valid, result.Findings.Any(f => f.Code == "TRN-PKG-001"));
    }

    [Fact]
    public void Audit_WhenRunCountOverRequired_FlagsTooMany()
    {
        var overrides = new Dictionary<string, byte[]> { [$"{Hsg}/result_3.txt"] = File.ReadAllBytes(
            Path.Combine(TrainingCorpus.Path(TrainingCorpus.Nvidia51Hsg405b), "result_2.txt")) };

        var result = Assert.Single(TrainingAuditorTests.AuditRound("v5.1", overrides).Results, r => r.Id == Hsg);

        Assert.Contains(result.Findings, f => f.Code == "TRN-PKG-001");
        Assert.Contains(result.Findings, f => f.Code == "TRN-SEED-002"); // result_3 repeats result_2's seed
    }

    [Fact]
    public void Audit_WhenSeedRepeated_ReportsRepeatedSeed()
    {
        var seedLine = File.ReadLines(Path.Combine(TrainingCorpus.Path(TrainingCorpus.Amd518b), "result_0.txt"))
            .First(l => l.Contains("\"key\": \"seed\"", StringComparison.Ordinal));
        var overrides = new Dictionary<string, byte[]>
        {
            [$"{Amd}/result_1.txt"] = Latin1(File.ReadLines(Path.Combine(TrainingCorpus.Path(TrainingCorpus.Amd518b), "result_1.txt"))
                .Select(l => l.Contains("\"key\": \"seed\"", StringComparison.Ordinal) ? seedLine : l)),
        };

        var result = Assert.Single(TrainingAuditorTests.AuditRound("v5.1", overrides).Results, r => r.Id == Amd);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "TRN-SEED-002");
    }

    [Fact]
    public void Audit_WhenConvergenceFasterThanRcpAllows_ReportsRcpTooFast()
    {
        // Every eval claims convergence at 160000 samples: below the BS-32 RCP minimum of 173649.8.
        var overrides = Enumerable.Range(0, 10).ToDictionary(
            i => $"{Amd}/result_{i}.txt",
            i => Latin1(File.ReadLines(Path.Combine(TrainingCorpus.Path(TrainingCorpus.Amd518b), $"result_{i}.txt"))
                .Select(l => l.Contains("\"key\": \"eval_accuracy\"", StringComparison.Ordinal)
                    ? System.Text.RegularExpressions.Regex.Replace(l, "\"samples_count\": [0-9.]+", "\"samples_count\": 160000")
                    : l)));

        var result = Assert.Single(TrainingAuditorTests.AuditRound("v5.1", overrides).Results, r => r.Id == Amd);

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "TRN-RCP-001");
        Assert.False(result.Training!.Rcp!.Passed);
    }

    private static byte[] Abort(string folder, string file) =>
        Latin1(File.ReadLines(Path.Combine(TrainingCorpus.Path(folder), file))
            .Select(l => l.Contains("\"key\": \"run_stop\"", StringComparison.Ordinal)
                ? l.Replace("\"status\": \"success\"", "\"status\": \"aborted\"", StringComparison.Ordinal) : l));

    private static byte[] Latin1(IEnumerable<string> lines) => Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n");

    private static Core.Training.Logs.TrainingLog Edit(string folder, string file, Func<IEnumerable<string>, IEnumerable<string>> edit) =>
        TrainingCorpus.ParseText(string.Join('\n', edit(File.ReadLines(Path.Combine(TrainingCorpus.Path(folder), file)))) + "\n", file);
}
