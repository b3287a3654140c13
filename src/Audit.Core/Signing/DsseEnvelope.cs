namespace MlPerfAudit.Core.Signing;

/// <summary>A DSSE envelope: a payload, its type, and one or more signatures over <see cref="Pae"/>.</summary>
/// <param name="PayloadType">Media type of the payload; ours is always <see cref="InTotoPayloadType"/>.</param>
/// <param name="Payload">The decoded payload bytes (the canonical in-toto statement).</param>
/// <param name="Signatures">At least one signature.</param>
public sealed record DsseEnvelope(string PayloadType, ReadOnlyMemory<byte> Payload, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>The payloadType of an in-toto statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>The bytes a signature covers: <c>PAE(payloadType, payload)</c>.</summary>
    public byte[] PreAuthenticationEncoding() => Pae.Encode(PayloadType, Payload.Span);
}

/// <summary>One signature in a <see cref="DsseEnvelope"/>.</summary>
/// <param name="KeyId">Unauthenticated hint naming the key: lower-case hex SHA-256 of its DER SubjectPublicKeyInfo; may be empty.</param>
/// <param name="Signature">ASN.1 DER ECDSA signature over the PAE.</param>
public sealed record DsseSignature(string KeyId, ReadOnlyMemory<byte> Signature);
