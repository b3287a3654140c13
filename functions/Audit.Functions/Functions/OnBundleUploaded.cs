using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Settings;

namespace MlPerfAudit.Functions.Functions;

/// <summary>
/// Audits every bundle written to the bundles container. Blob trigger with the Event Grid source (the way Flex Consumption
/// reacts to uploads): Event Grid's BlobCreated reaches the host's blobs webhook, the host queues it and calls this function
/// with a <see cref="BlobClient"/> of the blob (read as a stream, never whole into memory). A thrown exception makes the host
/// deliver again (queue retries, then the poison queue); every other outcome, including an unreadable bundle, succeeds.
/// </summary>
public sealed class OnBundleUploaded(UploadAuditService service)
{
    /// <summary>Function name (the Event Grid webhook's <c>functionName=Host.Functions.OnBundleUploaded</c>).</summary>
    public const string Name = nameof(OnBundleUploaded);

    /// <summary>Runs one delivery.</summary>
    /// <param name="bundle">The uploaded blob.</param>
    /// <param name="ct">Cancellation (host shutdown).</param>
    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger("%AUDIT_BUNDLES_CONTAINER%/{name}", Source = BlobTriggerSource.EventGrid, Connection = AzureAppSettings.StorageConnection)]
        BlobClient bundle,
        CancellationToken ct)
        => await service.HandleAsync(bundle, ct).ConfigureAwait(false);
}
