using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace MlPerfAudit.Core.Mllog;

/// <summary>
/// The fast path of <see cref="MllogReader"/> for the one shape LoadGen writes every record in:
/// <c>{"key": "...", "value": V, "time_ms": N, "namespace": "...", "event_type": "...", "metadata": {"name": S, ...}}</c>
/// with exactly those separators, members in that order, strings without escapes, V a string, number, true, false,
/// null or integer array, and metadata values strings, numbers, true, false or null. Such a line is valid JSON
/// (checked here byte by byte, strictly) and gives the same record as the general reader; anything else (another
/// order, other spacing, escapes, nested values, a non-finite time) returns null and the general reader decides.
/// </summary>
// Hand-written: no JSON library skips a known record shape without parsing it; LoadGenRecordShapeTests compare it record by record with the
// System.Text.Json path.
internal static class LoadGenRecordShape
{
    /// <summary>Bytes that end an unescaped JSON string's body or make it invalid: the quote, the backslash, controls.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [
            (byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        ]);

    /// <summary>The record, or null when <paramref name="json"/> (valid UTF-8, after the token) is not in LoadGen's shape.</summary>
    /// <param name="json">The bytes after <c>:::MLLOG</c>.</param>
    /// <param name="line">1-based line number.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MllogRecord? TryRead(ReadOnlySpan<byte> json, int line)
    {
        var i = SkipSpace(json, 0);
        if (!Literal(json, ref i, "{\"key\": "u8))
        {
            return null;
        }

        var keyStart = i + 1;
        if (!SimpleString(json, ref i))
        {
            return null;
        }

        var key = json[keyStart..(i - 1)];
        if (!Literal(json, ref i, ", \"value\": "u8) || i >= json.Length)
        {
            return null;
        }

        var valueStart = i;
        if (!Value(json, ref i, out var arrayLength))
        {
            return null;
        }

        var value = json[valueStart..i];
        if (!Literal(json, ref i, ", \"time_ms\": "u8) || !Time(json, ref i, out var time))
        {
            return null;
        }

        if (!Literal(json, ref i, ", \"namespace\": "u8) || !SimpleString(json, ref i)
            || !Literal(json, ref i, ", \"event_type\": "u8) || !SimpleString(json, ref i)
            || !Literal(json, ref i, ", \"metadata\": "u8))
        {
            return null;
        }

        var metadataStart = i;
        if (!Metadata(json, ref i, out var isError, out var isWarning))
        {
            return null;
        }

        var metadata = json[metadataStart..i];
        if (!Literal(json, ref i, "}"u8) || SkipSpace(json, i) != json.Length)
        {
            return null;
        }

        var elided = arrayLength > MllogRecord.MaxKeptArrayBytes;
        return new MllogRecord(
            Encoding.UTF8.GetString(key),
            elided ? ReadOnlyMemory<byte>.Empty : value.ToArray(),
            line,
            time,
            isError,
            isWarning,
            isError || isWarning ? metadata.ToArray() : ReadOnlyMemory<byte>.Empty)
        {
            ElidedArrayBytes = elided ? arrayLength : 0,
        };
    }

    /// <summary>The value: a scalar, or an integer array whose length in bytes goes to <paramref name="arrayLength"/> (0 else).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Value(ReadOnlySpan<byte> json, ref int i, out int arrayLength)
    {
        arrayLength = 0;
        if (json[i] != (byte)'[')
        {
            return Scalar(json, ref i, out _);
        }

        if (!IntegerArray.TryMatch(json[i..], out arrayLength))
        {
            return false;
        }

        i += arrayLength;
        return true;
    }

    /// <summary>The time stamp in ms: a JSON number that parses whole as a finite double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Time(ReadOnlySpan<byte> json, ref int i, out double time)
    {
        var timeStart = i;
        time = 0;
        return Number(json, ref i)
               && Utf8Parser.TryParse(json[timeStart..i], out time, out var consumed)
               && consumed == i - timeStart
               && double.IsFinite(time);
    }

    /// <summary>A flat object of <c>"name": scalar</c> members (names unescaped); is_error / is_warning true when a member of that name is
    /// true.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Metadata(ReadOnlySpan<byte> json, ref int i, out bool isError, out bool isWarning)
    {
        isError = isWarning = false;
        if (!Literal(json, ref i, "{"u8))
        {
            return false;
        }

        if (Literal(json, ref i, "}"u8))
        {
            return true;
        }

        while (true)
        {
            var nameStart = i + 1;
            if (!SimpleString(json, ref i))
            {
                return false;
            }

            var name = json[nameStart..(i - 1)];
            if (!Literal(json, ref i, ": "u8) || !Scalar(json, ref i, out var isTrue))
            {
                return false;
            }

            isError |= isTrue && name.SequenceEqual("is_error"u8);
            isWarning |= isTrue && name.SequenceEqual("is_warning"u8);
            if (Literal(json, ref i, "}"u8))
            {
                return true;
            }

            if (!Literal(json, ref i, ", "u8))
            {
                return false;
            }
        }
    }

    /// <summary>A string without escapes, a JSON number, true, false or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Scalar(ReadOnlySpan<byte> json, ref int i, out bool isTrue)
    {
        isTrue = false;
        if (i >= json.Length)
        {
            return false;
        }

        switch (json[i])
        {
            case (byte)'"':
                return SimpleString(json, ref i);
            case (byte)'t':
                return isTrue = Literal(json, ref i, "true"u8);
            case (byte)'f':
                return Literal(json, ref i, "false"u8);
            case (byte)'n':
                return Literal(json, ref i, "null"u8);
            default:
                return Number(json, ref i);
        }
    }

    /// <summary>"..." with no backslash and no control character inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SimpleString(ReadOnlySpan<byte> json, ref int i)
    {
        if (i >= json.Length || json[i] != (byte)'"')
        {
            return false;
        }

        var stop = json[(i + 1)..].IndexOfAny(StringStops);
        if (stop < 0 || json[i + 1 + stop] != (byte)'"')
        {
            return false;
        }

        i += stop + 2;
        return true;
    }

    /// <summary>A JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Number(ReadOnlySpan<byte> json, ref int i)
    {
        var j = i;
        if (j < json.Length && json[j] == (byte)'-')
        {
            j++;
        }

        if (j >= json.Length || !IsDigit(json[j]))
        {
            return false;
        }

        if (json[j] == (byte)'0')
        {
            j++;
        }
        else
        {
            j = Digits(json, j);
        }

        if (j < json.Length && json[j] == (byte)'.')
        {
            if (j + 1 >= json.Length || !IsDigit(json[j + 1]))
            {
                return false;
            }

            j = Digits(json, j + 1);
        }

        if (j < json.Length && json[j] is (byte)'e' or (byte)'E')
        {
            j++;
            if (j < json.Length && json[j] is (byte)'+' or (byte)'-')
            {
                j++;
            }

            if (j >= json.Length || !IsDigit(json[j]))
            {
                return false;
            }

            j = Digits(json, j);
        }

        // A number must end where a separator or closer begins ("01" or "1x" are not numbers).
        if (j < json.Length && json[j] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return false;
        }

        i = j;
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> json, int j)
    {
        while (j < json.Length && IsDigit(json[j]))
        {
            j++;
        }

        return j;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool Literal(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> expected)
    {
        if (!json[i..].StartsWith(expected))
        {
            return false;
        }

        i += expected.Length;
        return true;
    }

    private static int SkipSpace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
