using System.Text;
using MlPerfAudit.Core.Mllog;

namespace MlPerfAudit.Core.Tests.Mllog;

public sealed class MllogReaderTests
{
    private static (List<MllogRecord> Records, IReadOnlyList<MllogProblem> Problems) Read(string text, bool anywhere = false, int maxLine = 1 << 20)
    {
        var records = new List<MllogRecord>();
        var problems = MllogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLine, anywhere, records.Add);
        return (records, problems);
    }

    [Fact]
    public void Read_WhenLinesUseCrlfAndBom_ReadsRecordsWithLineNumbers()
    {
        var (records, problems) = Read(
            "\uFEFF:::MLLOG {\"key\": \"a\", \"value\": 1}\r\nnoise\r\n:::MLLOG {\"key\": \"b\", \"value\": 18209322760996052031}\r\n");
        Assert.Empty(problems);
        Assert.Equal(["a", "b"], records.Select(r => r.Key));
        Assert.Equal(3, records[1].Line);
        Assert.True(records[1].Value.TryGetUInt64(out var seed));
        Assert.Equal(18209322760996052031UL, seed);
    }

    [Fact]
    public void Read_WhenTokenFollowsLauncherPrefix_RequiresTokenAnywhere()
    {
        const string Line = "[1,0]<stdout>: :::MLLOG {\"key\": \"run_start\", \"value\": null}\n";
        Assert.Empty(Read(Line).Records);
        Assert.Single(Read(Line, anywhere: true).Records);
    }

    [Theory]
    [InlineData(":::MLLOG {\"key\": \"a\"", "invalid JSON")]
    [InlineData(":::MLLOG [1,2]", "not a JSON object")]
    [InlineData(":::MLLOG {\"value\": 1}", "no string 'key'")]
    [InlineData(":::MLLOG {\"key\": \"a\"}", "no 'value'")]
    [InlineData(":::MLLOG {\"key\": \"a\", \"key\": \"b\", \"value\": 1}", "invalid JSON")]
    public void Read_WhenRecordIsBroken_ReportsProblemWithLine(string line, string reason)
    {
        var (records, problems) = Read("ok\n" + line + "\n");
        Assert.Empty(records);
        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenFileEndsMidLine_SaysSo()
    {
        var (_, problems) = Read(":::MLLOG {\"key\": \"a\", \"value\": 1}\n:::MLLOG {\"key\": \"b\", \"val");
        Assert.Contains("ends in the middle", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1023, 0)]
    [InlineData(1024, 0)]
    [InlineData(1025, 1)]
    public void Read_WhenLineIsAroundLengthLimit_RefusesLonger(int length, int expectedProblems)
    {
        var prefix = ":::MLLOG {\"key\": \"a\", \"value\": \"";
        var line = prefix + new string('x', length - prefix.Length - 2) + "\"}";
        Assert.Equal(length, line.Length);
        var (records, problems) = Read(line + "\n:::MLLOG {\"key\": \"next\", \"value\": 2}\n", maxLine: 1024);
        Assert.Equal(expectedProblems, problems.Count);
        Assert.Contains(records, r => r.Key == "next");
    }

    [Fact]
    public void Read_WhenLineHasInvalidUtf8_ReportsProblem()
    {
        var bytes = Encoding.UTF8.GetBytes(":::MLLOG {\"key\": \"a\", \"value\": \"").Concat(new byte[] { 0xff, 0xfe })
            .Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var records = new List<MllogRecord>();
        var problems = MllogReader.Read(new MemoryStream(bytes), 4096, false, records.Add);
        Assert.Single(problems);
    }
}

public sealed class MllogFastPathTests
{
    private static (List<MllogRecord> Records, IReadOnlyList<MllogProblem> Problems) Read(string line)
    {
        var records = new List<MllogRecord>();
        var problems = MllogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")), 1 << 20, false, records.Add);
        return (records, problems);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[0]")]
    [InlineData("[1, 2, 3]")]
    [InlineData("[ -7 ,0,  10 ]")]
    public void Read_WhenValueIsAnIntegerArray_KeepsItAndReadsTheRest(string array)
    {
        var (records, problems) = Read(
            $":::MLLOG {{\"key\": \"loaded_qsl_set\", \"value\": {array}, \"time_ms\": 1.5, \"metadata\": {{\"is_error\": true}}}}");
        Assert.Empty(problems);
        var record = Assert.Single(records);
        Assert.Equal("loaded_qsl_set", record.Key);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, record.Value.ValueKind);
        Assert.Equal(1.5, record.TimeMs);
        Assert.True(record.IsError);
    }

    [Theory]
    [InlineData("[01]")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("[1, 2")]
    [InlineData("[1], \"key\": \"again\"")]
    [InlineData("[1] \"time_ms\": 1")]
    [InlineData("[1], \"time_ms\": 1} trailing")]
    public void Read_WhenIntegerArrayRecordIsInvalidJson_ReportsProblemLikeTheFullReader(string tail)
    {
        var (records, problems) = Read($":::MLLOG {{\"key\": \"loaded_qsl_set\", \"value\": {tail}}}");
        Assert.Empty(records);
        Assert.Single(problems);
    }

    [Fact]
    public void Read_WhenValueComesBeforeKey_StillFindsTheKey()
    {
        var (records, problems) = Read(":::MLLOG {\"value\": [1, 2], \"key\": \"late\"}");
        Assert.Empty(problems);
        Assert.Equal("late", Assert.Single(records).Key);
    }
}

public sealed class IntegerArrayTests
{
    [Theory]
    [InlineData("[]", true)]
    [InlineData("[0]", true)]
    [InlineData("[0,0,10,1]", true)]
    [InlineData("[12,345,6]", true)]
    [InlineData("[1, 2]", true)]
    [InlineData("[-1,2]", true)]
    [InlineData("[01]", false)]
    [InlineData("[1,02]", false)]
    [InlineData("[1,,2]", false)]
    [InlineData("[,1]", false)]
    [InlineData("[1,]", false)]
    [InlineData("[1", false)]
    [InlineData("[1.5]", false)]
    [InlineData("[\"1\"]", false)]
    public void TryMatch_AcceptsExactlyTheValidIntegerArrays(string json, bool valid)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json + ", \"time_ms\": 1}");
        Assert.Equal(valid, MlPerfAudit.Core.Mllog.IntegerArray.TryMatch(bytes, out var length));
        if (valid)
        {
            Assert.Equal(json.Length, length);
        }
    }
}
