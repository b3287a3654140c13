using System.Globalization;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Rules;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// TEST01 (spec §8): a performance rerun with verify_performance.txt and run_1 holding exactly the LoadGen logs, and an
/// accuracy check that either says TEST PASS or brings baseline and compliance accuracy within the benchmark's
/// tolerance (1% for llama2-70b-99). The v5.1 corpus holds TEST06 folders only, so Azure's real llama2-70b-99 Server
/// result is judged as if v5.1 asked TEST01 of it, with a TEST01 folder built in memory from its own published logs
/// (run_1 from performance/run_1, accuracy/ from accuracy/).
/// </summary>
public sealed class Test01ComplianceTests
{
    private const string Folder = Corpus.Azure + "/llama2-70b-99/Server";
    private const string Test01 = "closed/Azure/compliance/ND_GB200_v6/llama2-70b-99/Server/TEST01";

    /// <summary>ROUGE1 of the published accuracy.txt.</summary>
    private const double Rouge1 = 44.7547;

    /// <summary>
    /// A TEST01 folder that passes: verifications say TEST PASS; the run and accuracy files are the result's own. The file
    /// <paramref name="without"/> (TEST01-relative) is left out.
    /// </summary>
    private static EditedBundle Passing(string? without = null)
    {
        var bundle = Corpus.OpenV51();
        var files = new (string To, string? From)[]
        {
            ("performance/run_1/mlperf_log_detail.txt", "performance/run_1/mlperf_log_detail.txt"),
            ("performance/run_1/mlperf_log_summary.txt", "performance/run_1/mlperf_log_summary.txt"),
            ("accuracy/mlperf_log_accuracy.json", "accuracy/mlperf_log_accuracy.json"),
            ("accuracy/accuracy.txt", "accuracy/accuracy.txt"),
            ("verify_performance.txt", null),
            ("verify_accuracy.txt", null),
        };
        foreach (var (to, from) in files.Where(f => f.To != without))
        {
            bundle.Replace($"{Test01}/{to}", from is null ? "TEST PASS\n" : bundle.ReadText($"{Folder}/{from}"));
        }

        return bundle;
    }

    /// <summary>
    /// A TEST01 whose accuracy check failed: the baseline is the published accuracy.txt, the compliance run the same with
    /// ROUGE1 = <paramref name="rouge1"/>.
    /// </summary>
    private static EditedBundle WithAccuracyDelta(string rouge1)
    {
        var bundle = Passing().Replace($"{Test01}/verify_accuracy.txt", "TEST FAIL\n");
        var accuracy = bundle.ReadText($"{Folder}/accuracy/accuracy.txt");
        Assert.Contains("'rouge1': 44.7547", accuracy, StringComparison.Ordinal);
        var compliance = accuracy.Replace("'rouge1': 44.7547", $"'rouge1': {rouge1}", StringComparison.Ordinal);
        return bundle.Replace($"{Test01}/accuracy/baseline_accuracy.txt", accuracy)
            .Replace($"{Test01}/accuracy/compliance_accuracy.txt", compliance);
    }

    /// <summary>Runs the compliance rules of v5.1, with TEST01 asked of llama2-70b-99, over the Server result.</summary>
    private static List<Finding> Judge(EditedBundle edited)
    {
        using var bundle = edited;
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Folder);
        var round = InferenceRoundCatalog.Find("v5.1")!.Rules;
        var benchmark = round.FindBenchmark("llama2-70b-99")! with { Compliance = ["TEST01"] };
        var context = new ResultContext(location, round, benchmark, new BundleIndex(bundle), BundleLimits.Default, null);
        ComplianceRules.Check(context);
        return [.. context.Findings];
    }

    private static List<string> Codes(EditedBundle bundle) => [.. Judge(bundle).Select(f => f.Code)];

    [Fact]
    public void Check_WhenTest01PassesWithTheResultsOwnLogs_AddsNothing()
        => Assert.Empty(Judge(Passing()));

    [Fact]
    public void Check_WhenVerifyPerformanceIsMissing_ReportsTheMissingFile()
    {
        var finding = Assert.Single(Judge(Passing(without: "verify_performance.txt")));
        Assert.Equal(FindingCatalog.InfComplianceFiles.Code, finding.Code);
        Assert.Equal($"{Test01}/verify_performance.txt", finding.File);
        Assert.Equal($"{Test01}/verify_performance.txt is missing.", finding.Message);
    }

    [Fact]
    public void Check_WhenRun1HoldsAnotherFile_ReportsTheUnexpectedFile()
    {
        var finding = Assert.Single(Judge(Passing().Replace($"{Test01}/performance/run_1/notes.txt", "notes\n")));
        Assert.Equal(FindingCatalog.InfComplianceFiles.Code, finding.Code);
        Assert.Equal($"{Test01}/performance/run_1", finding.File);
        Assert.Contains("unexpected: notes.txt", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenVerifyAccuracyIsMissing_ReportsTheMissingFile()
    {
        var finding = Assert.Single(Judge(Passing(without: "verify_accuracy.txt")));
        Assert.Equal("INF-CMP-003", finding.Code);
        Assert.Equal($"{Test01}/verify_accuracy.txt", finding.File);
    }

    [Fact]
    public void Check_WhenAFailedAccuracyCheckLacksTheBaselineFiles_ReportsTheAccuracyFolder()
    {
        var finding = Assert.Single(Judge(Passing().Replace($"{Test01}/verify_accuracy.txt", "TEST FAIL\n")));
        Assert.Equal("INF-CMP-003", finding.Code);
        Assert.Equal($"{Test01}/accuracy", finding.File);
        Assert.Contains("baseline_accuracy.txt, compliance_accuracy.txt", finding.Message, StringComparison.Ordinal);
    }

    // delta = |1 - baseline / compliance| x 100, at most 1 (%). Compliance ROUGE1 45.206768... gives 0.99999...%;
    // 45.21 gives 1.0072%; 44.7547 gives 0.
    [Theory]
    [InlineData(Rouge1, null)]
    [InlineData(45.2, null)]
    [InlineData(45.21, "INF-CMP-004")]
    [InlineData(44.3, "INF-CMP-004")]
    public void Check_WhenBaselineAndComplianceAccuracyDiffer_FlagsMoreThanTheTolerance(double rouge1, string? expected)
    {
        var delta = Math.Abs(1 - (Rouge1 / rouge1)) * 100;
        Assert.Equal(expected is not null, delta > 1);
        var codes = Codes(WithAccuracyDelta(rouge1.ToString("R", CultureInfo.InvariantCulture)));
        Assert.Equal(expected is null ? [] : [expected], codes);
    }

    [Fact]
    public void Check_WhenTheComplianceAccuracyLacksAMetric_SaysSo()
    {
        var finding = Assert.Single(Judge(WithAccuracyDelta("none")));
        Assert.Equal(FindingCatalog.InfComplianceAccuracyDelta.Code, finding.Code);
        Assert.Equal("TEST01 lacks a baseline or compliance value of ROUGE1.", finding.Message);
    }
}
