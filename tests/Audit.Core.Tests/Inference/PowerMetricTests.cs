using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// The power metric, on a real corpus result turned into a power result in memory: the power folder and the ranging
/// run are added, power_begin/power_end go into an edited copy of the real detail log, and spl.txt is written here in
/// the analyzer's format (the corpus holds no power result).
/// </summary>
public sealed class PowerMetricTests
{
    private const string Offline = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline";
    private const string Begin = "01-02-2025 10:00:10.000000";
    private const string End = "01-02-2025 10:00:20.000000";
    private static readonly string[] PowerFiles = ["client.json", "client.log", "ptd_logs.txt", "server.json", "server.log"];

    /// <summary>One analyzer line: <c>Time,&lt;timestamp&gt;,Watts,&lt;w&gt;,Volts,...</c>.</summary>
    private static string Sample(string time, string watts)
        => $"Time,{time},Watts,{watts},Volts,230.000000,Amps,0.500000,PF,0.990000,Mark,run_testing";

    /// <summary>A few non-sample lines and the samples, as spl.txt.</summary>
    private static string Spl(params string[] samples) => string.Join('\n', ["# analyzer log", .. samples, string.Empty]);

    /// <summary>Makes <paramref name="folder"/> a power result with this window and spl.txt.</summary>
    private static EditedBundle WithPower(EditedBundle bundle, string folder, string begin, string end, string spl)
    {
        var run = folder + "/performance/run_1";
        AddRecord(bundle, run + "/mlperf_log_detail.txt", "effective_scenario", "power_begin", $"\"{begin}\"");
        AddRecord(bundle, run + "/mlperf_log_detail.txt", "power_begin", "power_end", $"\"{end}\"");
        bundle.Replace(run + "/spl.txt", spl);
        foreach (var name in new[] { "mlperf_log_detail.txt", "mlperf_log_summary.txt" })
        {
            bundle.Replace($"{folder}/performance/ranging/{name}", bundle.ReadText($"{run}/{name}"));
        }

        bundle.Replace(folder + "/performance/ranging/spl.txt", spl);
        foreach (var name in PowerFiles)
        {
            bundle.Replace($"{folder}/performance/power/{name}", "{}\n");
        }

        return bundle;
    }

    /// <summary>Adds an MLLOG record after the first record with <paramref name="afterKey"/>, copying its form.</summary>
    private static EditedBundle AddRecord(
        EditedBundle bundle, string path, string afterKey, string key, string jsonValue) => bundle.Edit(path, text =>
    {
        var line = text.Split('\n').First(l => l.Contains($"\"key\": \"{afterKey}\"", StringComparison.Ordinal));
        var copy = Regex.Replace(line, "\"key\": \"[^\"]+\", \"value\": (\"[^\"]*\"|[^,]+)", $"\"key\": \"{key}\", \"value\": {jsonValue}");
        return text.Replace(line, line + "\n" + copy, StringComparison.Ordinal);
    });

    private static (AuditReport Report, ResultReport Result) Audit(Func<EditedBundle, EditedBundle> edit, string id = Offline)
    {
        using var bundle = edit(Corpus.OpenV51());
        var report = Corpus.Audit(bundle);
        return (report, Corpus.Result(report, id));
    }

