using System.Globalization;
using Azure.Identity;
using MlPerfAudit.Azure.Blob;
using MlPerfAudit.Azure.EventGrid;
using MlPerfAudit.Azure.Signing;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Local.Options;

namespace MlPerfAudit.Functions.Settings;

/// <summary>
/// The app's settings, read once from configuration (app settings / environment) and validated with every error at once.
/// Each value records the setting it came from, so an error message names what to fix.
/// </summary>
public sealed record AuditSettings
{
    /// <summary>Shared Key connection string (Azurite, keyed accounts). Setting <c>AUDIT_STORAGE</c>, else <c>AzureWebJobsStorage</c>.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>Blob endpoint reached with the managed identity when no connection string is set. Setting <c>AUDIT_STORAGE_BLOB_URI</c>.</summary>
    public Uri? StorageBlobUri { get; init; }

    /// <summary>Container watched for bundles. Setting <c>AUDIT_BUNDLES_CONTAINER</c>, default <c>bundles</c>.</summary>
    public string BundlesContainer { get; init; } = "bundles";

    /// <summary>Container receiving reports. Setting <c>AUDIT_REPORTS_CONTAINER</c>, default <c>reports</c>.</summary>
    public string ReportsContainer { get; init; } = "reports";

    /// <summary>Container holding the published tables the GateClaims function checks claims against. Setting <c>AUDIT_BASELINES_CONTAINER</c>, default <c>baselines</c>.</summary>
    public string BaselinesContainer { get; init; } = "baselines";

    /// <summary>Blob names (in <see cref="BaselinesContainer"/>) of the published tables, comma-separated. Setting <c>AUDIT_GATE_BASELINES</c>; empty means GateClaims answers 503.</summary>
    public IReadOnlyList<string> GateBaselines { get; init; } = [];

    /// <summary>
    /// Blob names (in <see cref="BaselinesContainer"/>) of prior-logs indexes (<c>mlperf-audit index</c>), comma-separated:
    /// every inference detail log is compared with them (INF-CONS-006/007). Setting <c>AUDIT_PRIOR_LOGS</c>; empty means none.
    /// </summary>
    public IReadOnlyList<string> PriorLogs { get; init; } = [];

    /// <summary>Largest bundle audited, in bytes; larger ones get an "unreadable bundle" report. Setting <c>AUDIT_MAX_BUNDLE_BYTES</c>, default 4 GiB.</summary>
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

    /// <summary>Key Vault signer (when <see cref="Signer"/> is <c>keyvault</c>). Settings <c>AUDIT_KEYVAULT_URI</c>, <c>AUDIT_KEYVAULT_KEY</c>, <c>AUDIT_KEYVAULT_KEY_VERSION</c>.</summary>
    public Uri? KeyVaultUri { get; init; }

    /// <summary>Key Vault key name.</summary>
    public string? KeyVaultKeyName { get; init; }

    /// <summary>Key Vault key version (pinned).</summary>
    public string? KeyVaultKeyVersion { get; init; }

