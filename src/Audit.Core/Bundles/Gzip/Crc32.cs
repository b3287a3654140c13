namespace MlPerfAudit.Core.Bundles.Gzip;

/// <summary>
/// CRC-32 of gzip and zip (IEEE 802.3, reflected polynomial 0xEDB88320), table-driven, eight bytes per step.
/// Our own because the package feed these machines reach has no System.IO.Hashing; swap for
/// <c>System.IO.Hashing.Crc32</c> when it can be restored.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>Continues a CRC over more bytes. Start from 0; the value after the last bytes is the CRC.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        unchecked
        {
            var c = ~crc;
            var table = Table;
            while (data.Length >= 8)
            {
                var one = c ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
                var two = (uint)(data[4] | data[5] << 8 | data[6] << 16 | data[7] << 24);
                c = table[(7 * 256) + (one & 0xFF)] ^ table[(6 * 256) + ((one >> 8) & 0xFF)]
                    ^ table[(5 * 256) + ((one >> 16) & 0xFF)] ^ table[(4 * 256) + (one >> 24)]
                    ^ table[(3 * 256) + (two & 0xFF)] ^ table[(2 * 256) + ((two >> 8) & 0xFF)]
                    ^ table[256 + ((two >> 16) & 0xFF)] ^ table[two >> 24];
                data = data[8..];
            }

            foreach (var b in data)
            {
                c = table[(c ^ b) & 0xFF] ^ (c >> 8);
            }

            return ~c;
        }
    }

    /// <summary>Eight 256-entry tables: the first is the classic byte table, table k advances k more zero bytes.</summary>
    private static uint[] Build()
    {
        unchecked
        {
            var table = new uint[8 * 256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[i] = c;
            }

            for (var i = 0; i < 256; i++)
            {
                for (var t = 1; t < 8; t++)
                {
                    var previous = table[((t - 1) * 256) + i];
                    table[(t * 256) + i] = table[previous & 0xFF] ^ (previous >> 8);
                }
            }

            return table;
        }
    }
}
