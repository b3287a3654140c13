using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>Compliance, system description, measurements and scenario-set rules on the real corpus.</summary>
public sealed class SubmissionRuleTests
{
    private const string Server = Corpus.Azure + "/llama2-70b-99/Server";
    private const string Test06 = "closed/Azure/compliance/ND_GB200_v6/llama2-70b-99/Server/TEST06";
    private const string System = "closed/Azure/systems/ND_GB200_v6.json";

    [Fact]
    public void Audit_WhenTest06IsMissing_FlagsComplianceMissing()
    {
        using var bundle = Corpus.OpenV51().RemoveFolder(Test06);
        var result = Corpus.Result(Corpus.Audit(bundle), Server);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-CMP-001");
    }

    [Theory]
    [InlineData("EOS check pass: True", "EOS check pass: False")]
    [InlineData("First token check pass: True", "First token check pass: False")]
    [InlineData("Sample length check pass: True", "Sample length check pass: False")]
    public void Audit_WhenATest06CheckFailed_FlagsComplianceFailed(string line, string replacement)
    {
        using var bundle = Corpus.OpenV51().Edit(Test06 + "/verify_accuracy.txt", t => t.Replace(line, replacement, StringComparison.Ordinal));
        var result = Corpus.Result(Corpus.Audit(bundle), Server);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Single(result.Findings, f => f.Code == "INF-CMP-002");
    }

    [Theory]
    [InlineData("host_storage_type", "INF-SYS-002")]
    [InlineData("cooling", "INF-SYS-002")]
    [InlineData("hw_notes", "INF-SYS-002")]
    public void Audit_WhenSystemFieldIsRemoved_InvalidatesEveryResultOfTheSystem(string field, string code)
    {
        using var bundle = Corpus.OpenV51().Edit(System, text =>
            string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith($"\"{field}\"", StringComparison.Ordinal))));
        var report = Corpus.Audit(bundle);
        var azure = report.Results.Where(r => r.Submitter == "Azure").ToList();
        Assert.Equal(4, azure.Count);
        Assert.All(azure, r => Assert.Equal(Verdict.Invalid, r.Verdict));
        Assert.All(azure, r => Assert.Contains(r.Findings, f => f.Code == code && f.File == System));
        Assert.Equal(10, report.Summary.Valid);
    }

    [Fact]
    public void Audit_WhenMeaningfulSystemFieldIsEmpty_FlagsEmpty()
    {
        using var bundle = Corpus.OpenV51()
            .Edit(System, t => t.Replace("\"framework\": \"TensorRT 10.11, CUDA 12.9\"", "\"framework\": \"\"", StringComparison.Ordinal));
        var result = Corpus.Result(Corpus.Audit(bundle), Server);
        Assert.Contains(result.Findings, f => f.Code == "INF-SYS-003");
    }

    [Theory]
    [InlineData("\"status\": \"available\"", "\"status\": \"soon\"")]
    [InlineData("\"system_type\": \"datacenter\"", "\"system_type\": \"cloud\"")]
    [InlineData("\"submitter\": \"Azure\"", "\"submitter\": \"Contoso\"")]
    [InlineData("\"division\": \"closed\"", "\"division\": \"open\"")]
    public void Audit_WhenSystemFieldHasWrongValue_FlagsValue(string from, string to)
    {
        using var bundle = Corpus.OpenV51().Edit(System, t => t.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(Corpus.Result(Corpus.Audit(bundle), Server).Findings, f => f.Code == "INF-SYS-004");
    }

    [Fact]
    public void Audit_WhenSystemDescriptionIsNotJson_FlagsUnreadableWithLine()
    {
        using var bundle = Corpus.OpenV51().Edit(System, t => t.Replace("\"cooling\":", "\"cooling\" ", StringComparison.Ordinal));
        var finding = Assert.Single(Corpus.Result(Corpus.Audit(bundle), Server).Findings, f => f.Code == "INF-SYS-006");
        Assert.NotNull(finding.Line);
    }

    [Fact]
    public void Audit_WhenSystemDescriptionIsMissing_FlagsMissingAndHasNoAcceleratorCount()
    {
        using var bundle = Corpus.OpenV51().Remove(System);
        var result = Corpus.Result(Corpus.Audit(bundle), Server);
        Assert.Contains(result.Findings, f => f.Code == "INF-SYS-001");
        Assert.Null(result.Accelerators);
    }

    [Fact]
    public void Audit_WhenImplementationJsonLacksField_FlagsMeasurements()
    {
        const string Impl = "closed/Azure/measurements/ND_GB200_v6/llama2-70b-99/Server/ND_GB200_v6_Server.json";
        using var bundle = Corpus.OpenV51().Edit(Impl, t => t.Replace("\"retraining\"", "\"retrained\"", StringComparison.Ordinal));
        Assert.Contains(Corpus.Result(Corpus.Audit(bundle), Server).Findings, f => f.Code == "INF-MEAS-002");
    }

    [Fact]
    public void Audit_WhenRequiredOfflineIsMissing_FlagsBenchmarkButKeepsOtherResults()
    {
        using var bundle = Corpus.OpenV51().RemoveFolder(Corpus.Azure + "/llama2-70b-99/Offline");
        var report = Corpus.Audit(bundle);
        Assert.Equal(13, report.Summary.Valid);
        var finding = Assert.Single(report.Findings, f => f.Code == "INF-SCN-002");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.False(report.AllValid);
    }

    [Fact]
    public void Audit_WhenNeitherServerNorInteractiveIsPresent_FlagsOneOf()
    {
        using var bundle = Corpus.OpenV51().RemoveFolder(Server);
        var report = Corpus.Audit(bundle);
        Assert.Single(report.Findings, f => f.Code == "INF-SCN-003");
    }

    [Fact]
    public void Audit_WhenBundleIsOneSystemsResults_AuditsThemAndSaysWhatCannotBeChecked()
    {
        using var inner = Local.Bundles.DirectoryBundle.Open("ND_GB200_v6",
            Path.Combine(MlPerfAudit.Tests.Shared.RepoPaths.InferenceV51, "closed", "Azure", "results", "ND_GB200_v6"),
            MlPerfAudit.Core.Bundles.BundleLimits.Default);
        var report = Corpus.Audit(inner);
        Assert.Equal(4, report.Results.Count);
        var result = Assert.Single(report.Results, r => r.Id == "llama2-70b-99/Offline");
        Assert.Equal(52061.6, result.Metric!.Value);
        Assert.Contains(result.Findings, f => f.Code == "INF-LAY-004");
        Assert.Contains(result.Findings, f => f.Code == "INF-SYS-001");
    }
}

