using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>The unmodified published v5.1 corpus, judged as the official v5.1.1 checker judged it.</summary>
public sealed class CorpusAuditTests
{
    /// <summary>Verdicts and headline values the official checker (mlcommons/inference v5.1.1) gave these results, measured by us.</summary>
    public static TheoryData<string, double> OfficialValid()
    {
        var data = new TheoryData<string, double>();
        var table = Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Agreement", "v5.1-official-verdicts.tsv");
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells[0].StartsWith("closed/Azure/", StringComparison.Ordinal)
                || cells[0].StartsWith("closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/", StringComparison.Ordinal)
                || cells[0].StartsWith("closed/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/", StringComparison.Ordinal)
                || cells[0].StartsWith("closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/llama3.1-405b/", StringComparison.Ordinal)
                || cells[0].StartsWith("closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/deepseek-r1/", StringComparison.Ordinal))
            {
                data.Add(cells[0], double.Parse(cells[2], CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    private static readonly Lazy<AuditReport> Report = new(() => Corpus.Audit(Corpus.OpenV51()));

    [Fact]
    public void Audit_WhenCorpusIsUnmodified_ReportsFourteenValidResults()
    {
        var report = Report.Value;
        Assert.Equal(14, report.Summary.Valid);
        Assert.Equal(0, report.Summary.Invalid);
        Assert.True(report.AllValid);
        Assert.Equal(14, OfficialValid().Count);
    }

    [Theory]
    [MemberData(nameof(OfficialValid))]
    public void Audit_WhenOfficialCheckerAcceptedResult_GivesSameVerdictAndHeadline(string id, double official)
    {
        var result = Corpus.Result(Report.Value, id);
        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Equal(official, result.Metric!.Value);
        Assert.Equal("Tokens/s", result.Metric.Unit);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Audit_ForAzureLlama2Offline_DerivesThroughputPerAccelerator()
    {
        var result = Corpus.Result(Report.Value, $"{Corpus.Azure}/llama2-70b-99/Offline");
        Assert.Equal(52061.6, result.Metric!.Value);
        Assert.Equal(4, result.Accelerators);
        Assert.Equal(1, result.Nodes);
        Assert.Equal(13015.4, result.Derived.PerAccelerator!.Value, 9);
        Assert.Equal("result_tokens_per_second", result.Metric.Name);
        Assert.EndsWith("performance/run_1/mlperf_log_detail.txt", result.Metric.File, StringComparison.Ordinal);
        Assert.Equal(90, result.Metric.Line);
        Assert.Equal("fp4", result.WeightDataTypes);
    }

    [Fact]
    public void Audit_ForGb300Rack_CountsEighteenNodesOfFourAccelerators()
    {
        var result = Corpus.Result(Report.Value, "closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/deepseek-r1/Offline");
        Assert.Equal(72, result.Accelerators);
        Assert.Equal(18, result.Nodes);
        Assert.Equal(420659.0 / 72, result.Derived.PerAccelerator!.Value, 9);
    }
}
