using System.Formats.Asn1;
using System.Numerics;

namespace MlPerfAudit.Core.Signing;

/// <summary>
/// Conversions between the two ECDSA signature encodings: IEEE P1363 <c>r‖s</c> (what Key Vault and JWS
/// return) and ASN.1 DER <c>SEQUENCE { INTEGER r, INTEGER s }</c> (what DSSE verifiers such as openssl,
/// securesystemslib and sigstore expect). Every envelope we write carries DER.
/// </summary>
public static class EcdsaSignatureFormat
{
    /// <summary>Length in bytes of one P-256 coordinate or signature half.</summary>
    public const int P256FieldBytes = 32;

    /// <summary>Converts a raw <c>r‖s</c> signature (two equal big-endian halves) to DER.</summary>
    /// <exception cref="ArgumentException">The input is empty or has an odd length.</exception>
    public static byte[] P1363ToDer(ReadOnlySpan<byte> rs)
    {
        if (rs.IsEmpty || rs.Length % 2 != 0)
        {
            throw new ArgumentException($"an r‖s signature has two equal halves; got {rs.Length} bytes", nameof(rs));
        }

        var half = rs.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(rs[..half], isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(rs[half..], isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    /// <summary>
    /// True when <paramref name="signature"/> is exactly one DER <c>SEQUENCE</c> of two positive
    /// <c>INTEGER</c>s, each at most <paramref name="fieldBytes"/> bytes long, with nothing after it.
    /// A raw 64-byte <c>r‖s</c> signature is not DER and returns false.
    /// </summary>
    /// <param name="signature">The candidate signature bytes.</param>
    /// <param name="fieldBytes">Curve field size in bytes (32 for P-256).</param>
    public static bool IsStrictDer(ReadOnlySpan<byte> signature, int fieldBytes = P256FieldBytes)
    {
        try
        {
            var reader = new AsnReader(signature.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            if (reader.HasData)
            {
                return false;
            }

            for (var i = 0; i < 2; i++)
            {
                var value = sequence.ReadInteger();
                if (value.Sign <= 0 || value.GetByteCount(isUnsigned: true) > fieldBytes)
                {
                    return false;
                }
            }

            return !sequence.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
