using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>
/// A CI-sized sample of the differential mutation harness (tests/bench/training-mutations.sh) run through MLPerf Audit only.
/// Every row's verdict and score are what mlcommons/logging@7bbf792's package checker (verdict: no ERROR) and result
/// summarizer (score, minutes) gave on the same single mutation of the same corpus result; see docs/differential-training.md.
/// </summary>
public sealed class TrainingMutationTests
{
    private const string Amd = "v5.1/AMD";
    private const string AmdFolder = "results/MI355X_EPYC_9575F_pytorch/llama31_8b";
    private const string Nvidia = "v5.1/NVIDIA";
    private const string LoraFolder = "results/tyche_ngpu72_ngc25.09_nemo/llama2_70b_lora";
    private const string Azure = "v4.1/Azure";
    private const string AzureFolder = "results/ND_H200_v5_n64_nemo/llama2_70b_lora";
    private const string Nvidia50 = "v5.0/NVIDIA";
    private const string Tyche405bFolder = "results/tyche_ngpu512_ngc25.04_nemo/llama31_405b";
    private const double Invalid = double.NaN;

    [Theory]
    [InlineData(Amd, AmdFolder, "none", 99.7085435)]
    [InlineData(Amd, AmdFolder, "key-set:eval_samples=1025.024", Invalid)]
    [InlineData(Amd, AmdFolder, "key-set:gradient_accumulation_steps=0", Invalid)]
    [InlineData(Amd, AmdFolder, "key-set:gradient_accumulation_steps=1", 99.7085435)]
    [InlineData(Amd, AmdFolder, "key-set:opt_name=\"adamwx\"", Invalid)]
    [InlineData(Amd, AmdFolder, "key-dup-diff:opt_adamw_beta_1", Invalid)]
    [InlineData(Amd, AmdFolder, "key-del-all:max_steps", Invalid)]
    [InlineData(Amd, AmdFolder, "meta-del:eval_accuracy.samples_count", Invalid)]
    [InlineData(Amd, AmdFolder, "file-del", Invalid)]
    [InlineData(Amd, AmdFolder, "file-empty", Invalid)]
    [InlineData(Amd, AmdFolder, "file-trunc", 100.994075)]
    [InlineData(Amd, AmdFolder, "line-garbled:one", Invalid)]
    [InlineData(Amd, AmdFolder, "status-aborted:1", 99.3101375)]
    [InlineData(Amd, AmdFolder, "status-aborted:2", Invalid)]
    [InlineData(Amd, AmdFolder, "seed-repeat", Invalid)]
    [InlineData(Amd, AmdFolder, "seed-set:\"abc\"", Invalid)]
    [InlineData(Amd, AmdFolder, "seed-set:\"42\"", 99.7085435)]
    [InlineData(Amd, AmdFolder, "eval-last-all:1.0", 99.7085435)]
    [InlineData(Amd, AmdFolder, "eval-last-all:1.001", Invalid)]
    [InlineData(Amd, AmdFolder, "gbs-all:0.5", 99.3101375)]
    [InlineData(Amd, AmdFolder, "gbs-all:1.5", Invalid)]
    [InlineData(Amd, AmdFolder, "gbs-all:64", Invalid)]
    [InlineData(Amd, AmdFolder, "sys-del:framework", Invalid)]
    [InlineData(Amd, AmdFolder, "sys-set:division=\"open\"", 99.7085435)]
    [InlineData(Nvidia, LoraFolder, "none", 1.41438125)]
    [InlineData(Nvidia, LoraFolder, "key-set:lora_rank=17", Invalid)]
    [InlineData(Nvidia, LoraFolder, "gbs-all:0.5", 1.41438125)]
    [InlineData(Nvidia, LoraFolder, "gbs-all:64", Invalid)]
    [InlineData(Azure, AzureFolder, "none", 1.60851666)]
    [InlineData(Azure, AzureFolder, "status-aborted:2", Invalid)]
    [InlineData(Azure, AzureFolder, "file-trunc", 1.62018333)]
    [InlineData(Azure, AzureFolder, "seed-set:7.5", 1.60851666)]
    [InlineData(Nvidia50, Tyche405bFolder, "none", 121.757326)]
    [InlineData(Nvidia50, Tyche405bFolder, "key-set:eval_samples=5765.76", Invalid)]
    public void Audit_WhenSingleMutationOfCorpusResult_GivesTheOfficialVerdictAndScore(
        string submitter, string folder, string mutation, double officialMinutes)
    {
        var target = folder.EndsWith("llama31_8b", StringComparison.Ordinal) ? 3.3 : folder.EndsWith("405b", StringComparison.Ordinal) ? 5.6 : 0.925;
        using var bundle = CorpusMutation.Open(submitter, folder, mutation, target);

        var report = TrainingAuditor.Audit(bundle, new TrainingAuditOptions { RuleSet = submitter[1..4] + ".0" }, Support.Corpus.Tool);

        var result = Assert.Single(report.Results, r => r.Id.EndsWith(folder, StringComparison.Ordinal));
        if (double.IsNaN(officialMinutes))
        {
            Assert.Equal(Verdict.Invalid, result.Verdict);
            Assert.Contains(result.Findings, f => f.Severity == MlPerfAudit.Core.Findings.Severity.Error);
        }
        else
        {
            Assert.Equal(Verdict.Valid, result.Verdict);
            Assert.Equal(Math.Round(officialMinutes, 3), Math.Round(result.Metric!.Value, 3));
        }
    }
}
