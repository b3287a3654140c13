using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPerfAudit.Core.Signing;

/// <summary>A trusted ECDSA P-256 public key.</summary>
/// <param name="KeyId">The kid: from the JWKS, else the hex SHA-256 of <paramref name="Spki"/>.</param>
/// <param name="Spki">DER SubjectPublicKeyInfo.</param>
public sealed record VerificationKey(string KeyId, ReadOnlyMemory<byte> Spki);

/// <summary>
/// The keys a verifier trusts, read from PEM (one or more <c>PUBLIC KEY</c> blocks) or a JWKS. Keys are picked
/// by kid, so a JWKS that keeps retired keys verifies reports signed before a rotation.
/// </summary>
public sealed class PublicKeySet
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private PublicKeySet(IReadOnlyList<VerificationKey> keys) => Keys = keys;

    /// <summary>The keys, in file order.</summary>
    public IReadOnlyList<VerificationKey> Keys { get; }

    /// <summary>Keys whose kid equals <paramref name="keyId"/>; every key when the hint is empty.</summary>
    public IEnumerable<VerificationKey> Candidates(string keyId)
        => string.IsNullOrEmpty(keyId) ? Keys : Keys.Where(k => string.Equals(k.KeyId, keyId, StringComparison.OrdinalIgnoreCase));

    /// <summary>A set holding the given SubjectPublicKeyInfo keys, with kids computed from them.</summary>
    /// <exception cref="CryptographicException">A key is not an EC P-256 public key.</exception>
    public static PublicKeySet FromSpki(params ReadOnlyMemory<byte>[] spkis)
    {
        ArgumentNullException.ThrowIfNull(spkis);
        return new PublicKeySet([.. spkis.Select(s => ReadSpki(s.Span, null, out var error) ?? throw new CryptographicException(error))]);
    }

    /// <summary>Reads PEM or JWKS, deciding by the first non-blank character (<c>{</c> means JWKS); never throws on bad input.</summary>
    /// <param name="bytes">The key file's bytes.</param>
    /// <param name="error">Why no key could be read, when none could.</param>
    public static PublicKeySet? TryRead(ReadOnlySpan<byte> bytes, out string? error)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').TrimStart();
        return text.StartsWith('{') ? TryReadJwks(bytes, out error) : TryReadPem(text, out error);
    }

    /// <summary>Reads every <c>PUBLIC KEY</c> block of a PEM text.</summary>
    public static PublicKeySet? TryReadPem(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var keys = new List<VerificationKey>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.SequenceEqual("PUBLIC KEY"))
            {
                var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                var key = ReadSpki(der, null, out error);
                if (key is null)
                {
                    return null;
                }

                keys.Add(key);
            }

            rest = rest[fields.Location.End..];
        }

        if (keys.Count == 0)
        {
            error = "no PUBLIC KEY block found";
            return null;
        }

        return new PublicKeySet(keys);
    }

    /// <summary>Reads the EC P-256 keys of a JWKS (<c>{"keys":[{"kty":"EC","crv":"P-256","x","y","kid"}]}</c>); other key types are
    /// skipped.</summary>
    public static PublicKeySet? TryReadJwks(ReadOnlySpan<byte> utf8, out string? error)
    {
        error = null;
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            // JsonNode checks UTF-8 inside strings only when they are read, and then throws InvalidOperationException.
            error = "JWKS is not JSON (the bytes are not valid UTF-8)";
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            error = $"JWKS is not JSON ({ex.Message})";
            return null;
        }

        if (root is not JsonObject obj || obj["keys"] is not JsonArray array)
        {
            error = "JWKS has no 'keys' array";
            return null;
        }

        var keys = new List<VerificationKey>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject jwk || Text(jwk, "kty") != "EC")
            {
                continue;
            }

            if (Text(jwk, "crv") != "P-256")
            {
                continue;
            }

            var x = Base64UrlField(jwk, "x");
            var y = Base64UrlField(jwk, "y");
            if (x is not { Length: EcdsaSignatureFormat.P256FieldBytes } || y is not { Length: EcdsaSignatureFormat.P256FieldBytes })
            {
                error = $"keys[{i}]: x and y must be base64url of 32 bytes each";
                return null;
            }

            byte[] spki;
            try
            {
                using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
                spki = ecdsa.ExportSubjectPublicKeyInfo();
            }
            catch (CryptographicException ex)
            {
                error = $"keys[{i}]: not a P-256 point ({ex.Message})";
                return null;
            }

            keys.Add(new VerificationKey(Text(jwk, "kid") is { Length: > 0 } kid ? kid : KeyIds.Of(spki), spki));
        }

        if (keys.Count == 0)
        {
            error = "JWKS holds no EC P-256 key";
            return null;
        }

        return new PublicKeySet(keys);
    }

    private static VerificationKey? ReadSpki(ReadOnlySpan<byte> der, string? kid, out string? error)
    {
        error = null;
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                error = "trailing bytes after the public key";
                return null;
            }

            if (ecdsa.ExportParameters(false).Curve.Oid?.Value != P256Oid)
            {
                error = "the public key is not on curve P-256";
                return null;
            }

            var spki = ecdsa.ExportSubjectPublicKeyInfo();
            return new VerificationKey(kid ?? KeyIds.Of(spki), spki);
        }
        catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException)
        {
            // PlatformNotSupportedException: an EC key on a curve this platform does not know (any OID can be written).
            error = $"not an EC public key ({ex.Message})";
            return null;
        }
    }

    private static string? Text(JsonObject obj, string name)
        => obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static byte[]? Base64UrlField(JsonObject obj, string name)
        => Text(obj, name) is { } text && !text.Contains('+', StringComparison.Ordinal) && !text.Contains('/', StringComparison.Ordinal)
            ? DsseJson.DecodeBase64(text)
            : null;
}
