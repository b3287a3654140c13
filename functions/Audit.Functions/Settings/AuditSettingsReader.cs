using System.Globalization;
using Azure.Storage.Blobs;
using MlPerfAudit.Local.Options;

namespace MlPerfAudit.Functions.Settings;

/// <summary>Reading <see cref="AuditSettings"/> from configuration (app settings, environment, local.settings.json).</summary>
public sealed partial record AuditSettings
{
    private const string Storage = AzureAppSettings.StorageConnection;

    /// <summary>Reads the settings; <paramref name="errors"/> lists every unparseable or missing value, all at once.</summary>
    /// <param name="configuration">
    /// The app's configuration; <c>AuditStorage__blobServiceUri</c> arrives as <c>AuditStorage:blobServiceUri</c>.
    /// </param>
    /// <param name="errors">Every problem, each starting with the setting's name.</param>
    public static AuditSettings Read(IConfiguration configuration, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        errors = problems;
        string? Get(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();

        Uri? GetUri(string name, string? shown = null)
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

            problems.Add($"{shown ?? name}: '{text}' is not an absolute URI");
            return null;
        }

        var settings = new AuditSettings
        {
            StorageConnectionString = Get(Storage),
            StorageBlobUri = GetUri(Storage + ":blobServiceUri", Storage + "__blobServiceUri")
                ?? GetUri(Storage + ":serviceUri", Storage + "__serviceUri"),
            StorageCredential = Get(Storage + ":credential")?.ToLowerInvariant(),
            StorageClientId = Get(Storage + ":clientId"),
            EventTopicEndpoint = GetUri("AUDIT_EVENTGRID_ENDPOINT"),
            EventTopicKey = Get("AUDIT_EVENTGRID_KEY"),
            KeyDirectory = Get("AUDIT_KEY_DIR"),
            KeyVaultUri = GetUri("AUDIT_KEYVAULT_URI"),
            KeyVaultKeyName = Get("AUDIT_KEYVAULT_KEY"),
            KeyVaultKeyVersion = Get("AUDIT_KEYVAULT_KEY_VERSION"),
            AppInsightsConnectionString = Get("APPLICATIONINSIGHTS_CONNECTION_STRING"),
            OtlpEndpoint = GetUri("OTEL_EXPORTER_OTLP_ENDPOINT"),
        };
        settings = ReadNamesAndLimits(settings, Get, problems);
        if (Get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") is { } auth)
        {
            if (ParseAadClientId(auth) is { } clientId)
            {
                settings = settings with { AppInsightsAadClientId = clientId };
            }
            else
            {
                problems.Add($"APPLICATIONINSIGHTS_AUTHENTICATION_STRING: '{auth}' must be Authorization=AAD, optionally with ;ClientId=<id>");
            }
        }

        problems.AddRange(settings.Validate());
        return settings;
    }

    private static AuditSettings ReadNamesAndLimits(AuditSettings settings, Func<string, string?> get, List<string> problems)
    {
        settings = settings with
        {
            BundlesContainer = get("AUDIT_BUNDLES_CONTAINER") ?? settings.BundlesContainer,
            ReportsContainer = get("AUDIT_REPORTS_CONTAINER") ?? settings.ReportsContainer,
            BaselinesContainer = get("AUDIT_BASELINES_CONTAINER") ?? settings.BaselinesContainer,
            WorkDirectory = get("AUDIT_WORK_DIR") ?? settings.WorkDirectory,
            Signer = get("AUDIT_SIGNER")?.ToLowerInvariant() ?? settings.Signer,
        };
        if (get("AUDIT_GATE_BASELINES") is { } tables)
        {
            settings = settings with { GateBaselines = List(tables) };
        }

        if (get("AUDIT_PRIOR_LOGS") is { } priorLogs)
        {
            settings = settings with { PriorLogs = List(priorLogs) };
        }

        if (get("AUDIT_MAX_BUNDLE_BYTES") is { } max)
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

        if (get("AUDIT_TIME_LIMIT") is { } time)
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

        return settings;
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The client id in <c>Authorization=AAD[;ClientId=id]</c> (empty for the system-assigned identity); null when malformed.</summary>
    private static string? ParseAadClientId(string text)
    {
        string? authorization = null;
        var clientId = string.Empty;
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var (key, value) = (part[..equals].Trim(), part[(equals + 1)..].Trim());
            if (key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = value;
            }
            else if (key.Equals("ClientId", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                clientId = value;
            }
            else
            {
                return null;
            }
        }

        return string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase) ? clientId : null;
    }

    /// <summary>Storage and topic connection problems.</summary>
    private List<string> ValidateConnections()
    {
        var errors = new List<string>();
        if (StorageConnectionString is null && StorageBlobUri is null)
        {
            errors.Add($"{Storage}: a connection string (Azurite: UseDevelopmentStorage=true), "
                + $"or {Storage}__blobServiceUri with {Storage}__credential, is required");
        }

        if (StorageConnectionString is not null)
        {
            try
            {
                _ = new BlobServiceClient(StorageConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                errors.Add($"{Storage}: not a storage connection string ({ex.Message})");
            }
        }
        else if (StorageBlobUri is { } uri && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            errors.Add($"{Storage}__blobServiceUri: '{uri}' must be https (token credentials are never sent in clear)");
        }

        if (StorageCredential is not null and not "managedidentity")
        {
            errors.Add($"{Storage}__credential: '{StorageCredential}' must be managedidentity (or absent for DefaultAzureCredential)");
        }

        if (EventTopicEndpoint is { } topic && topic.Scheme != Uri.UriSchemeHttps && topic.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add($"AUDIT_EVENTGRID_ENDPOINT: '{topic}' must be an http(s) URI");
        }

        return errors;
    }
}
