using System.Globalization;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Training.Logs;

/// <summary>
/// Streams a training <c>result_N.txt</c> into <see cref="TrainingRecord"/>s, reading it the way the
/// official MLPerf Training parsers do (spec §1): bytes are Latin-1; any line containing
/// <c>":::MLLOG "</c> (token and trailing space) is a record, and everything up to the <em>last</em>
/// token on the line is a launcher prefix (<c>[1,0]&lt;stdout&gt;:</c>, time stamps) and is dropped.
/// Strict: the rest must be one JSON object with a string <c>key</c>, a <c>value</c>, a float-parsable
/// <c>time_ms</c> (number or numeric string) and an object <c>metadata</c>; anything else is a
/// <see cref="TrainingLogProblem"/> with its line, never an exception. Lines without the token are ignored.
/// </summary>
internal static class TrainingLogParser
{
    private static readonly byte[] Token = ":::MLLOG "u8.ToArray();

    /// <summary>Parses a whole result file.</summary>
    /// <param name="stream">The file's bytes; read forward once, not disposed.</param>
    /// <param name="path">Bundle-relative path, recorded in the result.</param>
    /// <param name="maxLineBytes">Longest accepted line in bytes; longer lines with the token are problems.</param>
    /// <returns>The records and problems, in file order.</returns>
    public static TrainingLog Parse(Stream stream, string path, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(path);
        var records = new List<TrainingRecord>();
        var problems = new List<TrainingLogProblem>();
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            if (tooLong)
            {
                // A line over the limit cannot be searched for the token; report it rather than guess.
                problems.Add(new TrainingLogProblem(reader.LineNumber, $"line is longer than {maxLineBytes} bytes and was not read"));
                continue;
            }

            var at = line.LastIndexOf(Token);
            if (at < 0)
            {
                continue;
            }

            var json = line[(at + Token.Length)..].Trim(" \t\r\f\v"u8);
            var record = ParseRecord(json, reader.LineNumber, out var reason);
            if (record is null)
            {
                problems.Add(new TrainingLogProblem(reader.LineNumber, reason));
                continue;
            }

            records.Add(record);
        }

        return new TrainingLog(path, records, problems);
    }

    private static TrainingRecord? ParseRecord(ReadOnlySpan<byte> json, int line, out string reason)
    {
        reason = string.Empty;
        JsonDocument document;
        try
        {
            document = json.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0
                ? JsonDocument.Parse(Encoding.Latin1.GetString(json))
                : JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            reason = $"invalid JSON after :::MLLOG ({ex.Message})";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "the :::MLLOG payload is not a JSON object";
                return null;
            }

            if (!root.TryGetProperty("key"u8, out var key) || key.ValueKind != JsonValueKind.String)
            {
                reason = "the record has no string 'key'";
                return null;
            }

            if (!root.TryGetProperty("value"u8, out var value))
            {
                reason = $"the record '{key.GetString()}' has no 'value'";
                return null;
            }

            if (!root.TryGetProperty("metadata"u8, out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                reason = $"the record '{key.GetString()}' has no 'metadata' object";
                return null;
            }

            if (!root.TryGetProperty("time_ms"u8, out var t) || !TryReadTime(t, out var time))
            {
                reason = $"the record '{key.GetString()}' has no float-parsable 'time_ms'";
                return null;
            }

            var copy = root.Clone();
            return new TrainingRecord(key.GetString()!, copy.GetProperty("value"u8), copy.GetProperty("metadata"u8), time, line);
        }
    }

    private static bool TryReadTime(JsonElement t, out double time)
    {
        time = 0;
        return t.ValueKind switch
        {
            JsonValueKind.Number => t.TryGetDouble(out time),
            JsonValueKind.String => double.TryParse(t.GetString()!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out time),
            _ => false,
        };
    }
}
