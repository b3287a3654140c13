using System.Globalization;

namespace MlPerfAudit.Core.Reports;

/// <summary>Number formatting shared by the renderings.</summary>
internal static class NumberText
{
    /// <summary>Shortest round-trip text of a double, invariant culture (52061.6, 13015.4).</summary>
    public static string Plain(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Python's <c>repr(float)</c>: integral values keep a ".0" (420659.0), as the official CSV writes them.</summary>
    public static string PythonRepr(double value)
    {
        if (double.IsFinite(value) && Math.Abs(value) < 1e16 && value == Math.Floor(value))
        {
            return value.ToString("F1", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Six significant digits, exponent when needed (1.23457E+06): scaling-efficiency messages.</summary>
    public static string Significant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="digits"/> significant digits, exponent when needed (.NET's "G" format; 1235 for 1234.5 at 4 digits):
    /// sweep recommendation messages.
    /// </summary>
    public static string Significant(double value, int digits)
        => value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Six significant digits without an exponent (1234570, 0.000123457): claim-gate messages.</summary>
    public static string SignificantFixed(double value)
        => double.Parse(Significant(value), CultureInfo.InvariantCulture).ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>
    /// A whole number with thousands separators (.NET's "N0": 1,234 for 1234.5, a tie rounded to even, where
    /// <see cref="Readable"/> with 0 decimals gives 1,235): sweep recommendation messages.
    /// </summary>
    public static string Grouped(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A value for people: thousands separators, at most <paramref name="decimals"/> decimals.</summary>
    public static string Readable(double value, int decimals = 1)
        => value.ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
}