public sealed class SubmissionHygieneTests
{
    [Fact]
    public void Audit_WhenCorpusIsUnmodified_RaisesNoHygieneFinding()
    {
        using var bundle = Corpus.OpenV51();
        Assert.DoesNotContain(Corpus.Audit(bundle).Findings, f => f.Code.StartsWith("INF-SUB-", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_WhenASystemDescriptionHasNoResults_FlagsIt()
    {
        using var bundle = Corpus.OpenV51();
        bundle.Replace("closed/Azure/systems/ND_GB300_v6.json", bundle.ReadText("closed/Azure/systems/ND_GB200_v6.json"));
        var finding = Assert.Single(Corpus.Audit(bundle).Findings, f => f.Code == "INF-SUB-001");
        Assert.Equal("closed/Azure/systems/ND_GB300_v6.json", finding.File);
        Assert.Equal(MlPerfAudit.Core.Findings.Severity.Error, finding.Severity);
    }

    [Theory]
    [InlineData("run.sh", true)]
    [InlineData("summary_results.json", true)]
    [InlineData("README.md", false)]
    [InlineData("rules.pdf", false)]
    public void Audit_WhenAFileSitsAtTheTreeRoot_WarnsUnlessMarkdownOrPdf(string name, bool flagged)
    {
        using var bundle = Corpus.OpenV51();
        bundle.Replace(name, "x");
        var findings = Corpus.Audit(bundle).Findings.Where(f => f.Code == "INF-SUB-002").ToList();
        Assert.Equal(flagged ? 1 : 0, findings.Count);
    }
}
