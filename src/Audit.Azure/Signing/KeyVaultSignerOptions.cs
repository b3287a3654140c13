using System.Text.RegularExpressions;
using Azure.Core;

namespace MlPerfAudit.Azure.Signing;

/// <summary>Which Key Vault key signs, and how to reach it. Checked once by <see cref="Validate"/>.</summary>
public sealed partial record KeyVaultSignerOptions
{
    /// <summary>The token scope of the public Azure cloud's Key Vault.</summary>
    public const string DefaultScope = "https://vault.azure.net/.default";

    /// <summary>The vault, e.g. <c>https://myvault.vault.azure.net/</c>; must be https.</summary>
    public required Uri VaultUri { get; init; }

    /// <summary>Key name: 1–127 letters, digits and dashes.</summary>
    public required string KeyName { get; init; }

    /// <summary>Key version, pinned so the signing key never changes underneath a deployment (32 hex characters in Key Vault).</summary>
    public required string KeyVersion { get; init; }

    /// <summary>Token scope; default <see cref="DefaultScope"/> (other clouds use their own vault audience).</summary>
    public string Scope { get; init; } = DefaultScope;

    /// <summary>Pipeline options: retries, transport, diagnostics.</summary>
    public KeyVaultSignerClientOptions ClientOptions { get; init; } = new();

    /// <summary>Every problem with these options, all at once; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (VaultUri is null || !VaultUri.IsAbsoluteUri || VaultUri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"VaultUri: '{VaultUri}' must be an absolute https URI");
        }

        if (KeyName is null || !NamePattern().IsMatch(KeyName))
        {
            errors.Add($"KeyName: '{KeyName}' must be 1-127 letters, digits or dashes");
        }

        if (KeyVersion is null || !NamePattern().IsMatch(KeyVersion))
        {
            errors.Add($"KeyVersion: '{KeyVersion}' is required (pin the version) and must be letters and digits");
        }

        if (string.IsNullOrWhiteSpace(Scope))
        {
            errors.Add("Scope: required");
        }

        if (ClientOptions is null)
        {
            errors.Add("ClientOptions: required");
        }

        return errors;
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

/// <summary>Azure.Core client options of <see cref="KeyVaultSigner"/>.</summary>
public sealed class KeyVaultSignerClientOptions : ClientOptions
{
    /// <summary>The Key Vault REST API version used (<c>7.4</c>).</summary>
    public string ApiVersion { get; init; } = "7.4";
}
