using System.Buffers.Binary;
using System.Numerics;
using Google.Protobuf;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>
/// Reads a TensorBoard event file (<c>events.out.tfevents.*</c>, NeMo's default logger) strictly and as a stream. TFRecord
/// framing: <c>uint64 length, uint32 masked_crc32c(length), data[length], uint32 masked_crc32c(data)</c>, little-endian,
/// mask = ((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xa282ead8; both CRCs are checked. Each record is a protobuf <c>Event</c>
/// (wall_time = 1, step = 2, summary = 5); <c>Summary.value</c> (1) has tag (1) and simple_value (2, float32) or tensor (8,
/// float_val 5 / double_val 6 / tensor_content 4). Scalars tagged <c>train_step_timing in s</c> and <c>reduced_train_loss</c>
/// are kept. A problem names the record's 1-based index; after a framing error the rest of the file cannot be trusted
/// and is not read. The protobuf wire format is read with Google.Protobuf's CodedInputStream (no generated code on the feed).
/// </summary>
internal static class TfEventReader
{
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>Reads an event file.</summary>
    /// <param name="stream">The file; read forward once, not disposed.</param>
    /// <param name="path">Bundle-relative path.</param>
    /// <param name="maxRecordBytes">Largest record accepted, in bytes.</param>
    public static SweepLog Read(Stream stream, string path, int maxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = new TextLogState(path, SweepLogFormat.TensorBoard);
        var header = new byte[12];
        var footer = new byte[4];
        for (var index = 1; ; index++)
        {
            var got = stream.ReadAtLeast(header, 12, throwOnEndOfStream: false);
            if (got == 0)
            {
                break;
            }

            if (got < 12)
            {
                state.Problem(index, FindingCatalog.SwpLogRecordFraming.Main, index, got);
                break;
            }

            var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (Masked(Crc32C(header.AsSpan(0, 8))) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8)))
            {
                state.Problem(index, FindingCatalog.SwpLogRecordFramingLengthCrc, index);
                break;
            }

            if (length > (ulong)maxRecordBytes)
            {
                state.Problem(index, FindingCatalog.SwpLogRecordFramingTooBig, index, length, maxRecordBytes);
                break;
            }

            var data = new byte[(int)length];
            if (stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) < data.Length
                || stream.ReadAtLeast(footer, 4, throwOnEndOfStream: false) < 4)
            {
                state.Problem(index, FindingCatalog.SwpLogRecordFramingCut, index, length);
                break;
            }

            if (Masked(Crc32C(data)) != BinaryPrimitives.ReadUInt32LittleEndian(footer))
            {
                state.Problem(index, FindingCatalog.SwpLogRecordFramingDataCrc, index);
                continue; // the length was intact, so the next record starts where this one ends
            }

            try
            {
                ReadEvent(state, data, index);
            }
            catch (InvalidProtocolBufferException ex)
            {
                state.Problem(index, FindingCatalog.SwpLogFormatParseEvent, index, DlLoggerLines.Sentence(ex.Message));
            }
        }

        return state.Build();
    }

    /// <summary>CRC-32C (Castagnoli), as TFRecord uses it.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    /// <summary>TFRecord's CRC mask.</summary>
    internal static uint Masked(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + MaskDelta);

    private static void ReadEvent(TextLogState state, byte[] data, int index)
    {
        var input = new CodedInputStream(data);
        double wallTime = double.NaN;
        long step = 0;
        var scalars = new List<(string Tag, double Value)>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case 9: // wall_time, fixed64 double
                    wallTime = input.ReadDouble();
                    break;
                case 16: // step, varint
                    step = input.ReadInt64();
                    break;
                case 42: // summary
                    Summary(new CodedInputStream(input.ReadBytes().ToByteArray()), scalars);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (scalars.Count == 0)
        {
            return;
        }

        if (step is < 0 or > int.MaxValue)
        {
            state.Problem(index, FindingCatalog.SwpLogFormatParseEventStep, index, step, int.MaxValue);
            return;
        }

        var time = double.IsFinite(wallTime) ? Math.Round(wallTime * 1e6) / 1e3 : double.NaN;
        foreach (var (name, value) in scalars)
        {
            var list = name == "train_step_timing in s" ? state.Steps : state.Losses;
            list.Add(new StepValue((int)step, value, false, time, index));
        }
    }

    private static void Summary(CodedInputStream input, List<(string, double)> scalars)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag != 10)
            {
                input.SkipLastField();
                continue;
            }

            var value = new CodedInputStream(input.ReadBytes().ToByteArray());
            string? name = null;
            double? number = null;
            uint t;
            while ((t = value.ReadTag()) != 0)
            {
                switch (t)
                {
                    case 10:
                        name = value.ReadString();
                        break;
                    case 21: // simple_value, fixed32 float
                        number = value.ReadFloat();
                        break;
                    case 66: // tensor
                        number = Tensor(new CodedInputStream(value.ReadBytes().ToByteArray()));
                        break;
                    default:
                        value.SkipLastField();
                        break;
                }
            }

            if (name is "train_step_timing in s" or "reduced_train_loss" && number is { } v)
            {
                scalars.Add((name, v));
            }
        }
    }

    private static double? Tensor(CodedInputStream input)
    {
        int dtype = 0;
        double? value = null;
        byte[]? content = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case 8:
                    dtype = input.ReadEnum();
                    break;
                case 34:
                    content = input.ReadBytes().ToByteArray();
                    break;
                case 42: // float_val, packed
                    var packed = input.ReadBytes().ToByteArray();
                    value = packed.Length >= 4 ? BinaryPrimitives.ReadSingleLittleEndian(packed) : value;
                    break;
                case 45:
                    value = input.ReadFloat();
                    break;
                case 50: // double_val, packed
                    var doubles = input.ReadBytes().ToByteArray();
                    value = doubles.Length >= 8 ? BinaryPrimitives.ReadDoubleLittleEndian(doubles) : value;
                    break;
                case 49:
                    value = input.ReadDouble();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return value ?? (content, dtype) switch
        {
            ({ Length: 4 }, 1) => BinaryPrimitives.ReadSingleLittleEndian(content),
            ({ Length: 8 }, 2) => BinaryPrimitives.ReadDoubleLittleEndian(content),
            _ => null,
        };
    }
}
