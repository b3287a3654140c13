using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Reports;

/// <summary>The checked-in schema is the one exported from the C# contract, and reports round-trip through it.</summary>
public sealed class ReportSchemaTests
{
    private static string SchemaPath => Path.Combine(RepoPaths.Root, "schemas", "audit-report.schema.json");

    [Fact]
    public void ExportSchema_MatchesCheckedInSchema()
    {
        var exported = ReportJson.ExportSchema();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(SchemaPath, exported);
        }

        Assert.True(File.Exists(SchemaPath), "schemas/audit-report.schema.json is missing; run the tests with UPDATE_SCHEMAS=1 to export it.");
        Assert.Equal(exported, File.ReadAllText(SchemaPath));
    }

    [Fact]
    public void Serialize_ThenDeserialize_GivesAnEqualReportAndIdenticalBytes()
    {
        using var bundle = Corpus.OpenV51();
        var report = Corpus.Audit(bundle);
        var bytes = ReportJson.Serialize(report);
        var back = ReportJson.Deserialize(bytes);
        Assert.Equal(bytes, ReportJson.Serialize(back));
        Assert.Equal(report.Results.Count, back.Results.Count);
    }

    [Fact]
    public void Serialize_WritesContractFieldsInCamelCase()
    {
        using var bundle = Corpus.OpenV51();
        var json = System.Text.Encoding.UTF8.GetString(ReportJson.Serialize(Corpus.Audit(bundle)));
        foreach (var field in new[] { "\"tool\"", "\"rules\"", "\"bundle\"", "\"sha256\"", "\"results\"", "\"verdict\": \"valid\"",
            "\"perAccelerator\"", "\"perNode\"", "\"summary\"", "\"accelerators\"" })
        {
            Assert.Contains(field, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deserialize_WhenReportHasUnknownMember_Throws()
    {
        using var bundle = Corpus.OpenV51();
        var json = System.Text.Encoding.UTF8.GetString(ReportJson.Serialize(Corpus.Audit(bundle)));
        var tampered = json.Replace("\"summary\": {", "\"summary\": { \"extra\": 1,", StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ReportJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(tampered)));
    }
}
