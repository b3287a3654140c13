using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// Detail logs against a prior-logs index built from the real v5.1 corpus (INF-CONS-006, INF-CONS-007): the corpus
/// against its own index raises nothing; a real result presented as a later round, or under another submitter, does.
/// </summary>
public sealed class PriorLogTests
{
    private const string AzureOffline = Corpus.Azure + "/llama2-70b-99/Offline";
    private const string Gb200Offline = "results/GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/Offline";

    private static readonly Lazy<(PriorLogIndexFile File, byte[] Bytes)> CorpusIndex = new(() =>
    {
        var (report, logs) = InferenceAuditor.AuditAndIndex(new OpenedBundle(Corpus.OpenV51(), "0000"), new InferenceAuditOptions { Round = "v5.1" },
            Corpus.Tool);
        var file = PriorLogIndexFile.Create([new PriorLogSource(report.Bundle.Name, report.Bundle.Sha256, report.Rules.Round, report.Results.Count)],
            logs);
        return (file, PriorLogJson.Serialize(file));
    });

    private static PriorLogIndex Index()
    {
        var read = PriorLogJson.Read(CorpusIndex.Value.Bytes);
        Assert.Empty(read.Errors);
        return new PriorLogIndex([("v5.1-prior-logs.json", Convert.ToHexStringLower(SHA256.HashData(CorpusIndex.Value.Bytes)), read.File!)]);
    }

    private static EditedBundle OpenSubmitter(string submitter)
        => new(DirectoryBundle.Open(submitter, Path.Combine(RepoPaths.InferenceV51, "closed", submitter), BundleLimits.Default));

    private static AuditReport Audit(IBundle bundle, string round)
        => InferenceAuditor.Audit(new OpenedBundle(bundle, "0000"), new InferenceAuditOptions { Round = round, PriorLogs = Index() }, Corpus.Tool);

    private static IEnumerable<Finding> AllFindings(AuditReport report) => report.Findings.Concat(report.Results.SelectMany(r => r.Findings));

    [Fact]
    public void AuditAndIndex_OnCorpus_ListsEveryDetailLogReadOnceWithItsRound()
    {
        var file = CorpusIndex.Value.File;
        var onDisk = Directory.EnumerateFiles(RepoPaths.InferenceV51, "mlperf_log_detail.txt", SearchOption.AllDirectories).Count();
        Assert.Equal(onDisk, file.Entries.Count);
        Assert.All(file.Entries, e => Assert.Equal("v5.1", e.Round));
        var azure = Assert.Single(file.Entries, e => e.File == AzureOffline + "/performance/run_1/mlperf_log_detail.txt");
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.InferenceV51, azure.File));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), azure.Sha256);
        Assert.Equal((AzureOffline, "closed", "Azure", "ND_GB200_v6", "llama2-70b-99", "Offline"),
            (azure.ResultId, azure.Division, azure.Submitter, azure.System, azure.Benchmark, azure.Scenario));
    }

    [Fact]
    public void Audit_WhenCorpusMeetsItsOwnIndex_RaisesNoConsistencyFindingAndPinsTheIndex()
    {
        var report = Audit(Corpus.OpenV51(), "v5.1");
        Assert.DoesNotContain(AllFindings(report), f => f.Code.StartsWith("INF-CONS-", StringComparison.Ordinal));
        var pinned = Assert.Single(report.PriorLogs!);
        Assert.Equal(CorpusIndex.Value.File.Entries.Count, pinned.Entries);
        Assert.Contains("\"priorLogs\"", Encoding.UTF8.GetString(ReportJson.Serialize(report)), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WhenOneSubmitterMeetsTheWholeRoundIndex_RaisesNone()
    {
        // The bundle holds Azure only: its own entries match by submitter, system, benchmark and scenario.
        var report = Audit(OpenSubmitter("Azure"), "v5.1");
        Assert.NotEmpty(report.Results);
        Assert.DoesNotContain(AllFindings(report), f => f.Code is "INF-CONS-006" or "INF-CONS-007");
    }

    [Fact]
    public void Audit_WhenRealResultsArePresentedAsALaterRound_ReportsEveryReusedLogAsAnError()
    {
        using var bundle = OpenSubmitter("Azure");
        var report = Audit(bundle, "v6.0");
        var reused = AllFindings(report).Where(f => f.Code == "INF-CONS-006").ToList();
        var azureLogs = CorpusIndex.Value.File.Entries.Count(e => e.Submitter == "Azure");
        Assert.Equal(azureLogs, reused.Count);
        Assert.All(reused, f => Assert.Equal(Severity.Error, f.Severity));
        var offline = Corpus.Result(report, AzureOffline);
        Assert.Equal(Verdict.Invalid, offline.Verdict);
        // The bundle starts at the submitter folder, so its paths do; the result id still names the division.
        var finding = Assert.Single(offline.Findings, f => f.Code == "INF-CONS-006"
            && f.File == "results/ND_GB200_v6/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt");
        Assert.Contains("round v5.1", finding.Message, StringComparison.Ordinal);
        Assert.Contains("v5.1-prior-logs.json", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WhenAnotherSubmittersLogIsCopiedIn_WarnsWithBothResultIds()
    {
        var azureLog = Corpus.OpenV51().ReadText(AzureOffline + "/performance/run_1/mlperf_log_detail.txt");
        using var bundle = OpenSubmitter("NVIDIA").Replace(Gb200Offline + "/performance/run_1/mlperf_log_detail.txt", azureLog);
        var report = Audit(bundle, "v5.1");
        var finding = Assert.Single(AllFindings(report), f => f.Code is "INF-CONS-006" or "INF-CONS-007");
        Assert.Equal("INF-CONS-007", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(Gb200Offline + "/performance/run_1/mlperf_log_detail.txt", finding.File);
        Assert.Contains(AzureOffline, finding.Message, StringComparison.Ordinal);
        Assert.Single(report.Results, r => r.Findings.Contains(finding)
            && r.Id.EndsWith("GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/Offline", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_WhenTheIndexIsOfALaterRound_WarnsThatALaterResultReusesTheRun()
    {
        var later = CorpusIndex.Value.File with { Entries = [.. CorpusIndex.Value.File.Entries.Select(
            e => e with { Round = "v6.0", Submitter = "Other" })] };
        var index = new PriorLogIndex([("v6.0.json", new string('0', 64), later)]);
        using var bundle = OpenSubmitter("AMD");
        var report = InferenceAuditor.Audit(new OpenedBundle(bundle, "0000"), new InferenceAuditOptions { Round = "v5.1", PriorLogs = index },
            Corpus.Tool);
        var findings = AllFindings(report).Where(f => f.Code.StartsWith("INF-CONS-00", StringComparison.Ordinal) && f.Code != "INF-CONS-004")
            .ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("INF-CONS-007", f.Code));
        Assert.All(findings, f => Assert.Contains("later round", f.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v5.1", "v6.0", -1)]
    [InlineData("v6.0", "v6.0", 0)]
    [InlineData("v10.0", "v9.1", 1)]
    [InlineData("v6.1", "v6.0", 1)]
    public void TryCompareRounds_OrdersNumerically(string a, string b, int expected)
    {
        Assert.True(PriorLogIndex.TryCompareRounds(a, b, out var order));
        Assert.Equal(expected, Math.Sign(order));
    }

    [Theory]
    [InlineData("5.1")]
    [InlineData("v5")]
    [InlineData("v5.1.0")]
    [InlineData("v5.x")]
    [InlineData("")]
    public void ParseRound_WhenNotARound_ReturnsNull(string round) => Assert.Null(PriorLogIndex.ParseRound(round));
}
