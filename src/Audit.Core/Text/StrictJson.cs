using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPerfAudit.Core.Text;

/// <summary>Strict reading of the small JSON inputs people write by hand (claims, prior-logs indexes).</summary>
internal static class StrictJson
{
    /// <summary>
    /// Read-only options over a source-generated context: no trailing commas, no comments, relaxed escaping on write,
    /// and enums as camelCase strings only.
    /// </summary>
    public static JsonSerializerOptions Options(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new JsonSerializerOptions(context.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: false);
        return options;
    }

    /// <summary>
    /// Deserializes <typeparamref name="T"/>; a read error becomes <paramref name="error"/> (line first, see <see cref="JsonErrorText"/>).
    /// </summary>
    /// <returns>The value, or null with <paramref name="error"/> set, or null without one when the document is <c>null</c>.</returns>
    public static T? Read<T>(ReadOnlySpan<byte> utf8, JsonSerializerOptions options, out string? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            error = null;
            return (T?)JsonSerializer.Deserialize(utf8, options.GetTypeInfo(typeof(T)));
        }
        catch (JsonException ex)
        {
            error = JsonErrorText.Describe(ex);
            return null;
        }
    }
}
