using System.Text;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>The published tables load with their units, IDs and lines; bad rows are errors with a line.</summary>
public sealed class BaselineLoaderTests
{
    private static BaselineTable LoadShared(params string[] parts)
    {
        using var stream = File.OpenRead(Path.Combine([RepoPaths.Shared, "baselines", .. parts]));
        return BaselineLoader.Load(stream, parts[^1]);
    }

    [Fact]
    public void Load_InferenceV51_IndexesAzureOfflineById()
    {
        var table = LoadShared("mlcommons-inference_results_v5.1", "summary_results.json");
        Assert.Empty(table.Errors);
        Assert.Equal(1448, table.Rows.Count);
        var row = Assert.Single(new BaselineIndex(table.Rows).Find("llama2-70b-99", "Offline", id: "5.1-0008"));
        Assert.Equal((52061.6, "Tokens/s", 4, "ND_GB200_v6", "5.1"), (row.Value, row.Unit, row.Accelerators, row.Platform, row.Round));
        Assert.Equal(13015.4, row.PerAccelerator!.Value, 1);
    }

    [Fact]
    public void Load_InferenceV60_UsesTotalAccelerators()
    {
        var table = LoadShared("gbeezybez-inference_results_v6.0", "summary_results.json");
        Assert.Empty(table.Errors);
        Assert.Equal(520, table.Rows.Count);
        Assert.All(new BaselineIndex(table.Rows).ById("6.0-0001"), r => Assert.Equal(88, r.Accelerators));
    }

    [Fact]
    public void Load_TrainingScoreCsv_ReadsAzure405bScoreInMinutes()
    {
        var table = LoadShared("derived", "training_llama31_time_to_train.csv");
        Assert.Empty(table.Errors);
        var row = Assert.Single(new BaselineIndex(table.Rows).Find("llama31_405b", system: "2048xAzure_GB200"));
        Assert.Equal((7.0686, "minutes", 8192, 1024.0, "6.0"), (row.Value, row.Unit, row.Accelerators, row.GlobalBatchSize!.Value, row.Round));
        Assert.Equal(63, row.Line);
    }

    [Fact]
    public void Load_TrainingSummaryJson_GivesOneRowPerScoredBenchmark()
    {
        var table = LoadShared("mlcommons-training_results_v5.1", "Quanta_Cloud_Technology", "summary.json");
        Assert.Empty(table.Errors);
        Assert.Equal(5, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal(("5.1", "minutes"), (r.Round, r.Unit)));
    }

    [Fact]
    public void Load_WhenRowLacksPerformanceResult_ReportsItsLineAndKeepsTheOthers()
    {
        var json = "[\n{\"ID\":\"5.1-0001\",\"version\":\"v5.1\",\"Submitter\":\"A\",\"System\":\"s\",\"Platform\":\"p\",\"Model\":\"m\","
            + "\"Scenario\":\"Offline\",\"Category\":\"closed\",\"Performance_Units\":\"Tokens/s\",\"Performance_Result\":1.5},\n"
            + "{\"ID\":\"5.1-0002\",\"version\":\"v5.1\",\"Submitter\":\"A\",\"System\":\"s\",\"Platform\":\"p\",\"Model\":\"m\","
            + "\"Scenario\":\"Offline\",\"Category\":\"closed\",\"Performance_Units\":\"Tokens/s\"}\n]";
        var table = BaselineLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "t.json");
        Assert.Single(table.Rows);
        var error = Assert.Single(table.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("Performance_Result", error.Message, StringComparison.Ordinal);
    }

    private const string CsvHeader = "round,submitter,system_dir,system_name,division,accelerator,nodes,total_accelerators,benchmark,score_minutes\n";

    [Theory]
    [InlineData("training v5.1,A,d,s,closed,\"GB200, NVL\",1,4,llama31_8b,9.5\n", 1, null, 0)]
    [InlineData("training v5.1,A,d,\"two\nlines\",closed,GB200,1,4,llama31_8b,9.5\ntraining v5.1,A,d,s,closed,GB200,1,4,llama31_8b,9.5\n", 2, null,
        0)]
    [InlineData("training v5.1,A,d,s\"x,closed,GB200,1,4,llama31_8b,9.5\ntraining v5.1,A,d,s,closed,GB200,1,4,llama31_8b,9.5\n", 1, 2, 1)]
    [InlineData("training v5.1,A,d,\"s\"x,closed,GB200,1,4,llama31_8b,9.5\n", 0, 2, 1)]
    [InlineData("\ntraining v5.1,A,d,s,closed,GB200,1,4,llama31_8b\n", 0, 3, 1)]
    [InlineData("training v5.1,A,d,s,closed,GB200,1,4,llama31_8b,soon\n", 0, 2, 1)]
    public void Load_TrainingScoreCsv_QuotedFieldsReadAndBadRecordsAreErrorsWithTheirLine(string body, int rows, int? errorLine, int errors)
    {
        var table = BaselineLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(CsvHeader + body)), "t.csv");
        Assert.Equal(rows, table.Rows.Count);
        Assert.Equal(errors, table.Errors.Count);
        Assert.Equal(errorLine, table.Errors.Count > 0 ? table.Errors[0].Line : null);
    }

    [Fact]
    public void Load_TrainingScoreCsv_KeepsTheLineARecordStartsOn()
    {
        var csv = CsvHeader
            + "training v5.1,A,d,\"two\nlines\",closed,GB200,1,4,llama31_8b,9.5\n\ntraining v5.1,B,d,s,closed,GB200,1,4,llama31_8b,9.5\n";
        var table = BaselineLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv");
        Assert.Equal([2, 5], table.Rows.Select(r => r.Line));
        Assert.Equal("GB200, NVL",
            BaselineLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(CsvHeader + "v5.1,A,d,s,closed,\"GB200, NVL\",1,4,b,1\n")),
            "t").Rows[0].AcceleratorName);
    }
}