    /// <summary>Reads the settings; <paramref name="errors"/> lists every unparseable value.</summary>
    public static AuditSettings Read(IConfiguration configuration, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        errors = problems;
        string? Get(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();

        Uri? GetUri(string name)
        {
            var text = Get(name);
            if (text is null)
            {
                return null;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            problems.Add($"{name}: '{text}' is not an absolute URI");
            return null;
        }

        var settings = new AuditSettings
        {
            StorageConnectionString = Get("AUDIT_STORAGE") ?? Get("AzureWebJobsStorage"),
            StorageBlobUri = GetUri("AUDIT_STORAGE_BLOB_URI"),
            EventTopicEndpoint = GetUri("AUDIT_EVENTGRID_ENDPOINT"),
            EventTopicKey = Get("AUDIT_EVENTGRID_KEY"),
            KeyDirectory = Get("AUDIT_KEY_DIR"),
            KeyVaultUri = GetUri("AUDIT_KEYVAULT_URI"),
            KeyVaultKeyName = Get("AUDIT_KEYVAULT_KEY"),
            KeyVaultKeyVersion = Get("AUDIT_KEYVAULT_KEY_VERSION"),
        };
        if (Get("AUDIT_BUNDLES_CONTAINER") is { } bundles)
        {
            settings = settings with { BundlesContainer = bundles };
        }

        if (Get("AUDIT_REPORTS_CONTAINER") is { } reports)
        {
            settings = settings with { ReportsContainer = reports };
        }

        if (Get("AUDIT_BASELINES_CONTAINER") is { } baselines)
        {
            settings = settings with { BaselinesContainer = baselines };
        }

        if (Get("AUDIT_GATE_BASELINES") is { } tables)
        {
            settings = settings with { GateBaselines = [.. tables.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] };
        }

        if (Get("AUDIT_PRIOR_LOGS") is { } priorLogs)
        {
            settings = settings with { PriorLogs = [.. priorLogs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] };
        }

        if (Get("AUDIT_WORK_DIR") is { } work)
        {
            settings = settings with { WorkDirectory = work };
        }

        if (Get("AUDIT_SIGNER") is { } signer)
        {
            settings = settings with { Signer = signer.ToLowerInvariant() };
        }

        if (Get("AUDIT_MAX_BUNDLE_BYTES") is { } max)
        {
            if (long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                settings = settings with { MaxBundleBytes = bytes };
            }
            else
            {
                problems.Add($"AUDIT_MAX_BUNDLE_BYTES: '{max}' is not a whole number of bytes");
            }
        }

        if (Get("AUDIT_TIME_LIMIT") is { } time)
        {
            if (TimeLimitText.Parse(time) is { } limit)
            {
                settings = settings with { MaxAuditTime = limit };
            }
            else
            {
                problems.Add($"AUDIT_TIME_LIMIT: '{time}' is not a time (seconds, 90s, 15m, 2h or hh:mm:ss)");
            }
        }

        problems.AddRange(settings.Validate());
        return settings;
    }

    /// <summary>Every problem with these settings, all at once; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StorageConnectionString is null && StorageBlobUri is null)
        {
            errors.Add("AUDIT_STORAGE (or AzureWebJobsStorage) or AUDIT_STORAGE_BLOB_URI: one is required");
        }

        if (StorageConnectionString is not null)
        {
            BlobStorageOptions.FromConnectionString(StorageConnectionString, out var storageErrors);
            errors.AddRange(storageErrors.Select(e => "AUDIT_STORAGE: " + e));
        }

        foreach (var (name, value) in new[] { ("AUDIT_BUNDLES_CONTAINER", BundlesContainer), ("AUDIT_REPORTS_CONTAINER", ReportsContainer), ("AUDIT_BASELINES_CONTAINER", BaselinesContainer) })
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

    /// <summary>Blob client options for these settings (call after <see cref="Validate"/> passed).</summary>
    internal BlobStorageOptions StorageOptions(BlobStorageClientOptions? client)
    {
        var options = StorageConnectionString is not null
            ? BlobStorageOptions.FromConnectionString(StorageConnectionString, out _)!
            : new BlobStorageOptions
            {
                ServiceUri = StorageBlobUri!,
                AccountName = StorageBlobUri!.Host.Split('.')[0],
                Credential = new DefaultAzureCredential(),
            };
        return client is null ? options : options with { ClientOptions = client };
    }

    /// <summary>Event options for these settings.</summary>
    internal ReportEventOptions EventOptions(global::Azure.Messaging.EventGrid.EventGridPublisherClientOptions? client)
    {
        var options = EventTopicKey is not null
            ? new ReportEventOptions { TopicEndpoint = EventTopicEndpoint!, AccessKey = EventTopicKey }
            : new ReportEventOptions { TopicEndpoint = EventTopicEndpoint!, Credential = new DefaultAzureCredential() };
        return client is null ? options : options with { ClientOptions = client };
    }

    /// <summary>Key Vault signer options for these settings.</summary>
    internal KeyVaultSignerOptions KeyVaultOptions()
        => new() { VaultUri = KeyVaultUri!, KeyName = KeyVaultKeyName!, KeyVersion = KeyVaultKeyVersion! };

    private static bool IsContainerName(string name)
        => name.Length is >= 3 and <= 63
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}
