using FsCheck;
using FsCheck.Fluent;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck generators of hostile input: arbitrary bytes, bytes mixing format tokens with noise (so parsers get past
/// their first check), and real corpus files mutated (bytes flipped or replaced, cut, pieces inserted, lines
/// repeated or dropped), so headers parse and the data lies.
/// </summary>
internal static class HostileBytes
{
    private static readonly byte[][] Pieces =
    [
        ":::MLLOG "u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "\"key\": "u8.ToArray(), "\"value\": "u8.ToArray(), "\"time_ms\": "u8.ToArray(), "\"metadata\": "u8.ToArray(),
        "\"a\""u8.ToArray(), "0"u8.ToArray(), "-1"u8.ToArray(), "12"u8.ToArray(), "1e400"u8.ToArray(), "NaN"u8.ToArray(),
        "18446744073709551616"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), [0xEF, 0xBB, 0xBF], [0], [0xFF], [0xC3],
        " "u8.ToArray(), "true"u8.ToArray(), "null"u8.ToArray(), "\"is_error\": "u8.ToArray(), "00"u8.ToArray(), "\""u8.ToArray(),
        "Result is : VALID\n"u8.ToArray(), "Samples per second: "u8.ToArray(), "TEST PASS\n"u8.ToArray(), "="u8.ToArray(),
        "timestamp, index, name, utilization.gpu [%]\n"u8.ToArray(), "2026/01/01 00:00:00.000, "u8.ToArray(), " %"u8.ToArray(), " MiB"u8.ToArray(),
        "-----BEGIN PUBLIC KEY-----\n"u8.ToArray(), "-----END PUBLIC KEY-----\n"u8.ToArray(), "\\u0000"u8.ToArray(), "\\"u8.ToArray(),
    ];

    /// <summary>Any bytes (FsCheck's own byte arrays, shrinking included).</summary>
    public static Arbitrary<byte[]> Any => ArbMap.Default.ArbFor<byte[]>();

    /// <summary>Format tokens and noise, up to about 60 pieces.</summary>
    public static Gen<byte[]> Structured =>
        Gen.Sized(size => Gen.Choose(0, Math.Max(1, Math.Min(size, 60))))
            .SelectMany(count => Gen.ArrayOf(Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<byte[]>()), count))
            .Select(parts => parts.SelectMany(p => p).ToArray());

    /// <summary>Arbitrary bytes, structured bytes and mutations of <paramref name="seeds"/>, in equal shares.</summary>
    public static Arbitrary<byte[]> Mixed(params byte[][] seeds)
        => Gen.OneOf(Any.Generator, Structured, Mutated(seeds)).ToArbitrary();

    /// <summary>One of <paramref name="seeds"/> with one to four mutations.</summary>
    public static Gen<byte[]> Mutated(params byte[][] seeds)
        => from seed in Gen.Elements(seeds)
           from count in Gen.Choose(1, 4)
           from edits in Gen.ArrayOf(Edit, count)
           select edits.Aggregate(seed, (bytes, edit) => edit(bytes));

    /// <summary>One mutation; positions are fractions of the length, so they fit any input.</summary>
    private static Gen<Func<byte[], byte[]>> Edit =>
        from kind in Gen.Choose(0, 5)
        from at in Gen.Choose(0, 1_000_000)
        from value in Gen.Choose(0, 255)
        from piece in Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<byte[]>())
        select (Func<byte[], byte[]>)(bytes => Apply(bytes, kind, at / 1_000_000.0, (byte)value, piece));

    private static byte[] Apply(byte[] bytes, int kind, double where, byte value, byte[] piece)
    {
        var i = (int)(where * bytes.Length);
        switch (kind)
        {
            case 0 when bytes.Length > 0:
                var flipped = (byte[])bytes.Clone();
                flipped[Math.Min(i, bytes.Length - 1)] = value;
                return flipped;
            case 1:
                return bytes[..i];
            case 2:
                return [.. bytes[..i], .. piece, .. bytes[i..]];
            case 3:
                // Repeat or drop the line around i.
                var start = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(i - 1, 0)) + 1;
                var end = Array.IndexOf(bytes, (byte)'\n', i);
                end = end < 0 ? bytes.Length : end + 1;
                return value % 2 == 0 ? [.. bytes[..end], .. bytes[start..end], .. bytes[end..]] : [.. bytes[..start], .. bytes[end..]];
            case 4:
                return [.. bytes[..i], .. Enumerable.Repeat(value, 1 + (value % 64)), .. bytes[Math.Min(bytes.Length, i + (value % 64))..]];
            default:
                return bytes;
        }
    }
}
