using System.Runtime.CompilerServices;

namespace MlPerfAudit.Core.Mllog;

/// <summary>
/// A scanner for JSON arrays of integers (<c>[12, 0, -3]</c>): the fast path that lets the MLLOG reader
/// check megabyte-long LoadGen arrays without tokenizing every element. It accepts only what is valid
/// JSON (no leading zeros, no trailing comma); anything else falls back to the full JSON reader.
/// </summary>
internal static class IntegerArray
{
    private static readonly System.Buffers.SearchValues<byte> DigitsAndComma = System.Buffers.SearchValues.Create("0123456789,"u8);

    /// <summary>True when <paramref name="json"/> starts with an integer array; <paramref name="length"/> is its length in bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryMatch(ReadOnlySpan<byte> json, out int length)
        => TryMatchCompact(json, out length) || TryMatchGeneral(json, out length);

    /// <summary>
    /// The form LoadGen writes, <c>[12,0,345]</c> (non-negative, no spaces), checked with vectorized searches: the
    /// body holds only digits and commas, starts and ends with a digit, has no empty element (",,") and no number
    /// with a leading zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryMatchCompact(ReadOnlySpan<byte> json, out int length)
    {
        length = 0;
        if (json.Length < 2 || json[0] != (byte)'[')
        {
            return false;
        }

        var end = json[1..].IndexOfAnyExcept(DigitsAndComma);
        if (end < 0 || json[1 + end] != (byte)']')
        {
            return false;
        }

        var body = json.Slice(1, end);
        if (body.IsEmpty)
        {
            length = 2;
            return true;
        }

        if (!IsDigit(body[0]) || !IsDigit(body[^1]) || body.IndexOf(",,"u8) >= 0 || (body[0] == (byte)'0' && body.Length > 1 && IsDigit(body[1])))
        {
            return false;
        }

        // Every ",0" must be the number zero, not a leading zero.
        for (var at = body.IndexOf(",0"u8); at >= 0;)
        {
            if (at + 2 < body.Length && IsDigit(body[at + 2]))
            {
                return false;
            }

            var next = body[(at + 2)..].IndexOf(",0"u8);
            at = next < 0 ? -1 : at + 2 + next;
        }

        length = end + 2;
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryMatchGeneral(ReadOnlySpan<byte> json, out int length)
    {
        length = 0;
        var i = 1;
        if (json.Length < 2 || json[0] != (byte)'[')
        {
            return false;
        }

        i = SkipSpace(json, i);
        if (i < json.Length && json[i] == (byte)']')
        {
            length = i + 1;
            return true;
        }

        while (true)
        {
            if (i < json.Length && json[i] == (byte)'-')
            {
                i++;
            }

            var digits = i;
            while (i < json.Length && json[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            if (i == digits || (json[digits] == (byte)'0' && i - digits > 1))
            {
                return false;
            }

            i = SkipSpace(json, i);
            if (i >= json.Length)
            {
                return false;
            }

            if (json[i] == (byte)']')
            {
                length = i + 1;
                return true;
            }

            if (json[i] != (byte)',')
            {
                return false;
            }

            i = SkipSpace(json, i + 1);
        }
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