    private static int LineOf(string text, string key)
        => text.Split('\n').ToList().FindIndex(l => l.Contains($"\"key\": \"{key}\"", StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("01-02-2025 10:00:09.999999", false)]
    [InlineData("01-02-2025 10:00:10.000000", false)]
    [InlineData("01-02-2025 10:00:10.000001", true)]
    [InlineData("01-02-2025 10:00:10.5", true)]
    [InlineData("1-2-2025 10:0:15.25", true)]
    [InlineData("01-02-2025 10:00:19.999999", true)]
    [InlineData("01-02-2025 10:00:20.000000", false)]
    [InlineData("01-02-2025 10:00:20.000001", false)]
    public void PowerWindow_CountsOnlySamplesStrictlyBetweenBeginAndEnd(string time, bool counted)
    {
        var spl = Spl(Sample("01-02-2025 10:00:15.000000", "100.0"), Sample(time, "300.0"));
        var (_, result) = Audit(b => WithPower(b, Offline, Begin, End, spl));

        Assert.Equal(Verdict.Valid, result.Verdict);
        var power = Assert.IsType<PowerMetric>(result.Power);
        Assert.Equal(counted ? 2 : 1, power.Samples);
        Assert.Equal(counted ? 200.0 : 100.0, power.Value, 12);
        Assert.Equal("Watts", power.Unit);
        Assert.Equal(10.0, power.WindowSeconds);
        Assert.Equal(Offline + "/performance/run_1/spl.txt", power.SamplesFile);
        Assert.Equal(2, power.FirstSampleLine);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0.000000", 1)]
    [InlineData("-5.5", 1)]
    [InlineData("0.001", 2)]
    [InlineData("250", 2)]
    public void PowerSamples_WithZeroOrNegativeWattsAreIgnored(string watts, int samples)
    {
        var spl = Spl(Sample("01-02-2025 10:00:12.000000", "100"), Sample("01-02-2025 10:00:13.000000", watts));
        var (_, result) = Audit(b => WithPower(b, Offline, Begin, End, spl));

        var power = Assert.IsType<PowerMetric>(result.Power);
        Assert.Equal(samples, power.Samples);
        var expected = samples == 1 ? 100 : (100 + double.Parse(watts, CultureInfo.InvariantCulture)) / 2;
        Assert.Equal(expected, power.AverageWatts, 12);
    }

    [Theory]
    [InlineData("01-02-2025 10:00:05.000000", "120")]
    [InlineData("01-02-2025 10:00:25.000000", "120")]
    [InlineData("01-02-2025 10:00:15.000000", "0")]
    public void PowerResult_WithNoPositiveSampleInTheWindow_IsInvalidWithoutAPowerRow(string time, string watts)
    {
        var (report, result) = Audit(b => WithPower(b, Offline, Begin, End, Spl(Sample(time, watts))));

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Null(result.Power);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfPowerNoSamples.Code);
        Assert.Equal(Offline + "/performance/run_1/spl.txt", finding.File);
        Assert.DoesNotContain(Offline, OfficialCsv.Render(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Time,2025-01-02 10:00:15.000000,Watts,100", 3)]
    [InlineData("Time,01-02-2025 10:00:15,Watts,100", 3)]
    [InlineData("Time,01-02-2025 10:00:15.0000001,Watts,100", 3)]
    [InlineData("Time,01-02-2025 10:00:15.000000,Watts", 3)]
    [InlineData("Time,01-02-2025 10:00:15.000000,Watts,abc", 3)]
    [InlineData("Time", 3)]
    public void MalformedSampleLine_IsAFindingWithItsLine(string line, int lineNumber)
    {
        var spl = Spl(Sample("01-02-2025 10:00:12.000000", "100"), line);
        var (_, result) = Audit(b => WithPower(b, Offline, Begin, End, spl));

        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Null(result.Power);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfPowerLogMalformed.Code);
        Assert.Equal((Offline + "/performance/run_1/spl.txt", lineNumber), (finding.File, finding.Line));
    }

    [Fact]
    public void MalformedSampleLineOutsideTheWindow_StillNeedsATimestampButNotWatts()
    {
        var spl = Spl(Sample("01-02-2025 10:00:12.000000", "100"), "Time,01-02-2025 10:00:25.000000,Watts,abc");
        var (_, result) = Audit(b => WithPower(b, Offline, Begin, End, spl));

        Assert.Equal(1, Assert.IsType<PowerMetric>(result.Power).Samples);
    }

    [Theory]
    [InlineData("2025-01-02 10:00:10.000000")]
    [InlineData("01-02-2025 10:00:10")]
    [InlineData(" 01-02-2025 10:00:10.000000")]
    public void MalformedPowerBegin_IsAFindingAtItsDetailLogLine(string begin)
    {
        var detail = Offline + "/performance/run_1/mlperf_log_detail.txt";
        string? text = null;
        var (_, result) = Audit(b =>
        {
            WithPower(b, Offline, begin, End, Spl(Sample("01-02-2025 10:00:15.000000", "100")));
            text = b.ReadText(detail);
            return b;
        });

        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfPowerLogMalformed.Code);
        Assert.Equal((detail, LineOf(text!, "power_begin")), (finding.File, finding.Line));
        Assert.Null(result.Power);
    }

    [Fact]
    public void PowerReport_NamesTheWindowAndItsDetailLogLines()
    {
        var detail = Offline + "/performance/run_1/mlperf_log_detail.txt";
        string? text = null;
        var (_, result) = Audit(b =>
        {
            WithPower(b, Offline, Begin, End, Spl(Sample("01-02-2025 10:00:11.000000", "90"), Sample("01-02-2025 10:00:19.000000", "110")));
            text = b.ReadText(detail);
            return b;
        });

        var power = Assert.IsType<PowerMetric>(result.Power);
        Assert.Equal((Begin, End, detail), (power.WindowBegin, power.WindowEnd, power.DetailFile));
        Assert.Equal((LineOf(text!, "power_begin"), LineOf(text!, "power_end")), (power.BeginLine, power.EndLine));
        Assert.Equal((2, 3), (power.FirstSampleLine, power.LastSampleLine));
        Assert.Null(power.QueryCount);
    }

    [Fact]
    public void OfficialCsv_MarksThePowerResultAndAddsItsPowerRow()
    {
        var (report, result) = Audit(
            b => WithPower(b, Offline, Begin, End,
            Spl(Sample("01-02-2025 10:00:12.000000", "1000.5"), Sample("01-02-2025 10:00:18.000000", "999.5"))));

        var rows = OfficialCsv.Render(report).Split('\n').Where(l => l.Contains(Offline + ",", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(",True,Tokens/s,", rows[0], StringComparison.Ordinal);
        Assert.Contains($",{NumberText.PythonRepr(result.Metric!.Value)},", rows[0], StringComparison.Ordinal);
        Assert.Contains(",1000.0,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",True,Watts,", rows[1], StringComparison.Ordinal);
        Assert.Equal(rows[0].Split(',')[..9], rows[1].Split(',')[..9]);
    }

    [Fact]
    public void OfficialCsv_V6Round_ThePowerRowCarriesWattsInTheUnitsColumn()
    {
        var (audited, _) = Audit(
            b => WithPower(b, Offline, Begin, End,
            Spl(Sample("01-02-2025 10:00:12.000000", "1000.5"), Sample("01-02-2025 10:00:18.000000", "999.5"))));
        var report = audited with { Rules = audited.Rules with { Round = "v6.0" } };

        var csv = OfficialCsv.Render(report);
        var units = OfficialCsv.ColumnsV6.ToList().IndexOf("Units");
        var rows = csv.Split('\n').Where(l => l.Contains(Offline + "\",", StringComparison.Ordinal)).Select(l => l.Split("\",\"")).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(("Tokens/s", "Watts"), (rows[0][units], rows[1][units]));
        Assert.Equal("1000.0", rows[1][OfficialCsv.ColumnsV6.ToList().IndexOf("Result")]);
        Assert.Equal(rows[0][units + 1], rows[1][units + 1]); // weight_data_types
    }

    [Fact]
    public void Markdown_ListsEachPowerResultWithItsWattsEfficiencyAndSampleLines()
    {
        var (report, result) = Audit(
            b => WithPower(b, Offline, Begin, End,
            Spl(Sample("01-02-2025 10:00:12.000000", "1000.5"), Sample("01-02-2025 10:00:18.000000", "999.5"))));

        var markdown = MarkdownRenderer.Render(report);

        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| ND_GB200_v6 llama2-70b-99 Offline |", StringComparison.Ordinal));
        var efficiency = NumberText.Readable(result.Metric!.Value / 1000, 3);
        Assert.Equal(
            $"| ND_GB200_v6 llama2-70b-99 Offline | 1,000 W | {efficiency} Tokens/s per W | 2 samples in "
            + $"{NumberText.Readable(result.Power!.WindowSeconds, 1)} s, {result.Power.SamplesFile}:2-3 |", row);
    }

    [Fact]
    public void Markdown_WithoutPowerResults_HasNoPowerTable()
        => Assert.DoesNotContain("Power (", MarkdownRenderer.Render(Audit(b => b).Report), StringComparison.Ordinal);

    [Fact]
    public void Html_ListsEachPowerResultUnderTheResultsTable()
    {
        var (report, result) = Audit(
            b => WithPower(b, Offline, Begin, End,
            Spl(Sample("01-02-2025 10:00:12.000000", "1000.5"), Sample("01-02-2025 10:00:18.000000", "999.5"))));

        var html = MlPerfAudit.Core.Reports.Html.HtmlRenderer.Render(report);

        var table = html[html.IndexOf("<caption>Power:", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(table, "<tr><th scope=\"row\""));
        Assert.Contains(">1,000 W<", table, StringComparison.Ordinal);
        Assert.Contains($">{NumberText.Readable(result.Metric!.Value / 1000, 3)} Tokens/s per W<", table, StringComparison.Ordinal);
        Assert.Contains($"{result.Power!.SamplesFile}:2-3", table, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<caption>Power:", StringComparison.Ordinal) < html.IndexOf("id=\"findings-heading\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Watts", 1000.0, "52.062 Tokens/s per W")] // 52,061.6 tokens/s at 1 kW: 52.062 tokens per joule
    [InlineData("Watts", 0.0, "–")] // no work per joule from zero watts
    [InlineData("millijoules", 12.5, "–")] // SingleStream/MultiStream: the metric is already energy per query
    public void PowerEfficiency_IsTheHeadlinePerWattForThroughputResultsOnly(string unit, double value, string expected)
    {
        var (_, result) = Audit(b => WithPower(b, Offline, Begin, End, Spl(Sample("01-02-2025 10:00:12.000000", "1000"))));

        var efficiency = PowerText.Efficiency(result with { Power = result.Power! with { Unit = unit, Value = value } });

        Assert.Equal(expected, efficiency);
    }

    [Fact]
    public void TextSummary_GivesThePowerBesideTheHeadline()
    {
        var (report, _) = Audit(
            b => WithPower(b, Offline, Begin, End, Spl(Sample("01-02-2025 10:00:12.000000", "1500"), Sample("01-02-2025 10:00:18.000000", "500"))));

        // The corpus helper names the bundle by a short stand-in digest; the summary prints the first 12 digits of a real one.
        var summary = TextSummary.Render(report with { Bundle = report.Bundle with { Sha256 = new string('0', 64) } });
        var line = Assert.Single(summary.Split('\n'), l => l.Contains(Offline + ":", StringComparison.Ordinal));
        Assert.EndsWith(", power 1,000 W from 2 samples", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void OfficialCsv_ResultsWithoutPower_KeepHasPowerFalseAndOneRow()
    {
        var (report, _) = Audit(b => b);

        var rows = OfficialCsv.Render(report).Split('\n').Where(l => l.Contains(Offline + ",", StringComparison.Ordinal)).ToList();
        Assert.Contains(",False,Tokens/s,", Assert.Single(rows), StringComparison.Ordinal);
    }

    /// <summary>The result folder moved to another scenario's folder name (the bundle's bytes copied in memory).</summary>
    private static EditedBundle Move(EditedBundle bundle, string from, string to)
    {
        foreach (var path in bundle.Entries.Select(e => e.Path).Where(p => p.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
        {
            using var stream = bundle.Open(bundle.Entries.Single(e => e.Path == path));
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bundle.Replace(to + path[from.Length..], copy.ToArray());
        }

        return bundle.RemoveFolder(from);
    }

    [Theory]
    [InlineData("SingleStream", "\"SingleStream\"", 2000, 500.0, 1)]
    [InlineData("MultiStream", "\"MultiStream\"", 2000, 500.0, 1)]
    [InlineData("MultiStream", "\"SingleStream\"", 2000, 4000.0, 8)]
    [InlineData("SingleStream", "\"SingleStream\"", 1, 1_000_000.0, 1)]
    public void StreamScenarios_ReportEnergyPerQueryInMillijoules(string scenario, string logged, int queries, double millijoules, int perQuery)
    {
        var folder = Offline[..^"Offline".Length] + scenario;
        var (_, result) = Audit(b =>
        {
            Move(b, Offline, folder);
            b.SetLogValue(folder + "/performance/run_1/mlperf_log_detail.txt", "effective_scenario", logged);
            b.SetLogValue(folder + "/performance/run_1/mlperf_log_detail.txt", "result_query_count", queries.ToString(CultureInfo.InvariantCulture));
            return WithPower(b, folder, Begin, End, Spl(Sample("01-02-2025 10:00:15.000000", "100")));
        }, folder);

        // 100 W for 10 s is 1,000 J over the queries.
        var power = Assert.IsType<PowerMetric>(result.Power);
        Assert.Equal(("millijoules", (long?)queries, (int?)perQuery), (power.Unit, power.QueryCount, power.SamplesPerQuery));
        Assert.Equal(millijoules, power.Value, 9);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("\"many\"")]
    public void StreamScenarios_WithoutAPositiveQueryCount_AreAFinding(string count)
    {
        var folder = Offline[..^"Offline".Length] + "SingleStream";
        var (_, result) = Audit(b =>
        {
            Move(b, Offline, folder);
            b.SetLogValue(folder + "/performance/run_1/mlperf_log_detail.txt", "result_query_count", count);
            return WithPower(b, folder, Begin, End, Spl(Sample("01-02-2025 10:00:15.000000", "100")));
        }, folder);

        Assert.Null(result.Power);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.InfPowerLogMalformed.Code);
        Assert.Equal(folder + "/performance/run_1/mlperf_log_detail.txt", finding.File);
    }
}
