using System.Text;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// Units of published tables against the metric of each benchmark and scenario (INF-CONS-008), on the real v5.1 and v6.0
/// summary_results.json and on copies of them edited in memory.
/// </summary>
public sealed class PublishedUnitCheckTests
{
    private const string V51 = "mlcommons-inference_results_v5.1";
    private const string V60 = "gbeezybez-inference_results_v6.0";

    private static string TablePath(string folder) => Path.Combine(RepoPaths.Shared, "baselines", folder, "summary_results.json");

    private static BaselineTable Load(string text, string source = "summary_results.json")
    {
        var table = BaselineLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), source);
        Assert.Empty(table.Errors);
        return table;
    }

    /// <summary>The table with the unit of the row at <paramref name="location"/> replaced.</summary>
    private static string WithUnit(string text, string location, string unit)
    {
        var at = text.IndexOf($"\"Location\": \"{location}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, location);
        const string key = "\"Performance_Units\": \"";
        var start = text.IndexOf(key, at, StringComparison.Ordinal) + key.Length;
        var end = text.IndexOf('"', start);
        return text[..start] + unit + text[end..];
    }

    [Fact]
    public void Check_RealV51Table_FindsTheWhisperAndLlama8bInteractiveRowsOnly()
    {
        var table = Load(File.ReadAllText(TablePath(V51)));
        var report = PublishedUnitCheck.Check(table.Rows);
        Assert.Equal(1448, report.Checked);
        Assert.Empty(report.NotChecked);
        Assert.Equal(45, report.Findings.Count);
        Assert.All(report.Findings, f => Assert.Equal(("INF-CONS-008", Severity.Warning, "summary_results.json"), (f.Code, f.Severity, f.File)));
        var flagged = table.Rows.Where(r => report.Findings.Any(f => f.Line == r.Line)).ToList();
        Assert.Equal(37, flagged.Count(r => (r.Benchmark, r.Scenario, r.Unit) == ("whisper", "Offline", "Samples/s")));
        Assert.Equal(8, flagged.Count(r => (r.Benchmark, r.Scenario, r.Unit) == ("llama3.1-8b", "Interactive", "Queries/s")));
    }

    [Fact]
    public void Check_RealV51Table_PointsAtTheRowsOwnLine()
    {
        var path = TablePath(V51);
        var lines = File.ReadAllLines(path);
        var table = Load(File.ReadAllText(path));
        foreach (var finding in PublishedUnitCheck.Check(table.Rows).Findings)
        {
            Assert.Equal("{", lines[finding.Line!.Value - 1].Trim());
            var id = table.Rows.Single(r => r.Line == finding.Line).Id!;
            Assert.Contains($"\"ID\": \"{id}\"", lines[finding.Line.Value], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_RealV60Table_FindsTheWhisperRowsOnly()
    {
        // v6.0's rules give every benchmark a metric; whisper Offline is tokens/s, which the table labels Samples/s (as in v5.1).
        var table = Load(File.ReadAllText(TablePath(V60)));
        var report = PublishedUnitCheck.Check(table.Rows);
        var flagged = table.Rows.Where(r => report.Findings.Any(f => f.Line == r.Line)).ToList();
        Assert.Equal(520, report.Checked);
        Assert.Empty(report.NotChecked);
        Assert.Equal(37, flagged.Count);
        Assert.All(flagged, r => Assert.Equal(("whisper", "Offline", "Samples/s"), (r.Benchmark, r.Scenario, r.Unit)));
    }

    [Theory]
    [InlineData("closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline", "Samples/s", true)]
    [InlineData("closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline", "tokens/s", false)] // same unit, other case
    [InlineData("closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/Interactive", "Queries/s", true)]
    [InlineData("closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/Interactive", "Tokens/s", false)]
    public void Check_WhenOneRowsUnitIsEdited_CatchesItOnItsLine(string location, string unit, bool caught)
    {
        var original = File.ReadAllText(TablePath(V51));
        var before = PublishedUnitCheck.Check(Load(original).Rows).Findings;
        var table = Load(WithUnit(original, location, unit));
        var row = table.Rows.Single(r => r.Location == location);
        var after = PublishedUnitCheck.Check(table.Rows).Findings;
        Assert.Equal(caught ? before.Count + 1 : before.Count, after.Count);
        Assert.Equal(caught, after.Any(f => f.Line == row.Line));
    }

    [Theory]
    [InlineData("Offline", "Samples/s", "Queries/s")]
    [InlineData("SingleStream", "Latency (ms)", "Samples/s")]
    [InlineData("MultiStream", "Latency (ms)", "Latency (s)")]
    public void Check_WhenAResnetRowsUnitIsEdited_CatchesItAndCorrectingAWhisperRowClearsIt(string scenario, string expected, string planted)
    {
        var original = File.ReadAllText(TablePath(V51));
        var rows = Load(original).Rows;
        var resnet = rows.First(r => r.Benchmark == "resnet" && r.Scenario == scenario && r.Location is not null);
        Assert.Equal(expected, PublishedUnitCheck.ExpectedUnit(resnet));
        var whisper = rows.First(r => r.Benchmark == "whisper");
        var edited = Load(WithUnit(WithUnit(original, resnet.Location!, planted), whisper.Location!, "Tokens/s")).Rows;
        var findings = PublishedUnitCheck.Check(edited).Findings;
        Assert.Contains(findings, f => f.Line == resnet.Line && f.Message.Contains(planted, StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Line == whisper.Line);
        Assert.Equal(45, findings.Count);
    }

    [Fact]
    public void Check_SkipsTrainingTables()
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Shared, "baselines", "derived", "training_llama31_time_to_train.csv"));
        var report = PublishedUnitCheck.Check(BaselineLoader.Load(stream, "t.csv").Rows);
        Assert.Equal((0, 0), (report.Checked, report.Findings.Count));
    }
}
