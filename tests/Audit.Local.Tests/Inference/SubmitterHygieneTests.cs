using System.Formats.Tar;
using System.IO.Compression;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Local.Tests.Inference;

/// <summary>
/// Submitter-folder hygiene on a copy of the real Azure v5.1 submission: measured with the official v5.1.1 checker, one empty
/// folder under closed/Azure/code rejects all four Azure results ("has the following empty directories", NoResults closed/Azure).
/// </summary>
public sealed class SubmitterHygieneTests : IDisposable
{
    private static readonly string[] SharedCandidates = ["../shared", "../../shared"];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "hygiene-" + Guid.NewGuid().ToString("N"));

    private string Tree => Path.Combine(_work, "tree");

    private string Azure => Path.Combine(Tree, "closed", "Azure");

    public SubmitterHygieneTests()
    {
        var corpus = SharedCandidates.Select(p => Path.GetFullPath(Path.Combine(Root(), p, "corpus", "inference", "v5.1", "closed", "Azure")))
            .First(Directory.Exists);
        MutationReplay.CopyTree(corpus, Azure);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Audit_WhenAnEmptyFolderIsAddedUnderCode_RejectsEveryResultOfTheSubmitterAndNamesTheFolder()
    {
        Directory.CreateDirectory(Path.Combine(Azure, "code", "emptyone"));
        var report = Audit(Tree, "v5.1");
        Assert.Equal(4, report.Results.Count);
        Assert.All(report.Results, r =>
        {
            Assert.Equal(Verdict.Invalid, r.Verdict);
            var finding = Assert.Single(r.Findings, f => f.Code == "INF-SUB-003");
            Assert.Contains("closed/Azure has 1 empty folder(s): closed/Azure/code/emptyone", finding.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("code/a/b/c", "closed/Azure/code/a/b/c")]
    [InlineData("compliance/ND_GB200_v6/llama2-70b-99/Server/TEST06/extra", "closed/Azure/compliance/ND_GB200_v6/llama2-70b-99/Server/TEST06/extra")]
    public void Audit_WhenFoldersAreNested_NamesOnlyTheLeafThatHoldsNothing(string added, string named)
    {
        Directory.CreateDirectory(Path.Combine(Azure, added));
        var finding = Assert.Single(Audit(Tree, "v5.1").Results[0].Findings, f => f.Code == "INF-SUB-003");
        Assert.EndsWith($": {named}; the official checker rejects every result of the submitter.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WhenNoFolderIsEmpty_KeepsTheFourResultsValid()
    {
        var report = Audit(Tree, "v5.1");
        Assert.Equal(4, report.Summary.Valid);
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Findings), f => f.Code.StartsWith("INF-SUB-", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_OfAV60Round_WarnsOnceInsteadOfRejecting()
    {
        // The modular checker that judges v6.x defines the empty-folder check but never calls it.
        Directory.CreateDirectory(Path.Combine(Azure, "code", "emptyone"));
        var report = Audit(Tree, "v6.0");
        var warning = Assert.Single(report.Findings, f => f.Code == "INF-SUB-008");
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("closed/Azure/code/emptyone", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Findings), f => f.Code == "INF-SUB-003");
    }

    [Fact]
    public void Audit_WhenAFileNameBeginsWithADotOrHoldsASpace_RejectsTheSubmitter()
    {
        File.WriteAllText(Path.Combine(Azure, "code", ".hidden"), "x");
        File.WriteAllText(Path.Combine(Azure, "code", "a b.txt"), "x");
        var findings = Audit(Tree, "v5.1").Results[0].Findings;
        Assert.Contains("closed/Azure/code/.hidden", Assert.Single(findings, f => f.Code == "INF-SUB-004").Message, StringComparison.Ordinal);
        Assert.Contains("closed/Azure/code/a b.txt", Assert.Single(findings, f => f.Code == "INF-SUB-005").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WhenACodeFolderHoldsAPycacheFolder_RejectsEveryResultOfTheSubmitterWithInfSub006()
    {
        var pycache = Path.Combine(Azure, "code", "llama2-70b-99", "__pycache__");
        Directory.CreateDirectory(pycache);
        File.WriteAllText(Path.Combine(pycache, "main.cpython-312.pyc"), "x");
        var report = Audit(Tree, "v5.1");
        Assert.Equal(4, report.Results.Count);
        Assert.All(report.Results, r =>
        {
            Assert.Equal(Verdict.Invalid, r.Verdict);
            var finding = Assert.Single(r.Findings, f => f.Code == "INF-SUB-006");
            Assert.Equal(Severity.Error, finding.Severity);
            Assert.Equal("closed/Azure", finding.File);
            Assert.Contains("closed/Azure has 1 __pycache__ folder(s): closed/Azure/code/llama2-70b-99/__pycache__", finding.Message,
                StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("__pycache__", true)]
    [InlineData("my__pycache__", true)]
    [InlineData("__pycache__x", false)]
    [InlineData("pycache", false)]
    public void Audit_WhenAFolderNameEndsWithPycache_RejectsTheSubmitterAsTheOfficialCheckerDoes(string folder, bool rejected)
    {
        // Measured with the official v5.1.1 checker: it tests endswith("__pycache__") on each folder path, so code/my__pycache__
        // gives "has the following __pycache__ directories" and NoResults closed/Azure; a name that only begins with it passes.
        var path = Path.Combine(Azure, "code", "llama2-70b-99", folder);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "main.py"), "x");
        var report = Audit(Tree, "v5.1");
        Assert.Equal(rejected, report.Results[0].Findings.Any(f => f.Code == "INF-SUB-006"));
        Assert.Equal(rejected ? 0 : 4, report.Summary.Valid);
    }

    [Theory]
    [InlineData(50L * 1024 * 1024, false)]
    [InlineData((50L * 1024 * 1024) + 1, true)]
    public void Audit_WhenAFileIsAtOrOver50MiB_RejectsOnlyOverTheLimit(long bytes, bool rejected)
    {
        using (var file = File.Create(Path.Combine(Azure, "code", "big.bin")))
        {
            file.SetLength(bytes);
        }

        Assert.Equal(rejected, Audit(Tree, "v5.1").Results[0].Findings.Any(f => f.Code == "INF-SUB-007"));
    }

    [Fact]
    public void ZipBundle_WhenAFolderEntryHasNothingUnderIt_ListsItAsEmpty()
    {
        Directory.CreateDirectory(Path.Combine(Azure, "code", "emptyone"));
        var zip = Path.Combine(_work, "azure.zip");
        ZipFile.CreateFromDirectory(Tree, zip);
        using var bundle = ZipBundle.Open("azure.zip", File.OpenRead(zip), BundleLimits.Default);
        Assert.Equal(["closed/Azure/code/emptyone"], bundle.EmptyFolders);
    }

    [Fact]
    public void BundleOpener_OfATarGzWithAnEmptyFolderEntry_ListsItAsEmptyAndRejectsTheSubmitter()
    {
        // A tar.gz of the Azure copy with one folder entry nothing sits under (code/emptyone) and one that holds a folder.
        Directory.CreateDirectory(Path.Combine(Azure, "code", "emptyone"));
        Directory.CreateDirectory(Path.Combine(Azure, "code", "outer", "inner"));
        File.WriteAllText(Path.Combine(Azure, "code", "outer", "inner", "x.py"), "x");
        var archive = Path.Combine(_work, "azure.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(Tree, gzip, includeBaseDirectory: false);
        }

        var opened = BundleOpener.Open(archive, BundleLimits.Default, out var error);
        Assert.Null(error);
        using var bundle = opened!.Bundle;
        Assert.Equal(["closed/Azure/code/emptyone"], bundle.EmptyFolders);
        var report = InferenceAuditor.Audit(opened, new InferenceAuditOptions { Round = "v5.1" }, new ToolInfo("mlperf-audit", "test"));
        Assert.Equal(4, report.Results.Count);
        Assert.All(report.Results, r => Assert.Contains("closed/Azure/code/emptyone",
            Assert.Single(r.Findings, f => f.Code == "INF-SUB-003").Message, StringComparison.Ordinal));
    }

    [Fact]
    public void BundleOpener_OfATarGzWithoutEmptyFolders_ListsNoneAndKeepsTheResultsValid()
    {
        var archive = Path.Combine(_work, "azure.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(Tree, gzip, includeBaseDirectory: false);
        }

        var opened = BundleOpener.Open(archive, BundleLimits.Default, out var error);
        Assert.Null(error);
        using var bundle = opened!.Bundle;
        Assert.Empty(bundle.EmptyFolders);
        var report = InferenceAuditor.Audit(opened, new InferenceAuditOptions { Round = "v5.1" }, new ToolInfo("mlperf-audit", "test"));
        Assert.Equal(4, report.Summary.Valid);
    }

    private static AuditReport Audit(string tree, string round)
    {
        var options = new InferenceAuditOptions { Round = round };
        using var bundle = DirectoryBundle.Open("tree", tree, options.Limits);
        return InferenceAuditor.Audit(new OpenedBundle(bundle, new string('0', 64)), options, new ToolInfo("mlperf-audit", "test"));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Audit.sln not found above " + AppContext.BaseDirectory);
    }
}
