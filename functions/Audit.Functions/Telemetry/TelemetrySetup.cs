using Azure.Core;
using Azure.Identity;
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
    public static void AddAuditTelemetry(this IServiceCollection services, AuditSettings settings)
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
            TokenCredential? credential = settings.AppInsightsAadClientId switch
            {
                null => null,
                "" => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
                var id => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)),
            };
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connection;
                o.Credential = credential;
            });
        }
    }
}
