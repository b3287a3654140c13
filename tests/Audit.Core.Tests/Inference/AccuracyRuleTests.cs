using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>Break one thing in a real result's accuracy folder and check the exact finding.</summary>
public sealed class AccuracyRuleTests
{
    private const string Result = Corpus.Azure + "/llama2-70b-99/Offline";
    private const string AccuracyTxt = Result + "/accuracy/accuracy.txt";
    private const string AccuracyLog = Result + "/accuracy/mlperf_log_accuracy.json";

    private static ResultReport AuditWithAccuracyValue(string metricKey, string value)
    {
        using var bundle = Corpus.OpenV51().Edit(AccuracyTxt, text =>
            System.Text.RegularExpressions.Regex.Replace(text, $"'{metricKey}': [0-9.]+", $"'{metricKey}': {value}"));
        return Corpus.Result(Corpus.Audit(bundle), Result);
    }

    // ROUGE1 target = 44.4312 × 0.99 = 43.986887999999993 in IEEE double.
    [Theory]
    [InlineData("43.98688", "INF-ACC-001")]
    [InlineData("43.986888", null)]
    [InlineData("43.9869", null)]
    public void Audit_WhenRouge1IsAroundTarget_FlagsBelow(string value, string? expected)
        => AssertOutcome(AuditWithAccuracyValue("rouge1", value), expected);

    // tokens_per_sample bounds: 294.45 × 0.9 = 265.005 and 294.45 × 1.1 = 323.89500000000004.
    [Theory]
    [InlineData("265.0049", "INF-ACC-007")]
    [InlineData("265.005", null)]
    [InlineData("265.0051", null)]
    [InlineData("323.8949", null)]
    [InlineData("323.895", null)]
    [InlineData("323.8951", "INF-ACC-003")]
    public void Audit_WhenTokensPerSampleIsAroundBounds_FlagsOutOfBounds(string value, string? expected)
        => AssertOutcome(AuditWithAccuracyValue("tokens_per_sample", value), expected);

    [Fact]
    public void Audit_WhenAMetricIsMissing_FlagsMissingMetric()
    {
        using var bundle = Corpus.OpenV51().Edit(AccuracyTxt, text => text.Replace("'rougeL': ", "'rougeX': ", StringComparison.Ordinal));
        AssertOutcome(Corpus.Result(Corpus.Audit(bundle), Result), "INF-ACC-002");
    }

    [Fact]
    public void Audit_WhenHashLineIsMissing_FlagsHash()
    {
        using var bundle = Corpus.OpenV51().Edit(AccuracyTxt, text => text.Replace("hash=", "hush=", StringComparison.Ordinal));
        AssertOutcome(Corpus.Result(Corpus.Audit(bundle), Result), "INF-ACC-004");
    }

    [Theory]
    [InlineData(10239, null)]
    [InlineData(10240, null)]
    [InlineData(10241, "INF-ACC-005")]
    public void Audit_WhenAccuracyLogIsAroundTruncationLimit_FlagsUntruncated(int bytes, string? expected)
    {
        using var bundle = Corpus.OpenV51();
        var original = bundle.ReadText(AccuracyLog);
        var padded = original.Length >= bytes ? original[..bytes] : original + new string(' ', bytes - original.Length);
        bundle.Replace(AccuracyLog, padded);
        AssertOutcome(Corpus.Result(Corpus.Audit(bundle), Result), expected);
    }

    [Fact]
    public void Audit_WhenAccuracyRunCoveredPartOfDataset_WarnsOnly()
    {
        using var bundle = Corpus.OpenV51().SetLogValue(Result + "/accuracy/mlperf_log_detail.txt", "qsl_reported_total_count", "24000");
        var result = Corpus.Result(Corpus.Audit(bundle), Result);
        Assert.Equal(Verdict.Valid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-ACC-006" && f.Severity == MlPerfAudit.Core.Findings.Severity.Warning);
    }

    [Fact]
    public void Audit_WhenAccuracyFolderLacksAFile_FlagsMissingFile()
    {
        using var bundle = Corpus.OpenV51().Remove(Result + "/accuracy/mlperf_log_summary.txt");
        AssertOutcome(Corpus.Result(Corpus.Audit(bundle), Result), "INF-FILE-001");
    }

    private static void AssertOutcome(ResultReport result, string? expected)
    {
        if (expected is null)
        {
            Assert.Equal(Verdict.Valid, result.Verdict);
            Assert.DoesNotContain(result.Findings, f => f.Severity == MlPerfAudit.Core.Findings.Severity.Error);
        }
        else
        {
            Assert.Equal(Verdict.Invalid, result.Verdict);
            Assert.Contains(result.Findings, f => f.Code == expected);
        }
    }
}
