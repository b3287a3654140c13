using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using MlPerfAudit.Functions.Settings;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MlPerfAudit.Functions.Telemetry;

/// <summary>
/// OpenTelemetry of the worker: the Functions worker's own spans (invocation, correlated with the host's when host.json
/// has <c>telemetryMode: OpenTelemetry</c>) and <see cref="AuditTelemetry"/>'s audit spans and metrics, exported to
/// Application Insights (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, Entra ID with the managed identity when
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says AAD) and/or an OTLP collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Adds the worker's OpenTelemetry with the exporters <paramref name="settings"/> configure.</summary>
    /// <param name="services">The worker's services.</param>
    /// <param name="settings">Validated settings.</param>
    /// <param name="credential">The app's credential (<see cref="AuditApp.Credential"/>), reused for Application Insights when it is the
    /// same managed identity.</param>
    public static void AddAuditTelemetry(this IServiceCollection services, AuditSettings settings, TokenCredential? credential = null)
    {
        var otel = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(r => r.AddService("mlperf-audit-functions", serviceVersion: AuditApp.Tool.Version))
            .WithTracing(t =>
            {
                t.AddSource(AuditTelemetry.Name);
                if (settings.OtlpEndpoint is not null)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(AuditTelemetry.Name);
                if (settings.OtlpEndpoint is not null)
                {
                    m.AddOtlpExporter();
                }
            });
        if (settings.AppInsightsConnectionString is { } connection)
        {
            var exporterCredential = ExporterCredential(settings, credential);
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connection;
                o.Credential = exporterCredential;
            });
        }
    }

    /// <summary>
    /// The Application Insights exporter's credential: null for the key in the connection string, else the managed identity
    /// <see cref="AuditSettings.AppInsightsAadClientId"/> names: the app's own credential when it is that identity, built once.
    /// </summary>
    private static TokenCredential? ExporterCredential(AuditSettings settings, TokenCredential? appCredential)
    {
        if (settings.AppInsightsAadClientId is not { } clientId)
        {
            return null;
        }

        var sameIdentity = settings.StorageCredential == "managedidentity" && (settings.StorageClientId ?? string.Empty) == clientId;
        return sameIdentity && appCredential is not null ? appCredential : AuditApp.ManagedIdentity(clientId);
    }
}
