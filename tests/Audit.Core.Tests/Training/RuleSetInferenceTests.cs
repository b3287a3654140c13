using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>Rule-set inference without --round (issue 16): names, benchmark names and the dates of all logs, weighed together.</summary>
public sealed class RuleSetInferenceTests
{
    /// <summary>Submitter folders whose names say nothing about the round: the benchmarks and the log dates decide.</summary>
    [Theory]
    [InlineData("v4.1/Azure", "4.1.0", 1)]
    [InlineData("v5.0/NVIDIA", "5.0.0", 1)]
    [InlineData("v5.1/NVIDIA", "5.1.0", 3)]
    [InlineData("v5.1/AMD", "5.1.0", 1)]
    [InlineData("v6.0/Azure", "6.0.0", 1)]
    public void Audit_WhenNoRoundAndNamesSayNothing_InfersRuleSetFromBenchmarksAndDates(string submitter, string expected, int results)
    {
        using var bundle = FolderBundle.Opened(RepoPaths.Corpus(["training", .. submitter.Split('/')]));

        var report = TrainingAuditor.Audit(bundle, new TrainingAuditOptions(), Support.Corpus.Tool);

        Assert.Equal("v" + expected[..3], report.Rules.Round);
        Assert.Equal(results, report.Results.Count);
        Assert.All(report.Results, r => Assert.Equal(Verdict.Valid, r.Verdict));
        Assert.All(report.Results, r => Assert.Equal(expected, r.Training!.RuleSet));
        var inferred = Assert.Single(report.Findings, f => f.Code == "TRN-RND-002");
        Assert.Contains("no round in the bundle or folder names", inferred.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Code is "TRN-RND-003" or "TRN-PKG-003");
    }

    /// <summary>A tree of four rounds: every result is judged by the round its path names and scores as the official summarizer.</summary>
    [Fact]
    public void Audit_WhenTreeHoldsSeveralRounds_JudgesEachResultByItsOwnRound()
    {
        using var bundle = FolderBundle.Opened(RepoPaths.Corpus("training"));

        var report = TrainingAuditor.Audit(bundle, new TrainingAuditOptions(), Support.Corpus.Tool);

        Assert.Equal(8, report.Results.Count);
        Assert.All(report.Results, r => Assert.Equal(Verdict.Valid, r.Verdict));
        Assert.All(report.Results, r => Assert.Equal(TrainingCorpus.RuleSetOf(r.Id), r.Training!.RuleSet));
        Assert.InRange(Assert.Single(report.Results, r => r.Id == TrainingCorpus.Amd518b).Metric!.Value, 99.7084, 99.7086);
        Assert.InRange(Assert.Single(report.Results, r => r.Id == TrainingCorpus.Nvidia50Tyche405b).Metric!.Value, 121.7572, 121.7574);
        Assert.Contains(report.Findings, f => f.Code == "TRN-RND-003" && f.Message.Contains("several rounds", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Code == "TRN-PKG-003");
    }

    /// <summary>
    /// The bundle's name says v5.0 but it holds llama31_8b, a benchmark of 5.1.0 and 6.0.0 only, with logs of October 2025:
    /// the result is judged by 5.1.0 (never skipped) and both the bundle and the result say why.
    /// </summary>
    [Fact]
    public void Audit_WhenNameSaysOneRoundButBenchmarkExistsOnlyInAnother_JudgesByTheFittingRuleSetAndSaysSo()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "muttrn-" + Guid.NewGuid().ToString("N"), "results_v5.0")).FullName;
        try
        {
            // The corpus files are read into memory under a bundle named for another round; nothing is copied to disk.
            var source = RepoPaths.Corpus("training", "v5.1");
            var overrides = Directory.EnumerateFiles(Path.Combine(source, "AMD"), "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(source, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
            using var bundle = FolderBundle.Opened(root, overrides);

            var report = TrainingAuditor.Audit(bundle, new TrainingAuditOptions(), Support.Corpus.Tool);

            Assert.Equal("v5.0", report.Rules.Round);
            var result = Assert.Single(report.Results);
            Assert.Equal(Verdict.Valid, result.Verdict);
            Assert.Equal("5.1.0", result.Training!.RuleSet);
            Assert.InRange(result.Metric!.Value, 99.7084, 99.7086);
            var why = Assert.Single(result.Findings, f => f.Code == "TRN-RND-003");
            Assert.Contains("'llama31_8b' is not a benchmark of rule set 5.0.0", why.Message, StringComparison.Ordinal);
            Assert.Contains(report.Findings,
                f => f.Code == "TRN-RND-003" && f.Message.Contains("names say rule set 5.0.0", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Findings, f => f.Code == "TRN-PKG-003");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }
}
