using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Training;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>
/// The real H200 sweep rewritten by <see cref="SweepRewriter"/> into NeMo 2 with the times taken out of its sweep manifest:
/// telemetry that cannot be placed in time is reported (SWP-TEL-008, a warning) instead of being matched to a configuration.
/// </summary>
public sealed partial class TelemetryTimeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sweep-teltime-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@", start: ""[^""]+""")]
    private static partial Regex RunStart();

    [GeneratedRegex(@"telemetry:\n  - \{[^\n]*\}\n")]
    private static partial Regex TelemetryEntry();

    [Fact]
    public void Audit_WhenNemo2LogHasNoTimesAndManifestGivesNoStart_WarnsPerConfigurationAndKeepsItValid()
    {
        // NeMo 2 prints no time on its step lines; the rewriter puts each run's start in the manifest, removed here.
        var folder = SweepRewriter.Write(SweepLogFormat.Nemo2, _root);
        EditManifest(folder, RunStart());

        var report = Audit(folder);

        Assert.Equal(5, report.Results.Count);
        Assert.All(report.Results, r =>
        {
            var mbs = r.Sweep!.Configuration.MicroBatchSize;
            var finding = Assert.Single(r.Findings, f => f.Code == FindingCatalog.SwpTelNoTime.Code);
            Assert.Equal(Severity.Warning, finding.Severity);
            Assert.Equal($"mbs{mbs}/nemo.log", finding.File);
            Assert.Null(finding.Line);
            Assert.Equal(Verdict.Valid, r.Verdict);
            Assert.Null(r.Sweep.Telemetry);
        });
    }

    [Fact]
    public void Audit_WhenDcgmDmonHasNoStartAndIntervalInTheManifest_WarnsOnceAndMatchesNoSamples()
    {
        var folder = SweepRewriter.Write(SweepLogFormat.Nemo2, _root, dcgm: true);
        EditManifest(folder, TelemetryEntry());

        var report = Audit(folder);

        var finding = Assert.Single(report.Findings, f => f.Code == "SWP-TEL-008");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("dcgm-dmon.txt", finding.File);
        Assert.Contains("no start and intervalMs", finding.Message, StringComparison.Ordinal);
        Assert.Equal(5, report.Results.Count);
        Assert.All(report.Results, r => Assert.Equal(Verdict.Valid, r.Verdict));
    }

    private static void EditManifest(string folder, Regex remove)
    {
        var path = Path.Combine(folder, "sweep.yaml");
        var text = File.ReadAllText(path);
        var edited = remove.Replace(text, string.Empty);
        Assert.NotEqual(text, edited);
        File.WriteAllText(path, edited);
    }

    private static AuditReport Audit(string folder)
    {
        using var bundle = FolderBundle.Opened(folder);
        return SweepAuditor.Audit(bundle, new SweepAuditOptions(), SweepCorpus.Tool);
    }
}
