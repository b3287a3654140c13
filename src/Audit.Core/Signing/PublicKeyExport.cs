using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace MlPerfAudit.Core.Signing;

/// <summary>Renders public keys for reviewers: SPKI PEM (openssl, securesystemslib, cosign) and JWKS (picked by kid).</summary>
public static class PublicKeyExport
{
    /// <summary>The key as a <c>-----BEGIN PUBLIC KEY-----</c> PEM block ending with a newline.</summary>
    public static string ToPem(ReadOnlySpan<byte> spki) => PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";

    /// <summary>
    /// A JWKS of EC P-256 keys, <c>{"keys":[{"alg":"ES256","crv":"P-256","kid","kty":"EC","use":"sig","x","y"}]}</c>,
    /// kid = hex SHA-256 of the SPKI, as canonical JSON followed by a newline.
    /// </summary>
    /// <exception cref="CryptographicException">A key is not an EC public key.</exception>
    public static byte[] ToJwks(IEnumerable<ReadOnlyMemory<byte>> spkis)
    {
        ArgumentNullException.ThrowIfNull(spkis);
        var keys = new JsonArray();
        foreach (var spki in spkis)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(spki.Span, out _);
            var q = ecdsa.ExportParameters(false).Q;
            keys.Add(new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64Url(q.X!),
                ["y"] = Base64Url(q.Y!),
                ["kid"] = KeyIds.Of(spki.Span),
                ["use"] = "sig",
                ["alg"] = "ES256",
            });
        }

        return [.. CanonicalJson.Serialize(new JsonObject { ["keys"] = keys }), (byte)'\n'];
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
