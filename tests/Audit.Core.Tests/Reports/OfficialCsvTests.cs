using System.Globalization;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Reports;

/// <summary>The official checker's CSV layout, on the real v5.1 corpus.</summary>
public sealed class OfficialCsvTests
{
    private const string Model = "Model";
    private const string MlperfModel = "MlperfModel";

    [Theory]
    [InlineData("llama3.1-405b", "llama3.1-405b")] // the round's own name
    [InlineData("llama3_1-405b", "llama3.1-405b")] // an alias the round accepts: the table names the rules' benchmark
    public void Render_WritesTheFolderAsModelAndTheBenchmarkWhoseRulesJudgedItAsMlperfModel(string folder, string rulesBenchmark)
    {
        using var bundle = new RenamedBundle(Corpus.OpenV51(), "llama3.1-405b", folder, "closed/AMD/", "closed/NVIDIA/");
        var report = Corpus.Audit(bundle);
        var offline = Corpus.Result(report, $"{Corpus.Azure}/{folder}/Offline");
        Assert.Equal(Verdict.Valid, offline.Verdict);
        Assert.Equal(rulesBenchmark, offline.RulesBenchmark);

        var rows = Rows(OfficialCsv.Render(report));
        var row = Assert.Single(rows, r => r["Location"] == offline.Id);
        Assert.Equal(folder, row[Model]);
        Assert.Equal(rulesBenchmark, row[MlperfModel]);
        Assert.Equal("0", row["inferred"]); // measured in the Offline run itself
    }

    [Fact]
    public void Render_V51Round_WritesThe28ColumnsOfTheV5Checkers()
    {
        using var bundle = Corpus.OpenV51();
        var csv = OfficialCsv.Render(Corpus.Audit(bundle));

        Assert.Equal(string.Join(',', OfficialCsv.Columns), csv.Split('\n')[0]);
        Assert.Equal(28, OfficialCsv.Columns.Count);
        Assert.All(Rows(csv), row => Assert.Equal("1", row["compliance"]));
    }

    [Fact]
    public void Render_V6Round_WritesTheModularCheckersColumnsWithEveryCellQuoted()
    {
        using var bundle = Corpus.OpenV51();
        var audited = Corpus.Audit(bundle);
        var report = audited with { Rules = audited.Rules with { Round = "v6.0" } };

        var csv = OfficialCsv.Render(report);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(OfficialCsv.ColumnsV6, OfficialCsv.ColumnsFor("v6.0"));
        Assert.Equal(OfficialCsv.ColumnsV6, OfficialCsv.ColumnsFor("v6.1"));
        Assert.Equal(OfficialCsv.Columns, OfficialCsv.ColumnsFor("v5.0"));
        Assert.Equal(string.Join(',', OfficialCsv.ColumnsV6), lines[0]);
        Assert.Equal(31, OfficialCsv.ColumnsV6.Count);
        Assert.Equal(["accelerators_per_node", "total_accelerators", "Location"], OfficialCsv.ColumnsV6.Skip(16).Take(3));
        Assert.All(lines.Skip(1), line => Assert.True(line.StartsWith('"') && line.EndsWith('"'), line));

        var valid = report.Results.Count(r => r.Verdict == Verdict.Valid);
        var rows = Rows(csv);
        Assert.Equal(valid, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(row["Division"], row["compliance"]); // the modular checker writes the division here
            Assert.Equal("v6.0", row["version"]);
            Assert.Equal((string.Empty, string.Empty), (row["design_power_watts"], row["PrivateID"]));
            var nodes = long.Parse(row["number_of_nodes"], CultureInfo.InvariantCulture);
            var perNode = long.Parse(row["accelerators_per_node"], CultureInfo.InvariantCulture);
            Assert.Equal((nodes * perNode).ToString(CultureInfo.InvariantCulture), row["total_accelerators"]);
        });

        // 1 node x 4 GB200
        Assert.Equal("4", Assert.Single(rows, r => r["Location"] == $"{Corpus.Azure}/llama2-70b-99/Offline")["total_accelerators"]);
    }

    [Theory]
    [InlineData("1", "4", "4")]
    [InlineData("18", "4", "72")]
    [InlineData("0", "8", "0")]
    [InlineData("", "8", "")] // not a whole number: the official checker stops on int(); the cell stays empty
    [InlineData("2", "8 (4 per CPU)", "")]
    [InlineData("1.5", "4", "")]
    public void Render_V6Round_TotalAcceleratorsIsNodesTimesAcceleratorsPerNodeWhenBothAreWholeNumbers(string nodes, string perNode, string total)
    {
        using var bundle = Corpus.OpenV51();
        var audited = Corpus.Audit(bundle);
        var id = $"{Corpus.Azure}/llama2-70b-99/Offline";
        var report = audited with
        {
            Rules = audited.Rules with { Round = "v6.1" },
            Results = [.. audited.Results.Select(r => r.Id != id
                ? r : r with { SystemDescription = r.SystemDescription! with { NumberOfNodes = nodes, AcceleratorsPerNode = perNode } })],
        };

        var row = Assert.Single(Rows(OfficialCsv.Render(report)), r => r["Location"] == id);

        Assert.Equal(total, row["total_accelerators"]);
    }

    /// <summary>
    /// RFC 4180 (CsvHelper): a quote inside a value is doubled and a comma or line break quotes the value, in both layouts; the
    /// hand-written writer this replaced left embedded quotes single and unquoted columns bare (no published v5.1 value has either).
    /// </summary>
    [Theory]
    [InlineData("v5.1", "GB200 \"NVL\"", "\"GB200 \"\"NVL\"\"\"")]
    [InlineData("v6.0", "GB200 \"NVL\"", "\"GB200 \"\"NVL\"\"\"")]
    [InlineData("v5.1", "plain", "\"plain\"")]
    public void Render_WhenAQuotedColumnHoldsAQuote_DoublesIt(string round, string notes, string written)
    {
        var row = RenderAzureOffline(round, s => s with { Notes = notes });
        Assert.Contains("," + written + ",", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v5.1", "1,2", "\"1,2\"")] // number_of_nodes is written bare in v5.x unless it needs quotes
    [InlineData("v5.1", "1", ",1,")]
    [InlineData("v6.0", "1", "\"1\"")]
    public void Render_WhenAnUnquotedColumnHoldsAComma_QuotesIt(string round, string nodes, string written)
    {
        var row = RenderAzureOffline(round, s => s with { NumberOfNodes = nodes });
        Assert.Contains(written, row, StringComparison.Ordinal);
    }

    private static string RenderAzureOffline(string round, Func<SystemSummary, SystemSummary> change)
    {
        using var bundle = Corpus.OpenV51();
        var audited = Corpus.Audit(bundle);
        var id = $"{Corpus.Azure}/llama2-70b-99/Offline";
        var report = audited with
        {
            Rules = audited.Rules with { Round = round },
            Results = [.. audited.Results.Select(r => r.Id != id ? r : r with { SystemDescription = change(r.SystemDescription!) })],
        };
        return Assert.Single(OfficialCsv.Render(report).Split('\n'), line => line.Contains(id, StringComparison.Ordinal));
    }

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line =>
        {
            var cells = SplitQuoted(line);
            Assert.Equal(header.Length, cells.Count);
            return header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2);
        })];
    }

    private static List<string> SplitQuoted(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
