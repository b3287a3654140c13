using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPerfAudit.Core.Signing;

/// <summary>
/// Canonical JSON in the manner of RFC 8785 (JCS) for the value types we sign: object members sorted by
/// UTF-16 code units, no insignificant whitespace, strings escaped minimally (only <c>"</c>, <c>\</c> and
/// control characters, the latter as <c>\b \t \n \f \r</c> or lower-case <c>\u00xx</c>), integers in plain
/// decimal. The same tree always gives the same bytes, so a re-run audit can be compared byte for byte.
/// </summary>
// Hand-written: the feed has no RFC 8785 (JCS) canonicalizer, and the signed bytes must be exactly RFC 8785's.
internal static class CanonicalJson
{
    /// <summary>Largest integer magnitude written (2^53), the range every JSON reader holds exactly.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_992;

    /// <summary>Serializes <paramref name="node"/> as canonical UTF-8 JSON.</summary>
    /// <exception cref="NotSupportedException">The tree holds a non-integer number, an integer beyond
    /// ±2^53, or a string with an unpaired surrogate; none of our contracts contain one.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(buffer, node);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> output, JsonNode? node)
    {
        switch (node)
        {
            case null:
                Raw(output, "null"u8);
                break;
            case JsonObject obj:
                WriteObject(output, obj);
                break;
            case JsonArray array:
                Raw(output, "["u8);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        Raw(output, ","u8);
                    }

                    Write(output, array[i]);
                }

                Raw(output, "]"u8);
                break;
            case JsonValue value:
                WriteValue(output, value);
                break;
            default:
                throw new NotSupportedException($"unexpected JSON node {node.GetType().Name}");
        }
    }

    private static void WriteObject(ArrayBufferWriter<byte> output, JsonObject obj)
    {
        Raw(output, "{"u8);
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                Raw(output, ","u8);
            }

            first = false;
            WriteString(output, key);
            Raw(output, ":"u8);
            Write(output, value);
        }

        Raw(output, "}"u8);
    }

    private static void WriteValue(ArrayBufferWriter<byte> output, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(output, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                Raw(output, "true"u8);
                break;
            case JsonValueKind.False:
                Raw(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Raw(output, "null"u8);
                break;
            case JsonValueKind.Number:
                if (!value.TryGetValue<long>(out var integer) && !TryIntegral(value, out integer))
                {
                    throw new NotSupportedException("canonical JSON here carries integers only");
                }

                if (integer > MaxSafeInteger || integer < -MaxSafeInteger)
                {
                    throw new NotSupportedException($"integer {integer} is beyond ±2^53");
                }

                Raw(output, Encoding.ASCII.GetBytes(integer.ToString(CultureInfo.InvariantCulture)));
                break;
            default:
                throw new NotSupportedException($"unexpected JSON value kind {value.GetValueKind()}");
        }
    }

    private static bool TryIntegral(JsonValue value, out long integer)
    {
        integer = 0;
        if (value.TryGetValue<int>(out var small))
        {
            integer = small;
            return true;
        }

        if (value.TryGetValue<JsonElement>(out var element) && element.TryGetInt64(out integer))
        {
            return true;
        }

        return false;
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new NotSupportedException("string holds an unpaired surrogate");
            }

            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        Raw(output, Encoding.UTF8.GetBytes(builder.ToString()));
    }

    private static void Raw(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
