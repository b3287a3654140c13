using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Mllog;

/// <summary>
/// Streams <c>:::MLLOG {json}</c> records out of a log. Lines without the token are ignored; the
/// token may follow a launcher prefix (training logs) when <c>tokenAnywhere</c> is set.
/// Strict: a line with the token but without a valid JSON object that has a string <c>key</c> and a
/// <c>value</c> becomes a <see cref="MllogProblem"/>, never an exception.
/// </summary>
internal static class MllogReader
{
    private static readonly byte[] Token = ":::MLLOG"u8.ToArray();

    /// <summary>Reads every record, calling <paramref name="onRecord"/> in file order.</summary>
    /// <param name="stream">The log bytes.</param>
    /// <param name="maxLineBytes">Longest accepted line, in bytes.</param>
    /// <param name="tokenAnywhere">Accept the token after a prefix (training); inference logs start lines with it.</param>
    /// <param name="onRecord">Receives each record.</param>
    /// <returns>Problems met, in file order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<MllogProblem> Read(Stream stream, int maxLineBytes, bool tokenAnywhere, Action<MllogRecord> onRecord)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onRecord);
        var problems = new List<MllogProblem>();
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            if (tooLong)
            {
                problems.Add(new MllogProblem(reader.LineNumber, $"line is longer than {maxLineBytes} bytes", LineTooLong: true));
                continue;
            }

            var at = tokenAnywhere ? line.IndexOf(Token) : (line.StartsWith(Token) ? 0 : -1);
            if (at < 0)
            {
                continue;
            }

            var json = line[(at + Token.Length)..];
            var record = Parse(json, reader.LineNumber, out var reason);
            if (record is null)
            {
                var cut = reader.LastLineUnterminated ? " (the file ends in the middle of this line)" : string.Empty;
                problems.Add(new MllogProblem(reader.LineNumber, reason + cut));
                continue;
            }

