using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPerfAudit.Core.Signing;

/// <summary>
/// Reads and writes the DSSE envelope JSON: <c>{"payload","payloadType","signatures":[{"keyid","sig"}]}</c>.
/// Writing is canonical (<see cref="CanonicalJson"/>, standard padded base64). Reading is strict: exactly these
/// members, no duplicates, at least one signature; base64 may be standard or URL-safe, padded or not.
/// </summary>
public static class DsseJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <summary>Serializes an envelope as canonical UTF-8 JSON (no trailing newline).</summary>
    public static byte[] Write(DsseEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var signatures = new JsonArray();
        foreach (var signature in envelope.Signatures)
        {
            signatures.Add(new JsonObject
            {
                ["keyid"] = signature.KeyId,
                ["sig"] = Convert.ToBase64String(signature.Signature.Span),
            });
        }

        return CanonicalJson.Serialize(new JsonObject
        {
            ["payload"] = Convert.ToBase64String(envelope.Payload.Span),
            ["payloadType"] = envelope.PayloadType,
            ["signatures"] = signatures,
        });
    }

    /// <summary>Reads an envelope; never throws on bad input.</summary>
    /// <param name="utf8">The envelope file's bytes.</param>
    /// <param name="error">Why the bytes are not an envelope, when they are not.</param>
    /// <returns>The envelope, or null with <paramref name="error"/> set.</returns>
    public static DsseEnvelope? TryRead(ReadOnlySpan<byte> utf8, out string? error)
    {
        // JsonDocument checks UTF-8 inside strings only when they are read, and then throws InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            error = "not JSON (the bytes are not valid UTF-8)";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            return Read(document.RootElement, out error);
        }
        catch (JsonException ex)
        {
            error = $"not JSON ({ex.Message})";
            return null;
        }
    }

    private static DsseEnvelope? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the envelope is not a JSON object";
            return null;
        }

        string? payload = null, payloadType = null;
        JsonElement? signatures = null;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "payload" when member.Value.ValueKind == JsonValueKind.String:
                    payload = member.Value.GetString();
                    break;
                case "payloadType" when member.Value.ValueKind == JsonValueKind.String:
                    payloadType = member.Value.GetString();
                    break;
                case "signatures" when member.Value.ValueKind == JsonValueKind.Array:
                    signatures = member.Value;
                    break;
                default:
                    error = $"unexpected member '{member.Name}' (or wrong JSON type) in the envelope";
                    return null;
            }
        }

        if (payload is null || payloadType is null || signatures is null)
        {
            error = "the envelope needs payload, payloadType and signatures";
            return null;
        }

        var body = DecodeBase64(payload);
        if (body is null)
        {
            error = "payload is not base64";
            return null;
        }

        var list = new List<DsseSignature>();
        foreach (var item in signatures.Value.EnumerateArray())
        {
            var signature = ReadSignature(item, list.Count, out error);
            if (signature is null)
            {
                return null;
            }

            list.Add(signature);
        }

        if (list.Count == 0)
        {
            error = "the envelope has no signatures";
            return null;
        }

        return new DsseEnvelope(payloadType, body, list);
    }

    private static DsseSignature? ReadSignature(JsonElement item, int index, out string? error)
    {
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = $"signatures[{index}] is not an object";
            return null;
        }

        string? keyId = null, sig = null;
        foreach (var member in item.EnumerateObject())
        {
            switch (member.Name)
            {
                case "keyid" when member.Value.ValueKind == JsonValueKind.String:
                    keyId = member.Value.GetString();
                    break;
                case "sig" when member.Value.ValueKind == JsonValueKind.String:
                    sig = member.Value.GetString();
                    break;
                default:
                    error = $"unexpected member '{member.Name}' (or wrong JSON type) in signatures[{index}]";
                    return null;
            }
        }

        var bytes = sig is null ? null : DecodeBase64(sig);
        if (bytes is null || bytes.Length == 0)
        {
            error = $"signatures[{index}].sig is missing or not base64";
            return null;
        }

        return new DsseSignature(keyId ?? string.Empty, bytes);
    }

    /// <summary>Decodes standard or URL-safe base64, padded or not; null when the text is not base64.</summary>
    internal static byte[]? DecodeBase64(string text)
    {
        var chars = new char[text.Length + 2];
        var length = 0;
        foreach (var c in text)
        {
            chars[length++] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ when char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' => c,
                _ => '\0',
            };
            if (chars[length - 1] == '\0')
            {
                return null;
            }
        }

        while (length % 4 != 0)
        {
            if (length - text.Length >= 2)
            {
                return null;
            }

            chars[length++] = '=';
        }

        var output = new byte[length / 4 * 3];
        return Convert.TryFromBase64Chars(chars.AsSpan(0, length), output, out var written) ? output[..written] : null;
    }
}
