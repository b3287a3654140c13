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
