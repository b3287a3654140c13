using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Azure.Messaging.EventGrid;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using MlPerfAudit.Azure.Blob;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Tests.Signing;
using NodaTime;

namespace MlPerfAudit.Functions.Tests.Support;

/// <summary>
/// The real custom handler (HandlerApp) listening on a free loopback port, configured through the same settings the
/// Functions host passes (environment names), against Azurite and the loopback Event Grid sink, with a local key.
/// </summary>
internal sealed class Handler : IAsyncDisposable
{
    public const string Bundles = "bundles";
    public const string Reports = "reports";

    private readonly WebApplication _app;
    private readonly TempFolder _keys;

    private Handler(WebApplication app, TempFolder keys, AuditEnvironment env, SigningKeys signing, int port)
    {
        _app = app;
        _keys = keys;
        Env = env;
        Keys = signing;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public AuditEnvironment Env { get; }

    public SigningKeys Keys { get; }

    public HttpClient Client { get; }

    public IBlobStore Store => Env.Store;

    public static async Task<Handler> StartAsync(Azurite azurite, EventGridSink sink, Func<string, Task>? afterWrite = null, long? maxBundleBytes = null, string? gateBaselines = null,
        string? priorLogs = null, string? timeLimit = null, IClock? auditClock = null)
    {
        var keys = new TempFolder();
        var values = new Dictionary<string, string?>
        {
            ["AUDIT_STORAGE"] = azurite.ConnectionString,
            ["AUDIT_EVENTGRID_ENDPOINT"] = sink.Endpoint.AbsoluteUri,
            ["AUDIT_EVENTGRID_KEY"] = EventGridSink.Key,
            ["AUDIT_KEY_DIR"] = keys.Combine("keys"),
            ["AUDIT_MAX_BUNDLE_BYTES"] = maxBundleBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AUDIT_GATE_BASELINES"] = gateBaselines,
            ["AUDIT_PRIOR_LOGS"] = priorLogs,
            ["AUDIT_TIME_LIMIT"] = timeLimit,
        };
        var settings = AuditSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), out var errors);
        Assert.Empty(errors);
        var signing = await HandlerApp.OpenKeysAsync(settings);

        // Quick backoff so an outage fails an invocation in about a second instead of a minute.
        var storage = new BlobStorageClientOptions();
        storage.Retry.Delay = TimeSpan.FromMilliseconds(50);
        storage.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        storage.Retry.MaxRetries = 3;
        storage.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        var events = new EventGridPublisherClientOptions();
        events.Retry.MaxRetries = 0;
        var env = HandlerApp.Environment(settings, signing, SystemClock.Instance, storage, events) with { AfterWrite = afterWrite };
        if (auditClock is not null)
        {
            env = env with { AuditClock = auditClock };
        }
        var port = Azurite.FreePort();
        var app = HandlerApp.Build(env, signing, port, logging => logging.ClearProviders(), HandlerApp.Gate(settings));
        await app.StartAsync();
        await HandlerApp.EnsureContainersAsync(env);
        return new Handler(app, keys, env, signing, port);
    }

    /// <summary>Uploads bytes to the bundles container and returns the event Event Grid would send for it.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> UploadAsync(string name, byte[] bundle)
    {
        var put = await Store.PutAsync(Bundles, name, BinaryData.FromBytes(bundle), "application/zip");
        Assert.True(put.Created);
        return HostRequests.BlobCreated(Guid.NewGuid().ToString(), Bundles, name, put.ETag!, bundle.Length, Store.BlobUri(Bundles, name));
    }

    /// <summary>POSTs an invocation body to /&lt;function&gt; exactly as the host does.</summary>
    public async Task<(int Status, JsonElement Body)> InvokeAsync(string function, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, function) { Content = content };
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.300.25317");
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.300.25317");
        using var response = await Client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, json);
    }

    /// <summary>Calls GetReport through the host contract and returns Outputs.res.</summary>
    public async Task<(int Status, string ContentType, string Body)> GetReportAsync(string id, string? part = null, string? accept = null)
    {
        var routeParams = new Dictionary<string, string> { ["id"] = id };
        if (part is not null)
        {
            routeParams["part"] = part;
        }

        var (status, body) = await InvokeAsync("GetReport", HostRequests.HttpInvocation("GetReport", "reports/" + id, routeParams, accept));
        Assert.Equal(200, status);
        var res = body.GetProperty("Outputs").GetProperty("res");
        return (res.GetProperty("statusCode").GetInt32(), res.GetProperty("headers").GetProperty("Content-Type").GetString()!, res.GetProperty("body").GetString()!);
    }

    /// <summary>Calls GateClaims through the host contract with <paramref name="claims"/> as the request body and returns Outputs.res.</summary>
    public async Task<(int Status, string ContentType, string Body)> GateAsync(string claims)
    {
        var (status, body) = await InvokeAsync("GateClaims", HostRequests.HttpPostInvocation("GateClaims", "gate", claims));
        Assert.Equal(200, status);
        var res = body.GetProperty("Outputs").GetProperty("res");
        return (res.GetProperty("statusCode").GetInt32(), res.GetProperty("headers").GetProperty("Content-Type").GetString()!, res.GetProperty("body").GetString()!);
    }

    public async Task<List<string>> ReportBlobsAsync(string? prefix = null)
    {
        var names = new List<string>();
        await foreach (var blob in Store.ListAsync(Reports, prefix))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        (Keys.Signer as IDisposable)?.Dispose();
        _keys.Dispose();
    }
}
