using System.Globalization;

namespace MlPerfAudit.Core.Inference.Power;

/// <summary>
/// The timestamps of power runs: <c>MM-DD-YYYY HH:MM:SS.f</c> with one to six fraction digits (month, day, hour,
/// minute and second may have one or two digits), as LoadGen logs power_begin/power_end and the power analyzer
/// writes spl.txt. Strict: no surrounding spaces, no time zone.
/// </summary>
internal static class PowerTimestamp
{
    private static readonly string[] Formats = ["M-d-yyyy H:m:s"];

    /// <summary>Parses <paramref name="text"/>; false when it is not a power timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        var dot = text.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var fraction = text[(dot + 1)..];
        if (fraction.Length is 0 or > 6)
        {
            return false;
        }

        var microseconds = 0;
        foreach (var c in fraction)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            microseconds = (microseconds * 10) + (c - '0');
        }

        for (var i = fraction.Length; i < 6; i++)
        {
            microseconds *= 10;
        }

        if (!DateTime.TryParseExact(text[..dot], Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var seconds))
        {
            return false;
        }

        value = seconds.AddTicks(microseconds * 10L);
        return true;
    }
}
