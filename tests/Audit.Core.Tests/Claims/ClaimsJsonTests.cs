using System.Text;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>Claims files are read strictly, every problem with its line; the schemas are the ones exported from the types.</summary>
public sealed class ClaimsJsonTests
{
    [Theory]
    [InlineData("claims.schema.json")]
    [InlineData("gate-report.schema.json")]
    public void ExportSchema_MatchesCheckedInSchema(string name)
    {
        var exported = name == "claims.schema.json" ? ClaimsJson.ExportClaimsSchema() : ClaimsJson.ExportGateReportSchema();
        var path = Path.Combine(RepoPaths.Root, "schemas", name);
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(path, exported);
        }

        Assert.True(File.Exists(path), $"schemas/{name} is missing; run the tests with UPDATE_SCHEMAS=1 to export it.");
        Assert.Equal(exported, File.ReadAllText(path));
    }

    [Fact]
    public void Read_WhenMemberIsUnknown_ReportsItsLine()
    {
        var json = "{\n  \"version\": 1,\n  \"claims\": [\n    { \"id\": \"a\", \"txt\": \"x\" }\n  ]\n}\n";
        var read = ClaimsJson.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(read.File);
        Assert.StartsWith("line 4:", Assert.Single(read.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenSeveralClaimsAreWrong_ReportsEveryProblemWithItsLine()
    {
        var json = """
            {
              "version": 1,
              "claims": [
                { "id": "a", "text": "t", "quantity": "throughput", "value": 1, "unit": "furlongs", "evidence": {"results": [{"benchmark": "b"}]} },
                { "id": "a", "text": "t", "quantity": "scalingEfficiency", "value": 1, "unit": "%", "evidence": {"results": [{"benchmark": "b"}]} }
              ]
            }
            """;
        var read = ClaimsJson.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(read.File);
        Assert.Contains(read.Errors, e => e.StartsWith("line 4:", StringComparison.Ordinal) && e.Contains("furlongs", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.StartsWith("line 5:", StringComparison.Ordinal) && e.Contains("earlier claim", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.StartsWith("line 5:", StringComparison.Ordinal)
            && e.Contains("evidence.baseline", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.StartsWith("line 5:", StringComparison.Ordinal)
            && e.Contains("scaling (weak or strong)", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ExampleClaims_GivesEveryClaimWithItsLine()
    {
        var read = ClaimsJson.Read(File.ReadAllBytes(GateFixture.ClaimsPath));
        Assert.Empty(read.Errors);
        Assert.Equal(read.File!.Claims.Count, read.Lines.Count);
        Assert.Equal(4, read.Lines[read.File.Claims[0].Id]);
    }
}
