namespace MlPerfAudit.Functions.Settings;

/// <summary>
/// The app settings a deployment in Azure must set: the contract between the app (which reads them at start-up) and
/// <c>infra/</c> (whose compiled ARM template a test checks against this list). Storage is reached with the managed
/// identity through the Functions identity-connection convention (<c>&lt;Connection&gt;__blobServiceUri</c> ...).
/// </summary>
public static class AzureAppSettings
{
    /// <summary>Connection name of the data storage account (bundles, reports, baselines): the blob trigger's <c>Connection</c>.</summary>
    public const string StorageConnection = "AuditStorage";

    /// <summary>Settings every Azure deployment sets (identity-based storage, Key Vault signer, Event Grid topic, telemetry).</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential",
        StorageConnection + "__blobServiceUri",
        StorageConnection + "__queueServiceUri",
        StorageConnection + "__credential",
        "AUDIT_BUNDLES_CONTAINER",
        "AUDIT_REPORTS_CONTAINER",
        "AUDIT_BASELINES_CONTAINER",
        "AUDIT_EVENTGRID_ENDPOINT",
        "AUDIT_SIGNER",
        "AUDIT_KEYVAULT_URI",
        "AUDIT_KEYVAULT_KEY",
        "AUDIT_KEYVAULT_KEY_VERSION",
        "AUDIT_TIME_LIMIT",
        "AUDIT_MAX_BUNDLE_BYTES",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>
    /// The names in <see cref="Required"/> that the Functions host reads rather than the worker: its own storage (AzureWebJobsStorage,
    /// for keys, the blob trigger's queue and receipts) and the queue endpoint of the trigger's connection (poison blobs). Every
    /// other name in <see cref="Required"/> is read by <c>AuditSettings.Read</c> (a test checks this).
    /// </summary>
    public static IReadOnlyList<string> ReadByHost { get; } =
    [
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential",
        StorageConnection + "__queueServiceUri",
    ];

    /// <summary>Settings that must not be set on the Flex Consumption plan (the runtime comes from <c>functionAppConfig</c>).</summary>
    public static IReadOnlyList<string> ForbiddenOnFlex { get; } =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
    ];
}
