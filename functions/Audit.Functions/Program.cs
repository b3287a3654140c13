using Microsoft.Azure.Functions.Worker.Builder;
using MlPerfAudit.Functions;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Functions.Telemetry;

// The isolated worker process the Functions host starts: reads its settings once, reports every problem at once and exits 2
// when they are unusable (or the signing key cannot be opened), then serves the host's invocations (gRPC, ASP.NET Core for HTTP).
var builder = FunctionsApplication.CreateBuilder(args);
var settings = AuditSettings.Read(builder.Configuration, out var errors);
if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"mlperf-audit functions: {error}");
    }

    return 2;
}

var credential = AuditApp.Credential(settings);
SigningKeys keys;
try
{
    keys = await AuditApp.OpenKeysAsync(settings, credential);
}
catch (Exception ex) when (ex is MlPerfAudit.Local.Signing.KeyStoreException or ArgumentException or Azure.RequestFailedException
    or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
{
    Console.Error.WriteLine($"mlperf-audit functions: the signing key cannot be used: {ex.Message}");
    return 2;
}

builder.ConfigureFunctionsWebApplication();
builder.Services.AddAuditServices(settings, keys, credential, builder.Configuration.GetSection("AzureDefaults"));
builder.Services.AddAuditTelemetry(settings, credential);
using var host = builder.Build();
// Only a connection string (Azurite, local runs) needs the containers made here; in Azure infra/ creates them and the
// identity has no right to, so start-up makes no storage call there.
if (settings.StorageConnectionString is not null)
{
    try
    {
        await AuditApp.EnsureContainersAsync(host.Services.GetRequiredService<AuditEnvironment>());
    }
    catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException)
    {
        // Serve anyway: each invocation reaches storage through the client's own retries and fails (to be redelivered) if it still cannot.
        Console.Error.WriteLine($"mlperf-audit functions: the containers could not be checked yet: {ex.Message}");
    }
}

await host.RunAsync();
return 0;
