using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlPerfAudit.Azure.Tests.Signing;

/// <summary>
/// A Key Vault on https://127.0.0.1 that implements the two REST operations the signer uses, with a real P-256 key:
/// <c>GET /keys/{name}/{version}</c> (JWK) and <c>POST /keys/{name}/{version}/sign</c> (ES256 over the given digest,
/// answering raw r‖s as Key Vault does). It demands the bearer token and api-version 7.4. TLS uses a throwaway
/// self-signed certificate that only <see cref="Transport"/> trusts.
/// </summary>
internal sealed class LoopbackKeyVault : IAsyncDisposable
{
    public const string Token = "loopback-token";
    public const string KeyName = "report-signing";
    public const string KeyVersion = "0123456789abcdef0123456789abcdef";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private LoopbackKeyVault(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>The real key behind the vault.</summary>
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Every request as "METHOD path?query", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Bodies of sign requests.</summary>
    public ConcurrentQueue<JsonObject> SignBodies { get; } = new();

    /// <summary>Replaces the sign answer's value (a misbehaving vault), when set.</summary>
    public Func<byte[], string>? SignatureOverride { get; set; }

    /// <summary>Replaces the sign answer's kid, when set.</summary>
    public string? KidOverride { get; set; }

    /// <summary>An Azure.Core transport that trusts exactly this vault's certificate.</summary>
    public HttpPipelineTransport Transport => new HttpClientTransport(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.RawData.AsSpan().SequenceEqual(_certificate.RawData),
    });

    public static async Task<LoopbackKeyVault> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new LoopbackKeyVault(app, certificate);
        vault.Map(app);
        await app.StartAsync();
        var address = app.Urls.Single();
        vault.VaultUri = new Uri(address + "/");
        return vault;
    }

    public string KeyVaultKeyId => new Uri(VaultUri, $"keys/{KeyName}/{KeyVersion}").ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
        Key.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/tenant\", "
                    + "resource=\"https://vault.azure.net\"";
                return;
            }

            if (context.Request.Query["api-version"] != "7.4")
            {
                await Error(context, 400, "BadParameter", "api-version must be 7.4");
                return;
            }

            await next(context);
        });

        app.MapGet("/keys/{name}/{version}", async (HttpContext context, string name, string version) =>
        {
            if (name != KeyName || version != KeyVersion)
            {
                await Error(context, 404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
                return;
            }

            var q = Key.ExportParameters(false).Q;
            await Json(context, new JsonObject
            {
                ["key"] = new JsonObject
                {
                    ["kid"] = KeyVaultKeyId,
                    ["kty"] = "EC-HSM",
                    ["key_ops"] = new JsonArray("sign", "verify"),
                    ["crv"] = "P-256",
                    ["x"] = B64Url(q.X!),
                    ["y"] = B64Url(q.Y!),
                },
                ["attributes"] = new JsonObject { ["enabled"] = true },
            });
        });

        app.MapPost("/keys/{name}/{version}/sign", async (HttpContext context, string name, string version) =>
        {
            if (name != KeyName || version != KeyVersion)
            {
                await Error(context, 404, "KeyNotFound", "key not found");
                return;
            }

            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            SignBodies.Enqueue(body);
            var digest = FromB64Url((string)body["value"]!);
            if ((string?)body["alg"] != "ES256" || digest.Length != 32)
            {
                await Error(context, 400, "BadParameter", "ES256 needs a 32-byte SHA-256 digest");
                return;
            }

            var rs = Key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            await Json(context, new JsonObject
            {
                ["kid"] = KidOverride ?? KeyVaultKeyId,
                ["value"] = SignatureOverride?.Invoke(rs) ?? B64Url(rs),
            });
        });
    }

    private static Task Json(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return Json(context, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(start, start.AddYears(100));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    internal static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] FromB64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}

/// <summary>A credential that hands out one fixed token (the loopback vault accepts only it).</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    public int Calls { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Calls++;
        return new AccessToken(token, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
