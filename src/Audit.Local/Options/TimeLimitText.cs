using System.Globalization;

namespace MlPerfAudit.Local.Options;

/// <summary>Reads <c>--time-limit</c>: seconds (<c>90</c>, <c>0.5</c>), a number with a unit (<c>500ms</c>, <c>90s</c>, <c>15m</c>, <c>2h</c>) or a
/// TimeSpan (<c>00:15:00</c>).</summary>
public static class TimeLimitText
{
    /// <summary>The time span, or null when the text is none of the forms above.</summary>
    public static TimeSpan? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) ? span : null;
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }

        var seconds = value * unit;
        return seconds > TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }
}
