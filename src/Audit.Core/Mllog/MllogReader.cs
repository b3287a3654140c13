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
public static class MllogReader
{
    private static readonly byte[] Token = ":::MLLOG"u8.ToArray();

    /// <summary>Reads every record, calling <paramref name="onRecord"/> in file order.</summary>
    /// <param name="stream">The log bytes.</param>
    /// <param name="maxLineBytes">Longest accepted line, in bytes.</param>
    /// <param name="tokenAnywhere">Accept the token after a prefix (training); inference logs start lines with it.</param>
    /// <param name="onRecord">Receives each record.</param>
    /// <returns>Problems met, in file order.</returns>
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
                problems.Add(new MllogProblem(reader.LineNumber, $"line is longer than {maxLineBytes} bytes"));
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

    private static MllogRecord? Parse(ReadOnlySpan<byte> json, int line, out string reason)
    {
        reason = string.Empty;
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            reason = "the record is not valid UTF-8";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
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

            double? time = root.TryGetProperty("time_ms"u8, out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
            JsonElement? metadata = root.TryGetProperty("metadata"u8, out var m) && m.ValueKind == JsonValueKind.Object ? m.Clone() : null;
            var isError = metadata is { } md && md.TryGetProperty("is_error"u8, out var e) && e.ValueKind == JsonValueKind.True;
            var isWarning = metadata is { } mw && mw.TryGetProperty("is_warning"u8, out var w) && w.ValueKind == JsonValueKind.True;
            return new MllogRecord(key.GetString()!, value.Clone(), line, time, isError, isWarning, metadata);
        }
    }

    /// <summary>Shortens a value for a message.</summary>
    internal static string Describe(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
