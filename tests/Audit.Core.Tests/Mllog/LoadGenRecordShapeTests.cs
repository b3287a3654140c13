using System.Text;
using MlPerfAudit.Core.Mllog;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Mllog;

public sealed class LoadGenRecordShapeTests
{
    private const string Meta = "{\"is_error\": false, \"is_warning\": false, \"file\": \"loadgen.cc\", \"line_no\": 12, \"pid\": 3, \"tid\": 4}";

    private static string Line(string value, string time = "0.25", string metadata = Meta)
        => $" {{\"key\": \"result_validity\", \"value\": {value}, \"time_ms\": {time}, \"namespace\": \"mlperf::logging\", "
            + $"\"event_type\": \"POINT_IN_TIME\", \"metadata\": {metadata}}}";

    private static void AssertSameRecord(MllogRecord expected, MllogRecord actual)
    {
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.RawValue.ToArray(), actual.RawValue.ToArray());
        Assert.Equal(expected.Line, actual.Line);
        Assert.Equal(expected.TimeMs, actual.TimeMs);
        Assert.Equal(expected.IsError, actual.IsError);
        Assert.Equal(expected.IsWarning, actual.IsWarning);
        Assert.Equal(expected.RawMetadata.ToArray(), actual.RawMetadata.ToArray());
        Assert.Equal(expected.ElidedArrayBytes, actual.ElidedArrayBytes);
    }

    [Theory]
    [InlineData("\"VALID\"")]
    [InlineData("\"\"")]
    [InlineData("\"sut — ünïcode\"")]
    [InlineData("0")]
    [InlineData("-12.5e+3")]
    [InlineData("18209322760996052031")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[0,1,22,333]")]
    [InlineData("[1, -2, 3]")]
    public void TryRead_WhenLineHasLoadGensShape_GivesTheGeneralReadersRecord(string value)
    {
        var json = Encoding.UTF8.GetBytes(Line(value));
        var fast = LoadGenRecordShape.TryRead(json, 7);
        Assert.NotNull(fast);
        AssertSameRecord(MllogReader.ParseGeneral(json, 7, out _)!, fast);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1025)]
    public void TryRead_WhenIntegerArrayIsAtAndOverTheKeptLimit_KeepsOrElidesItAsTheGeneralReader(int bytes)
    {
        // "[1,1,...,1]" (odd lengths) or "[10,1,...,1]" (even lengths) of exactly `bytes` bytes.
        var value = bytes % 2 == 1
            ? "[" + string.Join(',', Enumerable.Repeat("1", (bytes - 1) / 2)) + "]"
            : "[10" + string.Concat(Enumerable.Repeat(",1", (bytes - 4) / 2)) + "]";
        Assert.Equal(bytes, value.Length);
        var json = Encoding.UTF8.GetBytes(Line(value));
        var fast = LoadGenRecordShape.TryRead(json, 1)!;
        AssertSameRecord(MllogReader.ParseGeneral(json, 1, out _)!, fast);
        Assert.Equal(bytes > MllogRecord.MaxKeptArrayBytes ? bytes : 0, fast.ElidedArrayBytes);
    }

    [Theory]
    [InlineData("{\"is_error\": true, \"is_warning\": false}", true, false)]
    [InlineData("{\"is_error\": false, \"is_warning\": true, \"file\": \"x\"}", false, true)]
    [InlineData("{}", false, false)]
    [InlineData("{\"is_error\": false, \"is_error\": true}", true, false)]
    [InlineData("{\"is_errors\": true, \"is_warning\": null}", false, false)]
    public void TryRead_WhenMetadataFlagsVary_ReadsThemAndKeepsMetadataOfFlaggedRecords(string metadata, bool isError, bool isWarning)
    {
        var json = Encoding.UTF8.GetBytes(Line("1", metadata: metadata));
        var fast = LoadGenRecordShape.TryRead(json, 3)!;
        AssertSameRecord(MllogReader.ParseGeneral(json, 3, out _)!, fast);
        Assert.Equal((isError, isWarning), (fast.IsError, fast.IsWarning));
        Assert.Equal(isError || isWarning, !fast.RawMetadata.IsEmpty);
    }

    [Theory]
    [InlineData("\"a\\\"b\"", "0.25", Meta)] // escape in the value
    [InlineData("\"tab\there\"", "0.25", Meta)] // control character: invalid JSON
    [InlineData("01", "0.25", Meta)] // leading zero: invalid JSON
    [InlineData("1.", "0.25", Meta)]
    [InlineData("-", "0.25", Meta)]
    [InlineData("1x", "0.25", Meta)]
    [InlineData("[1,,2]", "0.25", Meta)]
    [InlineData("[1.5, 2]", "0.25", Meta)] // not an integer array: the general reader decides
    [InlineData("{\"a\": 1}", "0.25", Meta)]
    [InlineData("tru", "0.25", Meta)]
    [InlineData("1", "1e400", Meta)] // not finite
    [InlineData("1", "\"0.25\"", Meta)]
    [InlineData("1", "0.25", "{\"is_error\": {\"nested\": true}}")]
    [InlineData("1", "0.25", "{\"is_error\" : true}")]
    [InlineData("1", "0.25", "{\"is_\\u0065rror\": true}")]
    [InlineData("1", "0.25", "{\"is_error\": true,}")]
    [InlineData("1", "0.25", "[]")]
    public void TryRead_WhenLineLeavesTheShape_DefersToTheGeneralReader(string value, string time, string metadata)
        => Assert.Null(LoadGenRecordShape.TryRead(Encoding.UTF8.GetBytes(Line(value, time, metadata)), 1));

    [Theory]
    [InlineData("{\"value\": 1, \"key\": \"a\", \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {}}")]
    [InlineData("{\"key\":  \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {}}")]
    [InlineData("{\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {}} x")]
    [InlineData("{\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {}}}")]
    [InlineData("{\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\"}")]
    [InlineData("{\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {}, \"extra\": 1}")]
    [InlineData("{\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {\"a\": 1")]
    [InlineData("{\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"namespace\": \"n\", \"event_type\": \"e\", \"metadata\": {\"a\": 1}")]
    public void TryRead_WhenMembersOrSeparatorsDiffer_DefersToTheGeneralReader(string json)
        => Assert.Null(LoadGenRecordShape.TryRead(Encoding.UTF8.GetBytes(json), 1));

    [Fact]
    public void TryRead_OnEveryRecordOfTheCorpusDetailLogs_GivesTheGeneralReadersRecord()
    {
        var logs = Directory.GetFiles(RepoPaths.InferenceV51, "mlperf_log_detail.txt", SearchOption.AllDirectories);
        Assert.NotEmpty(logs);
        long fast = 0, all = 0;
        foreach (var path in logs)
        {
            var number = 0;
            foreach (var line in File.ReadAllLines(path))
            {
                number++;
                if (!line.StartsWith(":::MLLOG", StringComparison.Ordinal))
                {
                    continue;
                }

                var json = Encoding.UTF8.GetBytes(line[":::MLLOG".Length..]);
                all++;
                if (LoadGenRecordShape.TryRead(json, number) is { } record)
                {
                    fast++;
                    AssertSameRecord(MllogReader.ParseGeneral(json, number, out _)!, record);
                }
            }
        }

        // The shape is LoadGen's own: all but a few records (escaped strings such as the git log, nested values) take the fast path.
        Assert.True(fast > all * 0.95, $"{fast} of {all} records took the fast path");
    }
}
