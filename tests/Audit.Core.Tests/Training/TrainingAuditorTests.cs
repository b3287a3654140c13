using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Training;

public sealed class TrainingAuditorTests
{
    /// <summary>Scores of the official result summarizer (spec §15), in minutes, to 4 decimals.</summary>
    [Theory]
    [InlineData("v5.1", "NVIDIA/results/hsg_ngpu5120_ngc25.09_nemo/llama31_405b", 9.99455, 1.0, 5120)]
    [InlineData("v5.0", "NVIDIA/results/tyche_ngpu512_ngc25.04_nemo/llama31_405b", 121.7573, 1.1538461538461537, 512)]
    [InlineData("v5.0", "IBM+CoreWeave+NVIDIA/results/carina_ngpu2496_ngc25.04_nemo/llama31_405b", 27.3347, 1.0127710127710128, 2496)]
    [InlineData("v5.1", "NVIDIA/results/tyche_ngpu72_ngc25.09_nemo/llama31_8b", 15.0203, 1.0177861477296506, 72)]
    [InlineData("v5.1", "NVIDIA/results/tyche_ngpu72_ngc25.09_nemo/llama2_70b_lora", 1.41438, 1.0, 72)]
    [InlineData("v5.1", "AMD/results/MI355X_EPYC_9575F_pytorch/llama31_8b", 99.7085, 1.004011735824202, 8)]
    [InlineData("v4.1", "Azure/results/ND_H200_v5_n64_nemo/llama2_70b_lora", 1.60852, 1.0, 512)]
    [InlineData("v6.0", "Azure/results/2048xAzure_GB200/llama31_405b", 7.0686, 1.0, 8192)]
    public void Audit_WhenCorpusResult_MatchesOfficialScore(string round, string id, double expectedMinutes, double expectedScaling, int accelerators)
    {
        var report = AuditRound(round);

        var result = Assert.Single(report.Results, r => r.Id == id);
        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Equal("training", report.Rules.Suite);
        Assert.Equal(string.Empty, result.Scenario);
        Assert.Equal("minutes", result.Metric!.Unit);
        Assert.InRange(result.Metric.Value, expectedMinutes - 1e-4, expectedMinutes + 1e-4);
        Assert.Equal(expectedScaling, result.Training!.Rcp!.ScalingFactor, 9);
        Assert.Equal(accelerators, result.Accelerators);
        Assert.True(result.Training.Rcp.Passed);
    }

    [Fact]
    public void Audit_WhenAzureV60_ReportsDerivedMetricsWithFormulas()
    {
        var report = AuditRound("v6.0");

        var result = Assert.Single(report.Results);
        var details = result.Training!;
        Assert.Equal("closed", result.Division);
        Assert.Equal([7.211517, 6.641750, 7.068633], details.Runs.Select(r => Math.Round(r.TimeToTrainMinutes!.Value, 6)));
        Assert.NotNull(details.StepTime);
        Assert.True(details.StepTime.MinSeconds <= details.StepTime.MedianSeconds && details.StepTime.MedianSeconds <= details.StepTime.MaxSeconds);
        Assert.Contains(details.Derived, d => d.Name == "accelerator_hours_per_run" && Math.Abs(d.Value - (8192 * 7.068633 / 60)) < 0.01);
        Assert.Contains(details.Derived, d => d.Name == "tokens_per_second_per_accelerator");
        Assert.All(details.Derived, d => Assert.False(string.IsNullOrWhiteSpace(d.Formula)));
        Assert.Contains(result.Findings, f => f.Code == "TRN-SYS-006"); // SUBMISSION_ORG_PLACEHOLDER vs Azure
    }

    internal static AuditReport AuditRound(string round, IReadOnlyDictionary<string, byte[]>? overrides = null, IEnumerable<string>? remove = null)
    {
        using var bundle = FolderBundle.Opened(RepoPaths.Corpus("training", round), overrides, remove);
        Assert.True(TrainingAuditor.Recognizes(bundle.Bundle));
        return TrainingAuditor.Audit(bundle, new TrainingAuditOptions { RuleSet = round[1..] + ".0" }, MlPerfAudit.Core.Tests.Support.Corpus.Tool);
    }
}
