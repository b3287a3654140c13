using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPerfAudit.Functions.Contract;

/// <summary>What the Functions host POSTs to <c>/&lt;FunctionName&gt;</c>: binding values by binding name, and trigger metadata.</summary>
/// <param name="Data">Trigger and input binding values, keyed by the binding <c>name</c> of function.json.</param>
/// <param name="Metadata">Trigger metadata (<c>sys</c> and friends); not used by our functions.</param>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] IReadOnlyDictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] IReadOnlyDictionary<string, JsonElement>? Metadata);

/// <summary>What the handler answers: output binding values by name, log lines, and the <c>$return</c> value.</summary>
/// <param name="Outputs">Output binding values keyed by binding name (e.g. <c>res</c> for the HTTP response).</param>
/// <param name="Logs">Lines the host logs at Information level.</param>
/// <param name="ReturnValue">The value of a <c>$return</c> binding; null when there is none.</param>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>The HTTP output binding value (<c>Outputs.res</c>) the host turns into the client's response.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Headers">Response headers.</param>
/// <param name="Body">Response body text.</param>
public sealed record HttpOutput(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body);

/// <summary>
/// The functions this handler serves and their binding names; <c>functions/&lt;Name&gt;/function.json</c> must agree
/// (a contract test checks every file against this table).
/// </summary>
public static class FunctionContract
{
    /// <summary>Event Grid trigger on BlobCreated in the bundles container.</summary>
    public const string OnBundleUploaded = nameof(OnBundleUploaded);

    /// <summary>HTTP GET reports/{id}/{part?}.</summary>
    public const string GetReport = nameof(GetReport);

    /// <summary>HTTP GET keys (JWKS).</summary>
    public const string GetKeys = nameof(GetKeys);

    /// <summary>HTTP POST gate: the body is a claims file; answers the signed gate report.</summary>
    public const string GateClaims = nameof(GateClaims);

    /// <summary>Binding name of the Event Grid trigger.</summary>
    public const string EventBinding = "event";

    /// <summary>Binding name of the HTTP trigger.</summary>
    public const string RequestBinding = "req";

    /// <summary>Binding name of the HTTP output.</summary>
    public const string ResponseBinding = "res";

    /// <summary>Route of <see cref="GetReport"/> (under the host's <c>api/</c> prefix).</summary>
    public const string ReportRoute = "reports/{id}/{part?}";

    /// <summary>Route of <see cref="GetKeys"/>.</summary>
    public const string KeysRoute = "keys";

    /// <summary>Route of <see cref="GateClaims"/>.</summary>
    public const string GateRoute = "gate";

    /// <summary>Every function: name, trigger binding type, trigger binding name, output binding name (null for none), HTTP route, HTTP methods.</summary>
    public static IReadOnlyList<FunctionBinding> All { get; } =
    [
        new(OnBundleUploaded, "eventGridTrigger", EventBinding, null, null, []),
        new(GetReport, "httpTrigger", RequestBinding, ResponseBinding, ReportRoute, ["get"]),
        new(GetKeys, "httpTrigger", RequestBinding, ResponseBinding, KeysRoute, ["get"]),
        new(GateClaims, "httpTrigger", RequestBinding, ResponseBinding, GateRoute, ["post"]),
    ];

    /// <summary>Serializer settings for the invocation contract (names as declared, no reshaping).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>One function's trigger and output bindings.</summary>
/// <param name="Name">Function (folder) name; also the handler's POST path.</param>
/// <param name="TriggerType">function.json <c>type</c> of the trigger.</param>
/// <param name="TriggerName">Binding name of the trigger (the key in <c>Data</c>).</param>
/// <param name="OutputName">Binding name of the HTTP output (the key in <c>Outputs</c>), or null.</param>
/// <param name="Route">HTTP route, or null.</param>
/// <param name="Methods">HTTP methods.</param>
public sealed record FunctionBinding(string Name, string TriggerType, string TriggerName, string? OutputName, string? Route, IReadOnlyList<string> Methods);
