using System.Buffers.Binary;
using Google.Protobuf;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>
/// Writes TensorBoard event files for tests the way TensorFlow's record writer and SummaryWriter.add_scalar do: TFRecord
/// framing with masked CRC-32C (a bitwise CRC-32C here, independent of the reader's hardware one) around protobuf Events.
/// </summary>
internal static class TfEvents
{
    /// <summary>Bitwise CRC-32C (Castagnoli, reflected polynomial 0x82F63B78).</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static uint Masked(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);

    /// <summary>One framed record.</summary>
    public static byte[] Record(byte[] data, bool breakDataCrc = false, bool breakLengthCrc = false)
    {
        var record = new byte[12 + data.Length + 4];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), Masked(Crc32C(record.AsSpan(0, 8))) ^ (breakLengthCrc ? 1u : 0));
        data.CopyTo(record, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12 + data.Length), Masked(Crc32C(data)) ^ (breakDataCrc ? 1u : 0));
        return record;
    }

    /// <summary>Events framed into a file.</summary>
    public static byte[] File(IEnumerable<byte[]> events) => [.. events.SelectMany(e => Record(e))];

    /// <summary>An Event: wall_time (1), step (2), and file_version (3) or a one-value Summary (5) with simple_value (2).</summary>
    public static byte[] Event(double wallTime, long step, string? fileVersion = null, (string Tag, float Value)? scalar = null)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Fixed64);
        output.WriteDouble(wallTime);
        if (step != 0)
        {
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt64(step);
        }

        if (fileVersion is not null)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteString(fileVersion);
        }

        if (scalar is { } s)
        {
            var value = Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(s.Tag);
                o.WriteTag(2, WireFormat.WireType.Fixed32);
                o.WriteFloat(s.Value);
            });
            var summary = Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFrom(value));
            });
            output.WriteTag(5, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(summary));
        }

        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }
}
