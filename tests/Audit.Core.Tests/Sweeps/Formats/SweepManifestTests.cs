using System.Text;
using MlPerfAudit.Core.Sweeps.Manifest;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>Sweep manifests are read strictly from YAML or JSON with the same lines; the schema is exported from the types.</summary>
public sealed class SweepManifestTests
{
    [Fact]
    public void ExportSchema_MatchesCheckedInSchema()
    {
        var exported = SweepManifestReader.ExportSchema();
        var path = Path.Combine(RepoPaths.Root, "schemas", "sweep-manifest.schema.json");
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(path, exported);
        }

        Assert.True(File.Exists(path), "schemas/sweep-manifest.schema.json is missing; run the tests with UPDATE_SCHEMAS=1 to export it.");
        Assert.Equal(exported, File.ReadAllText(path));
    }

    [Fact]
    public void Read_WhenYamlAndJsonSayTheSame_GiveTheSameManifest()
    {
        var yaml = SweepManifestReader.Read(Encoding.UTF8.GetBytes(
            "version: 1\nwarmupSteps: 5\nruns:\n  - log: mbs4/nemo.log\n    microBatchSize: 4\n    precision: \"bf16\"\n    start: "
                + "2026-11-22T00:00:40.120Z\n"), yaml: true);
        var json = SweepManifestReader.Read(Encoding.UTF8.GetBytes(
            "{\"version\": 1, \"warmupSteps\": 5, \"runs\": [{\"log\": \"mbs4/nemo.log\", \"microBatchSize\": 4, \"precision\": \"bf16\", "
                + "\"start\": \"2026-11-22T00:00:40.120Z\"}]}"), yaml: false);

        Assert.Empty(yaml.Errors);
        Assert.Empty(json.Errors);
        Assert.Equal(json.File!.Runs[0], yaml.File!.Runs[0]);
        Assert.Equal([4], yaml.RunLines);
        Assert.Equal(1795305640120, SweepManifestReader.ParseTime(yaml.File.Runs[0].Start));
    }

    [Theory]
    [InlineData("version: 1\nruns:\n  - log: a.log\n    microBatchSize: 0\n",
        "line 3: runs[0] (a.log): microBatchSize 0 is not a positive whole number")]
    [InlineData("version: 1\nruns:\n  - log: a.log\n  - log: a.log\n", "line 4: runs[1] (a.log): this log is named twice")]
    [InlineData("version: 2\nruns: []\n", "line 1: version 2 is not supported; this tool reads version 1")]
    [InlineData("version: 1\nruns:\n  - log: a.log\n    microBatchSize: four\n", "line 4")]
    [InlineData("version: 1\nruns:\n  - log: a.log\n    start: yesterday\n", "line 3: runs[0] (a.log): start 'yesterday' is not an ISO 8601 time")]
    [InlineData("a: &a [1]\nb: [*a, *a, *a]\n", "line 1")]
    public void Read_WhenManifestIsWrong_ReportsTheProblemWithItsLine(string yaml, string expected)
    {
        var read = SweepManifestReader.Read(Encoding.UTF8.GetBytes(yaml), yaml: true);

        Assert.Null(read.File);
        // The line travels as data beside the sentence; nothing parses it back out of the text.
        var line = int.Parse(expected.Split(':')[0]["line ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(read.Errors, e => e.Message.StartsWith(expected, StringComparison.Ordinal) && e.Line == line);
    }
}
