using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Functions;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Tests.Signing;
using NodaTime;

namespace MlPerfAudit.Functions.Tests.Support;

/// <summary>
/// The app composed exactly as Program composes it (settings read from the names the host passes, AddAuditServices with
/// Microsoft.Extensions.Azure clients), against Azurite and the loopback Event Grid sink, with a local key. The function
/// classes are created the way the worker creates them (from the service provider) and called with what the worker binds:
/// a <see cref="BlobClient"/> of the uploaded blob, an <see cref="HttpRequest"/> of a <see cref="DefaultHttpContext"/>.
/// </summary>
internal sealed class App : IAsyncDisposable
{
    public const string Bundles = "bundles";
    public const string Reports = "reports";

    private readonly ServiceProvider _services;
    private readonly TempFolder _keys;

    private App(ServiceProvider services, TempFolder keys, LogCapture logs)
    {
        _services = services;
        _keys = keys;
        Logs = logs;
    }

    public LogCapture Logs { get; }

    public AuditEnvironment Env => _services.GetRequiredService<AuditEnvironment>();

    public SigningKeys Keys => _services.GetRequiredService<SigningKeys>();

    public BlobServiceClient Storage => Env.Storage;

    public BlobContainerClient BundlesContainer => Storage.GetBlobContainerClient(Bundles);

    public BlobContainerClient ReportsContainer => Storage.GetBlobContainerClient(Reports);

    public static async Task<App> StartAsync(Azurite azurite, EventGridSink sink, Func<string, Task>? afterWrite = null, long? maxBundleBytes = null,
        string? gateBaselines = null, string? priorLogs = null, string? timeLimit = null, IClock? auditClock = null, string? bundles = null)
    {
        var keys = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AzureAppSettings.StorageConnection] = azurite.ConnectionString,
            ["AUDIT_BUNDLES_CONTAINER"] = bundles,
            ["AUDIT_EVENTGRID_ENDPOINT"] = sink.Endpoint.AbsoluteUri,
            ["AUDIT_EVENTGRID_KEY"] = EventGridSink.Key,
            ["AUDIT_KEY_DIR"] = keys.Combine("keys"),
            ["AUDIT_MAX_BUNDLE_BYTES"] = maxBundleBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AUDIT_GATE_BASELINES"] = gateBaselines,
            ["AUDIT_PRIOR_LOGS"] = priorLogs,
            ["AUDIT_TIME_LIMIT"] = timeLimit,

            // The SDK's own retry options (no second loop): a quick backoff so an outage fails a delivery in about a second.
            ["AzureDefaults:Retry:MaxRetries"] = "3",
            ["AzureDefaults:Retry:Delay"] = "00:00:00.05",
            ["AzureDefaults:Retry:MaxDelay"] = "00:00:00.2",
            ["AzureDefaults:Retry:NetworkTimeout"] = "00:00:20",
        }).Build();
        var settings = AuditSettings.Read(configuration, out var errors);
        Assert.Empty(errors);
        var credential = AuditApp.Credential(settings);
        var signing = await AuditApp.OpenKeysAsync(settings, credential);
        var logs = new LogCapture();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs));
        services.AddAuditServices(settings, signing, credential, configuration.GetSection("AzureDefaults"),
            env => env with { AfterWrite = afterWrite, AuditClock = auditClock ?? env.AuditClock });
        var app = new App(services.BuildServiceProvider(), keys, logs);
        await AuditApp.EnsureContainersAsync(app.Env);
        return app;
    }

    /// <summary>A function class, created as the worker creates it (constructor injection from the app's services).</summary>
    public T Function<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(_services);

    /// <summary>Uploads bytes to the bundles container and returns the client the trigger would bind for it.</summary>
    public async Task<BlobClient> UploadAsync(string name, byte[] bundle, string container = Bundles)
    {
        var blob = Storage.GetBlobContainerClient(container).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(bundle), overwrite: false);
        return blob;
    }

    /// <summary>One delivery of OnBundleUploaded, as the host makes it.</summary>
    public Task DeliverAsync(BlobClient bundle) => Function<OnBundleUploaded>().RunAsync(bundle, CancellationToken.None);

    public async Task<(int Status, string ContentType, string Body)> GetReportAsync(string id, string? part = null, string? accept = null)
    {
        var request = Request("GET", "/api/reports/" + id, accept);
        return Read(await Function<GetReport>().RunAsync(request, id, part, CancellationToken.None));
    }

    public (int Status, string ContentType, string Body) GetKeys() => Read(Function<GetKeys>().Run(Request("GET", "/api/keys")));

    public async Task<(int Status, string ContentType, string Body)> GateAsync(string claims, bool announceLength = true)
    {
        var request = Request("POST", "/api/gate");
        var bytes = Encoding.UTF8.GetBytes(claims);
        request.Body = new MemoryStream(bytes);
        request.ContentType = "application/json";
        request.ContentLength = announceLength ? bytes.Length : null;
        return Read(await Function<GateClaims>().RunAsync(request, CancellationToken.None));
    }

    public async Task<(int Status, string ContentType, string Body)> ListAsync(string query, string? accept = null)
    {
        var request = Request("GET", "/api/reports", accept);
        request.QueryString = new QueryString(query);
        return Read(await Function<ListReports>().RunAsync(request, CancellationToken.None));
    }

    /// <summary>Names of the report blobs (the listing's index/ entries left out), in name order.</summary>
    public async Task<List<string>> ReportBlobsAsync(string? prefix = null)
    {
        var names = new List<string>();
        await foreach (var blob in ReportsContainer.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            if (!blob.Name.StartsWith("index/", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    public async Task<byte[]?> ReadReportBlobAsync(string name)
        => await BlobWrites.ReadIfExistsAsync(ReportsContainer.GetBlobClient(name)) is { } data ? data.ToArray() : null;

    public async ValueTask DisposeAsync()
    {
        (Keys.Signer as IDisposable)?.Dispose();
        await _services.DisposeAsync();
        _keys.Dispose();
    }

    private static HttpRequest Request(string method, string path, string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }

    private static (int Status, string ContentType, string Body) Read(IActionResult result)
    {
        var content = Assert.IsType<ContentResult>(result);
        return (content.StatusCode ?? 200, content.ContentType!, content.Content!);
    }
}
