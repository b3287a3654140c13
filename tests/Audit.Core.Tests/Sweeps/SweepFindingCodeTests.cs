using System.Text;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Tests.Sweeps;

/// <summary>The real H200 sweep with one log changed in memory per test; each test asserts the finding code the change must raise.</summary>
public sealed class SweepFindingCodeTests
{
    private const string Mbs2 = "mbs2.txt";

    [Fact]
    public void Audit_WhenSweepIsUnchanged_RaisesNoneOfTheseCodes()
    {
        var codes = Codes(SweepCorpus.Audit());
        Assert.Empty(codes.Intersect(["SWP-STEP-001", "SWP-STEP-002", "SWP-CFG-003", "SWP-CFG-004", "SWP-LOSS-003"]));
    }

    [Fact]
    public void Audit_WhenEveryStepIsWarmUp_RejectsTheConfigurationWithSwpStep001()
    {
        var report = Audit(lines => lines.Where(l => !IsKey(l, "train_step_time") || l.Contains("\"warmup\": true", StringComparison.Ordinal)));

        var mbs2 = SweepCorpus.Result(report, 2);
        Assert.Equal(Verdict.Invalid, mbs2.Verdict);
        Assert.Contains(mbs2.Findings, f => f.Code == "SWP-STEP-001");
    }

    // Ten measured steps are enough; fewer are reported.
    [Theory]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(11, false)]
    public void Audit_WhenMeasuredStepsAroundTen_WarnsWithSwpStep002UnderTen(int keep, bool flagged)
    {
        var report = Audit(lines =>
        {
            var measured = 0;
            return lines.Where(l => !IsKey(l, "train_step_time") || l.Contains("\"warmup\": true", StringComparison.Ordinal) || ++measured <= keep);
        });

        Assert.Equal(flagged, SweepCorpus.Result(report, 2).Findings.Any(f => f.Code == "SWP-STEP-002"));
    }

    [Fact]
    public void Audit_WhenOneConfigurationUsesAnotherPrecision_WarnsWithSwpCfg003()
        => Assert.Contains("SWP-CFG-003",
            Codes(Audit(lines => lines.Select(l => IsKey(l, "precision") ? l.Replace("\"bf16\"", "\"fp8\"", StringComparison.Ordinal) : l))));

    [Fact]
    public void Audit_WhenTokensPerStepIsNotBatchTimesSequence_WarnsWithSwpCfg004()
    {
        var report = Audit(
            lines => lines.Select(l => IsKey(l, "tracked_stats")
            ? l.Replace("\"tokens_per_step\": 4096", "\"tokens_per_step\": 4000", StringComparison.Ordinal) : l));
        Assert.Contains(SweepCorpus.Result(report, 2).Findings, f => f.Code == "SWP-CFG-004");
    }

    [Fact]
    public void Audit_WhenNoLossIsLogged_WarnsWithSwpLoss003()
    {
        var report = Audit(lines => lines.Where(l => !IsKey(l, "train_loss")));
        Assert.Contains(SweepCorpus.Result(report, 2).Findings, f => f.Code == "SWP-LOSS-003");
    }

    private static AuditReport Audit(Func<IEnumerable<string>, IEnumerable<string>> edit)
    {
        var lines = SweepCorpus.Read(Mbs2).Split('\n');
        var edited = string.Join('\n', edit(lines));
        Assert.NotEqual(string.Join('\n', lines), edited);
        return SweepCorpus.Audit(overrides: new Dictionary<string, byte[]> { [Mbs2] = Encoding.UTF8.GetBytes(edited) });
    }

    private static bool IsKey(string line, string key) => line.Contains($"\"key\": \"{key}\"", StringComparison.Ordinal);

    private static List<string> Codes(AuditReport report)
        => [.. report.Findings.Concat(report.Results.SelectMany(r => r.Findings)).Select(f => f.Code)];
}
