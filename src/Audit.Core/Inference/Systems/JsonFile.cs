using System.Text.Json;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Inference.Systems;

/// <summary>
/// A JSON object file read strictly (duplicate keys are an error) with a readable error that names
/// the file and the line, never an exception.
/// </summary>
internal sealed class JsonFile
{
    private JsonFile(string file, JsonElement? root, string? error, int? errorLine, bool duplicateKeys = false)
    {
        File = file;
        Root = root;
        Error = error;
        ErrorLine = errorLine;
        HasDuplicateKeys = duplicateKeys;
    }

    /// <summary>
    /// True when some object repeats a key. The file is still read, and lookups see the last value,
    /// as Python's json module (and so the official checker) does; rules report it as a warning.
    /// </summary>
    public bool HasDuplicateKeys { get; }

    /// <summary>Bundle-relative path.</summary>
    public string File { get; }

    /// <summary>The top-level object, when the file is a valid JSON object.</summary>
    public JsonElement? Root { get; }

    /// <summary>Why the file could not be read, when it could not.</summary>
    public string? Error { get; }

    /// <summary>1-based line of the error, when known.</summary>
    public int? ErrorLine { get; }

    /// <summary>Parses the stream; at most <paramref name="maxBytes"/> bytes are read.</summary>
    public static JsonFile Read(Stream stream, string file, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (BoundedBytes.Read(stream, maxBytes) is not { } bytes)
        {
            return new JsonFile(file, null, $"larger than {maxBytes} bytes", null);
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            // JsonDocument checks string contents only when they are read, so a bad byte would throw later, in a rule.
            return new JsonFile(file, null, "not valid UTF-8", LineOfInvalidUtf8(bytes));
        }

        try
        {
            using var strict = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
            return Wrap(file, strict, duplicates: false);
        }
        catch (JsonException)
        {
            // Fall through: the only thing the lenient parse forgives is a repeated key.
        }

        try
        {
            using var lenient = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = true, MaxDepth = 64 });
            return Wrap(file, lenient, duplicates: true);
        }
        catch (JsonException ex)
        {
            return new JsonFile(file, null, ex.Message, (int?)ex.LineNumber + 1);
        }
    }

    private static int LineOfInvalidUtf8(byte[] bytes)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return 1;
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            return bytes.AsSpan(0, Math.Clamp(ex.Index, 0, bytes.Length)).Count((byte)'\n') + 1;
        }
    }

    private static JsonFile Wrap(string file, JsonDocument document, bool duplicates)
        => document.RootElement.ValueKind == JsonValueKind.Object
            ? new JsonFile(file, document.RootElement.Clone(), null, null, duplicates)
            : new JsonFile(file, null, "the top level is not a JSON object", 1);

    /// <summary>The member's value, or null when absent.</summary>
    public JsonElement? Member(string name) => Root is { } root && root.TryGetProperty(name, out var v) ? v : null;

    /// <summary>
    /// Python's truthiness, which the official checker uses for "meaningful response": missing, null,
    /// "", 0, false, [] and {} are all empty.
    /// </summary>
    public static bool IsEmpty(JsonElement? value) => value is not { } v || v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => true,
        JsonValueKind.String => v.GetString()!.Length == 0,
        JsonValueKind.Number => v.TryGetDouble(out var d) && d == 0,
        JsonValueKind.Array => v.GetArrayLength() == 0,
        JsonValueKind.Object => !v.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>A member as text: strings as they are, numbers and booleans as written; null when absent.</summary>
    public string? Text(string name) => Member(name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    /// <summary>A member as a whole number, accepting numbers and numeric strings ("4"); null otherwise.</summary>
    public long? WholeNumber(string name)
    {
        if (Member(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            return n;
        }

        return v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString()!.Trim(), out var s) ? s : null;
    }
}
