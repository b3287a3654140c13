using System.Text;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>Prior-logs index files are read strictly, every problem with its line; the schema is exported from the types.</summary>
public sealed class PriorLogJsonTests
{
    private const string Digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Entry(string sha256 = Digest, string round = "v5.1", string resultId = "closed/A/results/S/resnet/Offline")
        => $$"""    { "sha256": "{{sha256}}", "round": "{{round}}", "resultId": "{{resultId}}", "division": "closed", "submitter": "A", """
            + "\"system\": \"S\", \"benchmark\": \"resnet\", \"scenario\": \"Offline\", \"file\": \"x/mlperf_log_detail.txt\" }";

    private static string Index(params string[] entries)
        => "{\n  \"version\": 1,\n  \"sources\": [],\n  \"entries\": [\n" + string.Join(",\n", entries) + "\n  ]\n}\n";

    [Fact]
    public void ExportSchema_MatchesCheckedInSchema()
    {
        var exported = PriorLogJson.ExportSchema();
        var path = Path.Combine(RepoPaths.Root, "schemas", "prior-logs.schema.json");
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(path, exported);
        }

        Assert.True(File.Exists(path), "schemas/prior-logs.schema.json is missing; run the tests with UPDATE_SCHEMAS=1 to export it.");
        Assert.Equal(exported, File.ReadAllText(path));
    }

    [Fact]
    public void Read_WhenIndexIsWellFormed_RoundTripsByteForByte()
    {
        var file = PriorLogIndexFile.Create([new PriorLogSource("b.zip", Digest, "v5.1", 1)],
            [new PriorLogEntry(Digest, "v5.1", "r", "closed", "A", "S", "resnet", "Offline", "f"),
                new PriorLogEntry(Digest, "v5.1", "r", "closed", "A", "S", "resnet", "Offline", "f")]);
        Assert.Single(file.Entries);
        var bytes = PriorLogJson.Serialize(file);
        var read = PriorLogJson.Read(bytes);
        Assert.Empty(read.Errors);
        Assert.Equal(bytes, PriorLogJson.Serialize(read.File!));
    }

    [Fact]
    public void Read_WhenEntriesAreWrong_ReportsEveryProblemWithItsLine()
    {
        var read = PriorLogJson.Read(Encoding.UTF8.GetBytes(Index(Entry(), Entry(sha256: "ABC"), Entry(round: "5.1", resultId: " "))));
        Assert.Null(read.File);
        Assert.Equal(3, read.Errors.Count);
        Assert.Contains(read.Errors, e => e.StartsWith("line 6: entries[1]: sha256", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.StartsWith("line 7: entries[2]: round '5.1'", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.StartsWith("line 7: entries[2]: resultId is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\n  \"version\": 1,\n  \"sources\": [],\n  \"entries\": [],\n  \"extra\": 1\n}", "line 5")]
    [InlineData("{\n  \"version\": 1,\n  \"entries\": []\n}", "sources")]
    [InlineData("{\n  \"version\": 2,\n  \"sources\": [],\n  \"entries\": []\n}", "version 2")]
    [InlineData("null", "holds null")]
    [InlineData("{ \"version\": 1, \"sources\": [], \"entries\": [ { \"sha256\": 5 } ] }", "line 1")]
    public void Read_WhenFileIsNotAnIndex_SaysWhy(string json, string expected)
    {
        var read = PriorLogJson.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(read.File);
        Assert.Contains(expected, Assert.Single(read.Errors), StringComparison.Ordinal);
    }
}
