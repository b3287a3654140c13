using Azure.Core;

namespace MlPerfAudit.Azure.Blob;

/// <summary>
/// How to reach a Blob Storage account: a Shared Key (from a connection string; Azurite and keyed accounts) or a
/// <see cref="TokenCredential"/> (managed identity in Azure). Checked once by <see cref="Validate"/>.
/// </summary>
public sealed record BlobStorageOptions
{
    /// <summary>The service version sent as <c>x-ms-version</c>; accepted by Azure and by Azurite 3.37.</summary>
    public const string ServiceVersion = "2025-11-05";

    /// <summary>Token scope of Azure Storage.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    /// <summary>The account's blob endpoint, e.g. <c>https://acct.blob.core.windows.net/</c> or <c>http://127.0.0.1:10000/devstoreaccount1</c> (path-style).</summary>
    public required Uri ServiceUri { get; init; }

    /// <summary>Account name, signed into Shared Key requests.</summary>
    public required string AccountName { get; init; }

    /// <summary>Base64 account key for Shared Key; null when <see cref="Credential"/> is used.</summary>
    public string? AccountKey { get; init; }

    /// <summary>Entra ID credential (bearer tokens, https only); null when <see cref="AccountKey"/> is used.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Pipeline options: retries (exponential backoff by default), transport, diagnostics.</summary>
    public BlobStorageClientOptions ClientOptions { get; init; } = new();

    /// <summary>
    /// Parses an Azure Storage connection string (<c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;BlobEndpoint=…</c>,
    /// or <c>UseDevelopmentStorage=true</c>). Returns null with every problem listed when it cannot be used.
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="errors">What is wrong with it, all at once.</param>
    public static BlobStorageOptions? FromConnectionString(string? connectionString, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add("connection string: empty");
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add($"connection string: '{segment.Split('=')[0]}' is not a Name=Value pair");
                continue;
            }

            parts[segment[..eq]] = segment[(eq + 1)..];
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            parts.TryAdd("AccountName", "devstoreaccount1");
            parts.TryAdd("AccountKey", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
            parts.TryAdd("BlobEndpoint", "http://127.0.0.1:10000/devstoreaccount1");
        }

        parts.TryGetValue("AccountName", out var account);
        parts.TryGetValue("AccountKey", out var key);
        if (string.IsNullOrEmpty(account))
        {
            problems.Add("connection string: AccountName is missing");
        }

        if (string.IsNullOrEmpty(key))
        {
            problems.Add("connection string: AccountKey is missing (use a managed identity with an account URI instead of a keyless connection string)");
        }

        Uri? endpoint = null;
        if (parts.TryGetValue("BlobEndpoint", out var blobEndpoint))
        {
            if (!Uri.TryCreate(blobEndpoint, UriKind.Absolute, out endpoint))
            {
                problems.Add($"connection string: BlobEndpoint '{blobEndpoint}' is not an absolute URI");
            }
        }
        else if (!string.IsNullOrEmpty(account))
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{account}.blob.{suffix}/");
        }

        if (problems.Count > 0 || endpoint is null)
        {
            return null;
        }

        var options = new BlobStorageOptions { ServiceUri = endpoint, AccountName = account!, AccountKey = key };
        problems.AddRange(options.Validate());
        return problems.Count == 0 ? options : null;
    }

    /// <summary>Every problem with these options, all at once; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ServiceUri is null || !ServiceUri.IsAbsoluteUri || (ServiceUri.Scheme != Uri.UriSchemeHttps && ServiceUri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"ServiceUri: '{ServiceUri}' must be an absolute http(s) URI");
        }

        if (string.IsNullOrWhiteSpace(AccountName))
        {
            errors.Add("AccountName: required");
        }

        if (AccountKey is null == (Credential is null))
        {
            errors.Add("AccountKey/Credential: exactly one of them is required");
        }

        if (AccountKey is not null && !IsBase64(AccountKey))
        {
            errors.Add("AccountKey: not base64");
        }

        if (Credential is not null && ServiceUri?.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("ServiceUri: bearer tokens are sent over https only");
        }

        if (ClientOptions is null)
        {
            errors.Add("ClientOptions: required");
        }

        return errors;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out _);
    }
}

/// <summary>Azure.Core pipeline options of <see cref="BlobStorageClient"/>: exponential retries, 5 attempts from 0.5 s, by default.</summary>
public sealed class BlobStorageClientOptions : ClientOptions
{
    /// <summary>Creates options with exponential backoff (0.5 s doubling, at most 10 s, 5 retries) and a 100 s network timeout.</summary>
    public BlobStorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.MaxRetries = 5;
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }
}
