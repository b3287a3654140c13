using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// The v6.x merged layout (spec §1.3): the real v5.1 corpus re-arranged in memory into it and judged with the
/// v5.1 rules (same rules, only the layout differs) must give the same results with the same values.
/// </summary>
public sealed class MergedLayoutTests
{
    private const string ServerFolder = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server";
    private static readonly Lazy<AuditReport> Split = new(() => Corpus.Audit(Corpus.OpenV51()));
    private static readonly Lazy<AuditReport> Merged = new(() => Corpus.Audit(OpenMerged()));

    private static MergedLayoutBundle OpenMerged(Func<EditedBundle, EditedBundle>? edit = null)
        => new((edit ?? (b => b))(Corpus.OpenV51()));

    [Fact]
    public void Map_MovesComplianceMeasurementsAndCode()
    {
        using var bundle = OpenMerged();
        var paths = bundle.Entries.Select(e => e.Path).ToList();
        Assert.DoesNotContain(paths, p => p.Split('/') is [_, _, "compliance" or "measurements" or "code", ..]);
        Assert.Contains(ServerFolder + "/measurements.json", paths);
        Assert.Contains(ServerFolder + "/user.conf", paths);
        Assert.Contains(ServerFolder + "/TEST06/verify_accuracy.txt", paths);
        Assert.Contains(paths, p => p.StartsWith("closed/Azure/src/llama2-70b-99", StringComparison.Ordinal));
    }

    [Fact]
    public void Locate_InMergedLayout_DoesNotTakeTestFoldersForResults()
    {
        using var bundle = OpenMerged();
        Assert.Contains(bundle.Entries, e => e.Path.Contains("/TEST06/accuracy/", StringComparison.Ordinal));
        var located = ResultLocator.Locate(bundle);
        Assert.Equal(14, located.Count);
        Assert.DoesNotContain(located, l => l.Folder.Contains("TEST0", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_InMergedLayout_GivesTheSameFourteenValidResultsAndValues()
    {
        var split = Split.Value;
        var merged = Merged.Value;
        Assert.Equal(14, merged.Summary.Valid);
        Assert.Equal(0, merged.Summary.Invalid);
        Assert.Equal(split.Results.Select(r => r.Id), merged.Results.Select(r => r.Id));
        foreach (var (s, m) in split.Results.Zip(merged.Results))
        {
            Assert.Equal(Verdict.Valid, m.Verdict);
            Assert.Equal(s.Metric!.Value, m.Metric!.Value);
            Assert.Equal(s.Metric.Unit, m.Metric.Unit);
            Assert.Equal(s.Accuracy, m.Accuracy);
            Assert.Equal(s.WeightDataTypes, m.WeightDataTypes);
            Assert.DoesNotContain(m.Findings, f => f.Severity == Severity.Error);
        }
    }

    [Fact]
    public void Detect_TellsEachLayoutFromTheFiles()
    {
        using var merged = OpenMerged();
        using var split = Corpus.OpenV51();
        var m = ResultLocator.Locate(merged).Single(l => l.Folder == ServerFolder);
        var s = ResultLocator.Locate(split).Single(l => l.Folder == ServerFolder);
        Assert.Equal(ResultLayout.Merged, ResultLayouts.Detect(new BundleIndex(merged), m, ResultLayout.Split));
        Assert.Equal(ResultLayout.Split, ResultLayouts.Detect(new BundleIndex(split), s, ResultLayout.Merged));
    }

    [Fact]
    public void Audit_InMergedLayout_WhenTest06IsMissing_FlagsComplianceMissing()
    {
        using var bundle = OpenMerged(b => b.RemoveFolder("closed/Azure/compliance/ND_GB200_v6/llama2-70b-99/Server/TEST06"));
        var result = Corpus.Result(Corpus.Audit(bundle), ServerFolder);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == FindingCatalog.InfComplianceMissing.Code
            && f.File!.StartsWith(ServerFolder + "/TEST06", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_InMergedLayout_WhenMeasurementsJsonIsMissing_FlagsMeasurementsMissing()
    {
        using var bundle = OpenMerged(b => b.Remove("closed/Azure/measurements/ND_GB200_v6/llama2-70b-99/Server/ND_GB200_v6_Server.json"));
        var result = Corpus.Result(Corpus.Audit(bundle), ServerFolder);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == FindingCatalog.InfMeasurementsMissing.Code);
    }

    [Fact]
    public void Audit_InMergedLayout_WhenSrcIsMissing_FlagsCodeMissing()
    {
        // The merged layout asks for the submitter's src/ folder (as the official v6.x checker does), not src/<benchmark>.
        using var bundle = OpenMerged(b => b.RemoveFolder("closed/Azure/code"));
        var result = Corpus.Result(Corpus.Audit(bundle), ServerFolder);
        Assert.Contains(result.Findings, f => f.Code == FindingCatalog.InfCodeMissing.Code && f.File == "closed/Azure/src");
    }
}
