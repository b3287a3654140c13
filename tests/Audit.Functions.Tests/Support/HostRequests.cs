using System.Text.Json.Nodes;

namespace MlPerfAudit.Functions.Tests.Support;

/// <summary>
/// The exact bodies the Functions host POSTs to a custom handler (shared/spec/platform.md A3): PascalCase Data/Metadata,
/// the trigger value under its binding name, and the sys metadata.
/// </summary>
internal static class HostRequests
{
    /// <summary>A Microsoft.Storage.BlobCreated event in the EventGridEvent schema, as Event Grid sends it for a PutBlob.</summary>
    public static JsonObject BlobCreated(string eventId, string container, string blobName, string etag, long length, Uri blobUrl)
        => new()
        {
            ["topic"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/audit/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
            ["subject"] = $"/blobServices/default/containers/{container}/blobs/{string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString))}",
            ["eventType"] = "Microsoft.Storage.BlobCreated",
            ["id"] = eventId,
            ["data"] = new JsonObject
            {
                ["api"] = "PutBlob",
                ["clientRequestId"] = Guid.NewGuid().ToString(),
                ["requestId"] = Guid.NewGuid().ToString(),
                ["eTag"] = etag,
                ["contentType"] = "application/zip",
                ["contentLength"] = length,
                ["blobType"] = "BlockBlob",
                ["url"] = blobUrl.AbsoluteUri,
                ["sequencer"] = "00000000000000000000000000000F4A0000000000000001",
                ["storageDiagnostics"] = new JsonObject { ["batchId"] = Guid.NewGuid().ToString() },
            },
            ["dataVersion"] = string.Empty,
            ["metadataVersion"] = "1",
            ["eventTime"] = "2026-01-01T00:00:00.0000000Z",
        };

    /// <summary>The invocation of OnBundleUploaded: the event under Data.event (as an object, or as a JSON string when <paramref name="asString"/>).</summary>
    public static string EventInvocation(JsonObject gridEvent, bool asString = false)
        => new JsonObject
        {
            ["Data"] = new JsonObject { ["event"] = asString ? JsonValue.Create(gridEvent.ToJsonString()) : gridEvent.DeepClone() },
            ["Metadata"] = Sys("OnBundleUploaded"),
        }.ToJsonString();

    /// <summary>The invocation of an HTTP-triggered function: Data.req with Url, Method, Query, Headers, Params.</summary>
    public static string HttpInvocation(string function, string path, IReadOnlyDictionary<string, string> routeParams, string? accept = null)
    {
        var headers = new JsonObject { ["User-Agent"] = new JsonArray("curl/8.0") };
        if (accept is not null)
        {
            headers["Accept"] = new JsonArray(accept);
        }

        var parameters = new JsonObject();
        foreach (var (key, value) in routeParams)
        {
            parameters[key] = value;
        }

        return new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://localhost:7071/api/" + path,
                    ["Method"] = "GET",
                    ["Query"] = "{}",
                    ["Headers"] = headers,
                    ["Params"] = parameters,
                    ["Body"] = null,
                },
            },
            ["Metadata"] = Sys(function),
        }.ToJsonString();
    }

    /// <summary>The invocation of an HTTP POST trigger: Data.req with the request body as a string, as the host sends it.</summary>
    public static string HttpPostInvocation(string function, string path, string body)
        => new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://localhost:7071/api/" + path,
                    ["Method"] = "POST",
                    ["Query"] = "{}",
                    ["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json"), ["User-Agent"] = new JsonArray("curl/8.0") },
                    ["Params"] = new JsonObject(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = Sys(function),
        }.ToJsonString();

    private static JsonObject Sys(string function) => new()
    {
        ["sys"] = new JsonObject { ["MethodName"] = function, ["UtcNow"] = "2026-01-01T00:00:00Z", ["RandGuid"] = Guid.NewGuid().ToString() },
    };
}
