using System.Reflection;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using MlPerfAudit.Azure.EventGrid;
using MlPerfAudit.Azure.Signing;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Gating;
using MlPerfAudit.Functions.Listing;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Local.Signing;
using NodaTime;

namespace MlPerfAudit.Functions;

/// <summary>The signing key and every public key reviewers may need (current first; retired keys stay so old reports verify).</summary>
/// <param name="Signer">Signs new reports.</param>
/// <param name="PublicKeys">SPKI DER of every key to publish as JWKS.</param>
public sealed record SigningKeys(ISigner Signer, IReadOnlyList<ReadOnlyMemory<byte>> PublicKeys);

/// <summary>Composes the app from validated settings: Azure clients (Microsoft.Extensions.Azure), keys, services, functions' dependencies.</summary>
public static class AuditApp
{
    /// <summary>The tool identity written into reports.</summary>
    public static ToolInfo Tool { get; } = new("mlperf-audit",
        (typeof(AuditApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0]);

    /// <summary>
    /// The token credential of every Azure client without a key: the managed identity when <c>AuditStorage__credential</c> is
    /// <c>managedidentity</c> (user-assigned with <c>AuditStorage__clientId</c>), else DefaultAzureCredential (developer sign-in).
    /// </summary>
    public static TokenCredential Credential(AuditSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.StorageCredential == "managedidentity" ? ManagedIdentity(settings.StorageClientId) : new DefaultAzureCredential();
    }

    /// <summary>The managed identity with client id <paramref name="clientId"/>; the system-assigned one for null or empty.</summary>
    internal static ManagedIdentityCredential ManagedIdentity(string? clientId) => new(string.IsNullOrEmpty(clientId)
        ? ManagedIdentityId.SystemAssigned
        : ManagedIdentityId.FromUserAssignedClientId(clientId));

    /// <summary>Opens the signing keys the settings name (local PEM folder, or Key Vault with <paramref name="credential"/>).</summary>
    public static async Task<SigningKeys> OpenKeysAsync(AuditSettings settings, TokenCredential credential, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Signer == "keyvault")
        {
            var signer = await KeyVaultSigner.CreateAsync(settings.KeyVaultOptions(), credential, ct).ConfigureAwait(false);
            return new SigningKeys(signer, [signer.PublicKeySpki]);
        }

        var store = LocalKeyStore.Open(settings.KeyDirectory);
        var local = store.GetOrCreateSigner();
        return new SigningKeys(local, store.PublicKeys());
    }

    /// <summary>Registers the Azure clients, the audit environment and the services the function classes take.</summary>
    /// <param name="services">The worker's services.</param>
    /// <param name="settings">Validated settings.</param>
    /// <param name="keys">Opened signing keys.</param>
    /// <param name="credential">Token credential for clients without a key.</param>
    /// <param name="azureDefaults">
    /// Azure SDK client defaults (retry, diagnostics) from configuration section <c>AzureDefaults</c>; null for the SDK's.
    /// </param>
    /// <param name="adjust">Test seam: changes the audit environment (clock, hooks).</param>
    public static IServiceCollection AddAuditServices(this IServiceCollection services, AuditSettings settings, SigningKeys keys,
        TokenCredential credential, IConfiguration? azureDefaults = null, Func<AuditEnvironment, AuditEnvironment>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(credential);
            if (azureDefaults is not null)
            {
                clients.ConfigureDefaults(azureDefaults);
            }

            // The blob service: a connection string (Azurite), or the Functions identity convention AuditStorage__blobServiceUri.
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, token, _) => settings.StorageConnectionString is { } connection
                ? new BlobServiceClient(connection, options)
                : new BlobServiceClient(settings.StorageBlobUri!, token, options));
            var topic = settings.EventTopicEndpoint!;
            _ = settings.EventTopicKey is { } key
                ? clients.AddEventGridPublisherClient(topic, new AzureKeyCredential(key))
                : clients.AddEventGridPublisherClient(topic);
        });
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton(keys);
        services.AddSingleton(provider =>
        {
            var env = new AuditEnvironment(provider.GetRequiredService<BlobServiceClient>(),
                new ReportPublishedPublisher(provider.GetRequiredService<EventGridPublisherClient>()),
                keys.Signer, new HtmlReportRendering(), SystemClock.Instance, settings.BundlesContainer, settings.ReportsContainer,
                settings.MaxBundleBytes, settings.WorkDirectory, Tool)
            {
                MaxAuditTime = settings.MaxAuditTime,
                BaselinesContainer = settings.BaselinesContainer,
                PriorLogBlobs = settings.PriorLogs,
            };
            return adjust is null ? env : adjust(env);
        });
        services.AddSingleton(provider => new ReportIndex(provider.GetRequiredService<AuditEnvironment>().Reports));
        services.AddSingleton<ReportPublication>();
        services.AddSingleton<UploadAuditService>();
        services.AddSingleton(new GateOptions(settings.BaselinesContainer, settings.GateBaselines));
        services.AddSingleton<ClaimsGateService>();
        return services;
    }

    /// <summary>Creates the bundles, reports and baselines containers when missing (a deployment creates them; Azurite does not).</summary>
    public static async Task EnsureContainersAsync(AuditEnvironment env, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        foreach (var name in new[] { env.BundlesContainer, env.ReportsContainer, env.BaselinesContainer })
        {
            await env.Storage.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        }
    }
}
