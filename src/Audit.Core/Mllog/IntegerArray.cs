namespace MlPerfAudit.Core.Mllog;

/// <summary>
/// A scanner for JSON arrays of integers (<c>[12, 0, -3]</c>): the fast path that lets the MLLOG reader
/// check megabyte-long LoadGen arrays without tokenizing every element. It accepts only what is valid
/// JSON (no leading zeros, no trailing comma); anything else falls back to the full JSON reader.
/// </summary>
internal static class IntegerArray
{
    /// <summary>True when <paramref name="json"/> starts with an integer array; <paramref name="length"/> is its length in bytes.</summary>
    public static bool TryMatch(ReadOnlySpan<byte> json, out int length)
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