            onRecord(record);
        }

        return problems;
    }

    /// <summary>
    /// Reads one record with <see cref="Utf8JsonReader"/>: strict JSON (one object, no trailing data,
    /// no repeated member), without building a document for the value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static MllogRecord? Parse(ReadOnlySpan<byte> json, int line, out string reason)
    {
        reason = string.Empty;
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            reason = "the record is not valid UTF-8";
            return null;
        }

        return LoadGenRecordShape.TryRead(json, line) ?? ParseGeneral(json, line, out reason);
    }

    /// <summary>The general reader for a payload already known to be valid UTF-8 (<see cref="Utf8JsonReader"/>, any JSON object).</summary>
    internal static MllogRecord? ParseGeneral(ReadOnlySpan<byte> json, int line, out string reason)
    {
        try
        {
            return ReadObject(json, line, out reason);
        }
        catch (JsonException ex)
        {
            reason = $"invalid JSON after :::MLLOG ({ex.Message})";
            return null;
        }
    }

    private static MllogRecord? ReadObject(ReadOnlySpan<byte> json, int line, out string reason, MemberSet? continuing = null)
    {
        reason = string.Empty;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "the :::MLLOG payload is not a JSON object";
            return null;
        }

        string? key = null;
        ReadOnlyMemory<byte>? value = null;
        double? time = null;
        ReadOnlyMemory<byte> metadata = ReadOnlyMemory<byte>.Empty;
        bool isError = false, isWarning = false;
        var seen = continuing ?? new MemberSet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = KnownName(ref reader) ?? reader.GetString()!;
            if (!seen.Add(name))
            {
                reason = $"invalid JSON after :::MLLOG (the member '{name}' appears twice)";
                return null;
            }

            reader.Read();
            switch (name)
            {
                case "key" when reader.TokenType == JsonTokenType.String:
                    key = reader.GetString();
                    break;
                case "value" when reader.TokenType == JsonTokenType.StartArray
                        && IntegerArray.TryMatch(json[(int)reader.TokenStartIndex..], out var length):
                    return ReadAfterArray(json, (int)reader.TokenStartIndex, length, line, key, seen, out reason);

                case "value":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    value = json[start..(int)reader.BytesConsumed].ToArray();
                    break;
                case "time_ms" when reader.TokenType == JsonTokenType.Number:
                    time = reader.GetDouble();
                    break;
                case "metadata" when reader.TokenType == JsonTokenType.StartObject:
                    metadata = ReadMetadata(ref reader, json, out isError, out isWarning);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // The object must be the whole payload: anything after it but whitespace is an error.
        if (reader.Read())
        {
            reason = "invalid JSON after :::MLLOG (data after the record's closing brace)";
            return null;
        }

        if (continuing is not null)
        {
            // The second half of a fast-path record: key and value were read by the caller.
            key ??= string.Empty;
            value ??= ReadOnlyMemory<byte>.Empty;
        }

        if (key is null)
        {
            reason = "the record has no string 'key'";
            return null;
        }

        if (value is null)
        {
            reason = $"the record '{key}' has no 'value'";
            return null;
        }

        return new MllogRecord(key, value.Value, line, time, isError, isWarning, metadata);
    }

    /// <summary>The record's usual member names without allocating a string for them.</summary>
    private static string? KnownName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return null;
        }

        return reader.ValueSpan switch
        {
            var n when n.SequenceEqual("key"u8) => "key",
            var n when n.SequenceEqual("value"u8) => "value",
            var n when n.SequenceEqual("time_ms"u8) => "time_ms",
            var n when n.SequenceEqual("namespace"u8) => "namespace",
            var n when n.SequenceEqual("event_type"u8) => "event_type",
            var n when n.SequenceEqual("metadata"u8) => "metadata",
            _ => null,
        };
    }

    /// <summary>Walks the metadata object (the reader is on its StartObject) and returns is_error and is_warning.</summary>
    private static (bool IsError, bool IsWarning) ReadFlags(ref Utf8JsonReader reader)
    {
        bool isError = false, isWarning = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isErrorName = reader.ValueTextEquals("is_error"u8);
                var isWarningName = reader.ValueTextEquals("is_warning"u8);
                reader.Read();
                isError |= isErrorName && reader.TokenType == JsonTokenType.True;
                isWarning |= isWarningName && reader.TokenType == JsonTokenType.True;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }

        return (isError, isWarning);
    }

    /// <summary>
    /// Fast path for the long integer arrays LoadGen logs (loaded_qsl_set: up to megabytes per line). The array at
    /// <paramref name="begin"/> was checked by a scan that accepts only valid JSON; the rest of the object is read by a
    /// new reader over "{" + what follows the array's comma.
    /// </summary>
    private static MllogRecord? ReadAfterArray(
        ReadOnlySpan<byte> json, int begin, int length, int line, string? key, MemberSet seen, out string reason)
    {
        var kept = length <= MllogRecord.MaxKeptArrayBytes;
        var array = kept ? json.Slice(begin, length).ToArray() : ReadOnlyMemory<byte>.Empty;
        var rest = ReadRest(json[(begin + length)..], line, key, array, seen, out reason);
        return rest is null || kept ? rest : rest with { ElidedArrayBytes = length };
    }

    /// <summary>Reads the metadata object's flags; its JSON text is kept only for an error or warning record.</summary>
    private static ReadOnlyMemory<byte> ReadMetadata(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out bool isError, out bool isWarning)
    {
        var metadataStart = (int)reader.TokenStartIndex;
        (isError, isWarning) = ReadFlags(ref reader);

        // Kept only where a reader needs it (the message of an error or warning record): a copy per
        // record was most of what a whole-round audit allocated.
        return isError || isWarning ? json[metadataStart..(int)reader.BytesConsumed].ToArray() : ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>Reads the members after a fast-path array value: <c>, "time_ms": ..., ...}</c>.</summary>
    private static MllogRecord? ReadRest(
        ReadOnlySpan<byte> rest, int line, string? key, ReadOnlyMemory<byte> value, MemberSet seen, out string reason)
    {
        var trimmed = rest.TrimStart(" \t"u8);
        if (trimmed.IsEmpty || trimmed[0] is not ((byte)',' or (byte)'}'))
        {
            reason = "invalid JSON after :::MLLOG (expected ',' or '}' after the value)";
            return null;
        }

        byte[] synthetic = [(byte)'{', .. trimmed[0] == (byte)',' ? trimmed[1..] : trimmed];

        var record = ReadObject(synthetic, line, out reason, seen);
        if (record is null)
        {
            return null;
        }

        if (record.Key.Length == 0 && key is null)
        {
            reason = "the record has no string 'key'";
            return null;
        }

        return record with { Key = key ?? record.Key, RawValue = value };
    }

    /// <summary>Shortens a record's value for a message.</summary>
    internal static string Describe(MllogRecord record)
        => record.ElidedArrayBytes > 0 ? $"an integer array of {record.ElidedArrayBytes} bytes" : Describe(record.Value);

    /// <summary>Shortens a value for a message.</summary>
    internal static string Describe(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The member names seen in one record: the usual six as bits, anything else in a set made on demand.</summary>
    private sealed class MemberSet
    {
        private static readonly string[] Known = ["key", "value", "time_ms", "namespace", "event_type", "metadata"];
        private int _bits;
        private HashSet<string>? _others;

        public bool Add(string name)
        {
            var i = Array.IndexOf(Known, name);
            if (i >= 0)
            {
                var bit = 1 << i;
                var fresh = (_bits & bit) == 0;
                _bits |= bit;
                return fresh;
            }

            _others ??= new HashSet<string>(StringComparer.Ordinal);
            return _others.Add(name);
        }
    }
}
