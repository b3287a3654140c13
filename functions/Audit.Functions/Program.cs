using MlPerfAudit.Functions;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Functions.Telemetry;
using NodaTime;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// The custom handler process the Functions host starts (host.json customHandler): reads its settings once, reports every
// problem at once and exits 2 when they are unusable, then serves the host on 127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var port = HandlerApp.Port(name => configuration[name], out var portError);
var settings = AuditSettings.Read(configuration, out var errors);
if (portError is not null)
{
    errors.Insert(0, portError);
}

if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"mlperf-audit functions: {error}");
    }

    return 2;
}

SigningKeys keys;
try
{
    keys = await HandlerApp.OpenKeysAsync(settings);
}
catch (Exception ex) when (ex is MlPerfAudit.Local.Signing.KeyStoreException or ArgumentException or Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException)
{
    Console.Error.WriteLine($"mlperf-audit functions: the signing key cannot be used: {ex.Message}");
    return 2;
}

var env = HandlerApp.Environment(settings, keys, SystemClock.Instance);

// OpenTelemetry: traces and metrics of every audit go to an OTLP endpoint when OTEL_EXPORTER_OTLP_ENDPOINT is set.
var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
var resource = ResourceBuilder.CreateDefault().AddService("mlperf-audit-functions", serviceVersion: HandlerApp.Tool.Version);
using var tracing = otlp ? Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(AuditTelemetry.Name).AddOtlpExporter().Build() : null;
using var metrics = otlp ? Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(AuditTelemetry.Name).AddOtlpExporter().Build() : null;

var app = HandlerApp.Build(env, keys, port!.Value, gate: HandlerApp.Gate(settings));
await app.StartAsync();
try
{
    await HandlerApp.EnsureContainersAsync(env);
}
catch (Exception ex) when (ex is MlPerfAudit.Azure.Blob.BlobStorageException or Azure.RequestFailedException)
{
    // Serve anyway: the host needs the readiness answer, and each audit retries storage on its own.
    Console.Error.WriteLine($"mlperf-audit functions: the containers could not be created yet: {ex.Message}");
}

await app.WaitForShutdownAsync();
return 0;
