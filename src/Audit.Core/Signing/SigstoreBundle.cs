using System.Text.Json.Nodes;

namespace MlPerfAudit.Core.Signing;

/// <summary>
/// Wraps a DSSE envelope as a Sigstore bundle v0.3 with a public-key hint and no transparency-log entries,
/// so sigstore-js (<c>@sigstore/verify</c>) and cosign's <c>--bundle</c> can check it against our published key.
/// </summary>
internal static class SigstoreBundle
{
    /// <summary>The bundle media type.</summary>
    public const string MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>Serializes the bundle as canonical JSON.</summary>
    /// <param name="envelope">The signed envelope.</param>
    /// <param name="keyHint">The key id, written as <c>verificationMaterial.publicKey.hint</c> and each signature's keyid.</param>
    public static byte[] Wrap(DsseEnvelope envelope, string keyHint)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(keyHint);
        var signatures = new JsonArray();
        foreach (var signature in envelope.Signatures)
        {
            signatures.Add(new JsonObject { ["keyid"] = keyHint, ["sig"] = Convert.ToBase64String(signature.Signature.Span) });
        }

        return CanonicalJson.Serialize(new JsonObject
        {
            ["mediaType"] = MediaType,
            ["verificationMaterial"] = new JsonObject
            {
                ["publicKey"] = new JsonObject { ["hint"] = keyHint },
                ["tlogEntries"] = new JsonArray(),
                ["timestampVerificationData"] = new JsonObject { ["rfc3161Timestamps"] = new JsonArray() },
            },
            ["dsseEnvelope"] = new JsonObject
            {
                ["payload"] = Convert.ToBase64String(envelope.Payload.Span),
                ["payloadType"] = envelope.PayloadType,
                ["signatures"] = signatures,
            },
        });
    }
}
