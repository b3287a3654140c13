using MlPerfAudit.Azure.Signing;
using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Functions.Settings;

/// <summary>
/// The app's settings, read once from configuration (app settings / environment) and validated with every error at once.
/// Each value records the setting it came from, so an error message names what to fix.
/// </summary>
public sealed partial record AuditSettings
{
    /// <summary>
    /// Connection string of the data storage account (Azurite, <c>UseDevelopmentStorage=true</c>, keyed accounts). Setting
    /// <c>AuditStorage</c> (the blob trigger's <c>Connection</c>, <see cref="AzureAppSettings.StorageConnection"/>).
    /// </summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>
    /// Blob endpoint reached with a token credential when no connection string is set. Setting <c>AuditStorage__blobServiceUri</c>.
    /// </summary>
    public Uri? StorageBlobUri { get; init; }

    /// <summary>
    /// <c>managedidentity</c> in Azure; absent means DefaultAzureCredential (developer sign-in). Setting <c>AuditStorage__credential</c>.
    /// </summary>
    public string? StorageCredential { get; init; }

    /// <summary>Client id of a user-assigned managed identity; absent means the system-assigned one. Setting <c>AuditStorage__clientId</c>.</summary>
    public string? StorageClientId { get; init; }

    /// <summary>
    /// Application Insights connection string; traces and metrics go there when set. Setting <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.
    /// </summary>
    public string? AppInsightsConnectionString { get; init; }

    /// <summary>
    /// Entra ID authentication of the telemetry exporter: null for the key in the connection string, else the managed identity's
    /// client id (empty for the system-assigned one). Setting <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
    /// (<c>Authorization=AAD</c>, optionally <c>;ClientId=...</c>).
    /// </summary>
    public string? AppInsightsAadClientId { get; init; }

    /// <summary>OTLP endpoint; traces and metrics go there too when set. Setting <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Container watched for bundles. Setting <c>AUDIT_BUNDLES_CONTAINER</c>, default <c>bundles</c>.</summary>
    public string BundlesContainer { get; init; } = "bundles";

    /// <summary>Container receiving reports. Setting <c>AUDIT_REPORTS_CONTAINER</c>, default <c>reports</c>.</summary>
    public string ReportsContainer { get; init; } = "reports";

    /// <summary>Container holding the published tables the GateClaims function checks claims against. Setting <c>AUDIT_BASELINES_CONTAINER</c>,
    /// default <c>baselines</c>.</summary>
    public string BaselinesContainer { get; init; } = "baselines";

    /// <summary>Blob names (in <see cref="BaselinesContainer"/>) of the published tables, comma-separated. Setting <c>AUDIT_GATE_BASELINES</c>; empty
    /// means GateClaims answers 503.</summary>
    public IReadOnlyList<string> GateBaselines { get; init; } = [];

    /// <summary>
    /// Blob names (in <see cref="BaselinesContainer"/>) of prior-logs indexes (<c>mlperf-audit index</c>), comma-separated:
    /// every inference detail log is compared with them (INF-CONS-006/007). Setting <c>AUDIT_PRIOR_LOGS</c>; empty means none.
    /// </summary>
    public IReadOnlyList<string> PriorLogs { get; init; } = [];

    /// <summary>Largest bundle audited, in bytes; larger ones get an "unreadable bundle" report. Setting <c>AUDIT_MAX_BUNDLE_BYTES</c>, default 4
    /// GiB.</summary>
    public long MaxBundleBytes { get; init; } = 4L << 30;

    /// <summary>
    /// Longest time judging one bundle's results may take; results not judged in time are invalid (<c>BUN-LIM-002</c>) and the
    /// report is still complete and signed. Setting <c>AUDIT_TIME_LIMIT</c> (seconds, <c>90s</c>, <c>15m</c> or hh:mm:ss),
    /// default 15 minutes (<c>functionTimeout</c> in host.json is 30).
    /// </summary>
    public TimeSpan MaxAuditTime { get; init; } = BundleLimits.Default.MaxAuditTime;

    /// <summary>Folder for the per-audit temporary copy of a bundle. Setting <c>AUDIT_WORK_DIR</c>, default the system temp folder.</summary>
    public string WorkDirectory { get; init; } = Path.GetTempPath();

