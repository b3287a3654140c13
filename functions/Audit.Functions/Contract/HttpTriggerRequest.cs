using System.Text.Json;

namespace MlPerfAudit.Functions.Contract;

/// <summary>The HTTP trigger value the host puts in <c>Data.req</c>: <c>Url</c>, <c>Method</c>, <c>Query</c>, <c>Headers</c> (name → values), <c>Params</c> (route values).</summary>
internal sealed class HttpTriggerRequest
{
    private readonly JsonElement _value;

    private HttpTriggerRequest(JsonElement value) => _value = value;

    public static HttpTriggerRequest? From(InvocationRequest? invocation, string binding)
        => invocation?.Data is { } data && data.TryGetValue(binding, out var value) && value.ValueKind == JsonValueKind.Object
            ? new HttpTriggerRequest(value)
            : null;

    /// <summary>A route parameter, matched case-insensitively; null when absent or empty.</summary>
    public string? Param(string name)
    {
        var found = Member(_value, "Params") is { ValueKind: JsonValueKind.Object } parameters ? Member(parameters, name) : null;
        return found is { ValueKind: JsonValueKind.String } text && text.GetString() is { Length: > 0 } s ? s : null;
    }

    /// <summary>
    /// The request body as bytes: <c>Body</c> is a string (its UTF-8 bytes); should a host send parsed JSON instead, its raw
    /// text; empty when absent or null.
    /// </summary>
    public byte[] Body()
        => Member(_value, "Body") switch
        {
            { ValueKind: JsonValueKind.String } text => System.Text.Encoding.UTF8.GetBytes(text.GetString()!),
            { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json => System.Text.Encoding.UTF8.GetBytes(json.GetRawText()),
            _ => [],
        };

    /// <summary>True when the Accept header names the media type (a wildcard does not count).</summary>
    public bool Accepts(string mediaType)
    {
        if (Member(_value, "Headers") is not { ValueKind: JsonValueKind.Object } headers || Member(headers, "Accept") is not { } accept)
        {
            return false;
        }

        IEnumerable<string> values = accept.ValueKind switch
        {
            JsonValueKind.Array => accept.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
            JsonValueKind.String => [accept.GetString()!],
            _ => [],
        };
        return values.SelectMany(v => v.Split(',')).Any(v => v.Split(';')[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase));
    }

    private static JsonElement? Member(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
