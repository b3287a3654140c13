using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Azure.Signing;

/// <summary>
/// Signs with an Azure Key Vault EC P-256 key through the REST <c>sign</c> operation (ES256), on Azure.Core's
/// <see cref="HttpPipeline"/> with a bearer token from an Azure.Identity credential. The client hashes:
/// it sends SHA-256(PAE) and converts Key Vault's raw <c>r‖s</c> answer to DER. The public key is read once,
/// at creation, from <c>GET keys/{name}/{version}</c>. Thread-safe.
/// </summary>
public sealed class KeyVaultSigner : ISigner
{
    private readonly HttpPipeline _pipeline;
    private readonly KeyVaultSignerOptions _options;

    private KeyVaultSigner(HttpPipeline pipeline, KeyVaultSignerOptions options, byte[] spki, string keyVaultKeyId)
    {
        _pipeline = pipeline;
        _options = options;
        PublicKeySpki = spki;
        KeyId = KeyIds.Of(spki);
        KeyVaultKeyId = keyVaultKeyId;
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKeySpki { get; }

    /// <summary>Key Vault's own id of the key, <c>https://{vault}/keys/{name}/{version}</c>.</summary>
    public string KeyVaultKeyId { get; }

    /// <summary>Creates a signer with <see cref="DefaultAzureCredential"/> (managed identity in Azure, developer sign-in locally).</summary>
    public static Task<KeyVaultSigner> CreateAsync(KeyVaultSignerOptions options, CancellationToken ct = default)
        => CreateAsync(options, new DefaultAzureCredential(), ct);

    /// <summary>Validates the options, builds the pipeline and reads the public key.</summary>
    /// <param name="options">Vault, key name and pinned version.</param>
    /// <param name="credential">Token source, e.g. <c>ManagedIdentityCredential</c>; needs the Key Vault Crypto User role.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    /// <exception cref="RequestFailedException">Key Vault refused the request or returned an unusable key.</exception>
    public static async Task<KeyVaultSigner> CreateAsync(KeyVaultSignerOptions options, TokenCredential credential, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid Key Vault signer options: " + string.Join("; ", errors), nameof(options));
        }

        var pipeline = HttpPipelineBuilder.Build(options.ClientOptions, new BearerTokenAuthenticationPolicy(credential, options.Scope));
        using var message = CreateMessage(pipeline, options, RequestMethod.Get, suffix: null);
        var body = await SendAsync(pipeline, message, ct).ConfigureAwait(false);
        var (spki, kid) = ReadKey(body);
        return new KeyVaultSigner(pipeline, options, spki, kid);
    }

    /// <inheritdoc />
    /// <exception cref="RequestFailedException">Key Vault refused the request or returned an unusable signature.</exception>
    public async Task<byte[]> SignAsync(ReadOnlyMemory<byte> pae, CancellationToken ct = default)
    {
        var digest = SHA256.HashData(pae.Span);
        var request = new JsonObject { ["alg"] = "ES256", ["value"] = Base64Url(digest) };
        using var message = CreateMessage(_pipeline, _options, RequestMethod.Post, suffix: "sign");
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(request, JsonNodeContext.Default.JsonObject));
        var body = await SendAsync(_pipeline, message, ct).ConfigureAwait(false);

        var response = Parse(body);
        var kid = Text(response, "kid");
        if (kid is null || !SameKey(kid, KeyVaultKeyId))
        {
            throw new RequestFailedException($"Key Vault signed with '{kid}', expected '{KeyVaultKeyId}'");
        }

        var raw = Text(response, "value") is { } value ? DecodeBase64Url(value) : null;
        if (raw is not { Length: 2 * EcdsaSignatureFormat.P256FieldBytes })
        {
            throw new RequestFailedException($"Key Vault returned a signature of {raw?.Length ?? 0} bytes; ES256 r‖s is 64");
        }

        return EcdsaSignatureFormat.P1363ToDer(raw);
    }

    private static HttpMessage CreateMessage(HttpPipeline pipeline, KeyVaultSignerOptions options, RequestMethod method, string? suffix)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(options.VaultUri);
        request.Uri.AppendPath("/keys/", escape: false);
        request.Uri.AppendPath(options.KeyName, escape: true);
        request.Uri.AppendPath("/", escape: false);
        request.Uri.AppendPath(options.KeyVersion, escape: true);
        if (suffix is not null)
        {
            request.Uri.AppendPath("/" + suffix, escape: false);
        }

        request.Uri.AppendQuery("api-version", options.ClientOptions.ApiVersion, escapeValue: true);
        request.Headers.Add("Accept", "application/json");
        return message;
    }

    private static async Task<BinaryData> SendAsync(HttpPipeline pipeline, HttpMessage message, CancellationToken ct)
    {
        await pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        return response.Content;
    }

    private static (byte[] Spki, string Kid) ReadKey(BinaryData body)
    {
        var root = Parse(body);
        if (root["key"] is not JsonObject jwk)
        {
            throw new RequestFailedException("Key Vault key response has no 'key'");
        }

        var kty = Text(jwk, "kty");
        if (kty is not ("EC" or "EC-HSM") || Text(jwk, "crv") != "P-256")
        {
            throw new RequestFailedException($"Key Vault key is {kty}/{Text(jwk, "crv")}; an EC P-256 key is required");
        }

        var x = Text(jwk, "x") is { } xs ? DecodeBase64Url(xs) : null;
        var y = Text(jwk, "y") is { } ys ? DecodeBase64Url(ys) : null;
        var kid = Text(jwk, "kid");
        if (x is not { Length: EcdsaSignatureFormat.P256FieldBytes } || y is not { Length: EcdsaSignatureFormat.P256FieldBytes } || kid is null)
        {
            throw new RequestFailedException("Key Vault key lacks kid or 32-byte x and y");
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
            return (ecdsa.ExportSubjectPublicKeyInfo(), kid);
        }
        catch (CryptographicException ex)
        {
            throw new RequestFailedException($"Key Vault key is not a P-256 point ({ex.Message})");
        }
    }

    private static JsonObject Parse(BinaryData body)
    {
        try
        {
            return JsonNode.Parse(body.ToMemory().Span) as JsonObject ?? throw new RequestFailedException("Key Vault response is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException($"Key Vault response is not JSON ({ex.Message})");
        }
    }

    private static bool SameKey(string returned, string expected)
        => Uri.TryCreate(returned, UriKind.Absolute, out var a) && Uri.TryCreate(expected, UriKind.Absolute, out var b)
           && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal)
           && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonObject obj, string name)
        => obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? DecodeBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