    /// <summary>Event Grid topic endpoint for ReportPublished. Setting <c>AUDIT_EVENTGRID_ENDPOINT</c>.</summary>
    public Uri? EventTopicEndpoint { get; init; }

    /// <summary>Topic key; absent means the managed identity. Setting <c>AUDIT_EVENTGRID_KEY</c>.</summary>
    public string? EventTopicKey { get; init; }

    /// <summary><c>local</c> (PEM key folder) or <c>keyvault</c>. Setting <c>AUDIT_SIGNER</c>, default <c>local</c>.</summary>
    public string Signer { get; init; } = "local";

    /// <summary>Local key folder. Setting <c>AUDIT_KEY_DIR</c>, default <c>~/.mlperf-audit/keys</c>.</summary>
    public string? KeyDirectory { get; init; }

    /// <summary>Key Vault signer (when <see cref="Signer"/> is <c>keyvault</c>). Settings <c>AUDIT_KEYVAULT_URI</c>, <c>AUDIT_KEYVAULT_KEY</c>,
    /// <c>AUDIT_KEYVAULT_KEY_VERSION</c>.</summary>
    public Uri? KeyVaultUri { get; init; }

    /// <summary>Key Vault key name.</summary>
    public string? KeyVaultKeyName { get; init; }

    /// <summary>Key Vault key version (pinned).</summary>
    public string? KeyVaultKeyVersion { get; init; }

    /// <summary>Every problem with these settings, all at once; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(ValidateConnections());

        (string Name, string Value)[] containers =
        [
            ("AUDIT_BUNDLES_CONTAINER", BundlesContainer), ("AUDIT_REPORTS_CONTAINER", ReportsContainer),
            ("AUDIT_BASELINES_CONTAINER", BaselinesContainer),
        ];
        foreach (var (name, value) in containers)
        {
            if (!IsContainerName(value))
            {
                errors.Add($"{name}: '{value}' is not a container name (3-63 lower-case letters, digits and single dashes)");
            }
        }

        if (BundlesContainer == ReportsContainer)
        {
            errors.Add("AUDIT_REPORTS_CONTAINER: must differ from AUDIT_BUNDLES_CONTAINER (reports would trigger audits)");
        }

        if (BaselinesContainer == BundlesContainer)
        {
            errors.Add("AUDIT_BASELINES_CONTAINER: must differ from AUDIT_BUNDLES_CONTAINER (tables would trigger audits)");
        }

        if (MaxBundleBytes < 1024 || MaxBundleBytes > BundleLimits.Default.MaxTotalBytes)
        {
            errors.Add($"AUDIT_MAX_BUNDLE_BYTES: {MaxBundleBytes} must be between 1024 and {BundleLimits.Default.MaxTotalBytes}");
        }

        errors.AddRange(new BundleLimits { MaxAuditTime = MaxAuditTime }.Validate().Select(e => "AUDIT_TIME_LIMIT: " + e));

        if (EventTopicEndpoint is null)
        {
            errors.Add("AUDIT_EVENTGRID_ENDPOINT: required (the topic that receives MLPerfAudit.ReportPublished)");
        }

        switch (Signer)
        {
            case "local":
                break;
            case "keyvault":
                if (KeyVaultUri is null)
                {
                    errors.Add("AUDIT_KEYVAULT_URI: required when AUDIT_SIGNER=keyvault");
                }

                if (KeyVaultKeyName is null)
                {
                    errors.Add("AUDIT_KEYVAULT_KEY: required when AUDIT_SIGNER=keyvault");
                }

                if (KeyVaultKeyVersion is null)
                {
                    errors.Add("AUDIT_KEYVAULT_KEY_VERSION: required when AUDIT_SIGNER=keyvault (pin the key version)");
                }

                break;
            default:
                errors.Add($"AUDIT_SIGNER: '{Signer}' must be local or keyvault");
                break;
        }

        return errors;
    }

    /// <summary>Key Vault signer options for these settings.</summary>
    internal KeyVaultSignerOptions KeyVaultOptions()
        => new() { VaultUri = KeyVaultUri!, KeyName = KeyVaultKeyName!, KeyVersion = KeyVaultKeyVersion! };

    private static bool IsContainerName(string name)
        => name.Length is >= 3 and <= 63
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}
