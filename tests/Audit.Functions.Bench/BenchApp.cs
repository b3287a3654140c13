using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Functions;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Functions.Telemetry;

namespace MlPerfAudit.Functions.Bench;

/// <summary>
/// The app composed as Program.cs composes it (FunctionsApplication builder, same settings and services), without the host's
/// gRPC channel.
/// </summary>
internal sealed class BenchApp : IDisposable
{
    private readonly IHost _host;

    private BenchApp(IHost host) => _host = host;

    public AuditEnvironment Env => _host.Services.GetRequiredService<AuditEnvironment>();

    /// <summary>The settings the bench passes as environment variables (what Program reads from the host).</summary>
    public static Dictionary<string, string> Environment(string storage, Uri sink, string keyDir) => new()
    {
        [AzureAppSettings.StorageConnection] = storage,
        ["AUDIT_BUNDLES_CONTAINER"] = "bundles",
        ["AUDIT_EVENTGRID_ENDPOINT"] = sink.AbsoluteUri,
        ["AUDIT_EVENTGRID_KEY"] = "bench",
        ["AUDIT_KEY_DIR"] = keyDir,
    };

    /// <summary>Builds the worker exactly as Program.cs does, from configuration <paramref name="values"/>.</summary>
    public static async Task<BenchApp> BuildAsync(IReadOnlyDictionary<string, string> values)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(values.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = AuditSettings.Read(builder.Configuration, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        var credential = AuditApp.Credential(settings);
        var keys = await AuditApp.OpenKeysAsync(settings, credential);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddAuditServices(settings, keys, credential, builder.Configuration.GetSection("AzureDefaults"));
        builder.Services.AddAuditTelemetry(settings);
        var app = new BenchApp(builder.Build());
        await AuditApp.EnsureContainersAsync(app.Env);
        return app;
    }

    /// <summary>One delivery of OnBundleUploaded, the function class created from the worker's services as the worker does.</summary>
    public Task DeliverAsync(BlobClient bundle)
        => ActivatorUtilities.CreateInstance<OnBundleUploaded>(_host.Services).RunAsync(bundle, CancellationToken.None);

    public void Dispose() => _host.Dispose();

    public static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
