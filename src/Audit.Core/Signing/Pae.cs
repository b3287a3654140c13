using System.Globalization;
using System.Text;

namespace MlPerfAudit.Core.Signing;

/// <summary>
/// DSSE pre-authentication encoding: the exact bytes that are signed,
/// <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, lengths as ASCII decimal byte counts.
/// </summary>
public static class Pae
{
    private static readonly byte[] Prefix = "DSSEv1 "u8.ToArray();

    /// <summary>Builds the PAE of a payload type and a body.</summary>
    /// <param name="payloadType">The envelope's payloadType, encoded as UTF-8.</param>
    /// <param name="body">The decoded payload bytes.</param>
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var typeLength = Encoding.ASCII.GetBytes(type.Length.ToString(CultureInfo.InvariantCulture));
        var bodyLength = Encoding.ASCII.GetBytes(body.Length.ToString(CultureInfo.InvariantCulture));
        var result = new byte[Prefix.Length + typeLength.Length + 1 + type.Length + 1 + bodyLength.Length + 1 + body.Length];
        var span = result.AsSpan();
        Prefix.CopyTo(span);
        span = span[Prefix.Length..];
        Append(ref span, typeLength);
        Append(ref span, type);
        Append(ref span, bodyLength);
        body.CopyTo(span);
        return result;
    }

    private static void Append(ref Span<byte> span, ReadOnlySpan<byte> part)
    {
        part.CopyTo(span);
        span[part.Length] = (byte)' ';
        span = span[(part.Length + 1)..];
    }
}
