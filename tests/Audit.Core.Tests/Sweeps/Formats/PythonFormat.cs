using System.Globalization;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>
/// How the frameworks print numbers (Python), so rewritten logs carry exactly the digits the real tools print:
/// NeMo 2's ProgressPrinter (<c>f"{val:.4}"</c>, integers for whole floats), NeMo 1's Lightning/tqdm progress bar
/// (<c>tqdm.format_num</c> = <c>.3g</c> or <c>str</c>, whichever is shorter, then padded to 5 characters), Megatron-LM
/// (<c>{:.1f}</c> ms, <c>{:.6E}</c> loss) and Python's <c>repr</c> (json.dumps, str).
/// </summary>
internal static class PythonFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Python's repr of a float (shortest round-trip; ".0" on whole numbers; e-05 exponents).</summary>
    public static string Repr(double v)
    {
        var r = v.ToString("R", C);
        if (r.Contains('E', StringComparison.Ordinal))
        {
            return Exponent(r.Replace("E", "e", StringComparison.Ordinal));
        }

        return r.Contains('.', StringComparison.Ordinal) ? r : r + ".0";
    }

    /// <summary>NeMo 2 ProgressPrinter: a whole float as an int, else <c>f"{v:.4}"</c>.</summary>
    public static string Nemo2(double v)
    {
        if (double.IsInteger(v))
        {
            return ((long)v).ToString(C);
        }

        var g = v.ToString("G4", C);
        return g.Contains('E', StringComparison.Ordinal) ? Exponent(g.Replace("E", "e", StringComparison.Ordinal))
            : g.Contains('.', StringComparison.Ordinal) ? g : g + ".0";
    }

    /// <summary>NeMo 1 progress bar: Lightning's Tqdm.format_num over tqdm.format_num (<c>.3g</c> vs <c>str</c>, then padding to 5).</summary>
    public static string Nemo1(double v)
    {
        var f = v.ToString("G3", C);
        f = f.Contains('E', StringComparison.Ordinal) ? Exponent(f.Replace("E", "e", StringComparison.Ordinal)) : f;
        f = f.Replace("e+0", "e+", StringComparison.Ordinal).Replace("e-0", "e-", StringComparison.Ordinal);
        var n = Repr(v);
        var s = f.Length < n.Length ? f : n;
        if (!s.Contains('e', StringComparison.Ordinal))
        {
            if (!s.Contains('.', StringComparison.Ordinal) && s.Length < 5)
            {
                s += ".";
            }

            s += new string('0', Math.Max(0, 5 - s.Length));
        }

        return s;
    }

    /// <summary>What a NeMo 1 progress bar shows of <paramref name="v"/>, as the number read back.</summary>
    public static double Nemo1Value(double v) => double.Parse(Nemo1(v), C);

    /// <summary>What NeMo 2 prints of <paramref name="v"/>, read back.</summary>
    public static double Nemo2Value(double v) => double.Parse(Nemo2(v), C);

    /// <summary><c>{:.1f}</c>.</summary>
    public static string F1(double v) => v.ToString("F1", C);

    /// <summary><c>{:.6E}</c>.</summary>
    public static string E6(double v) => v.ToString("0.000000E+00", C);

    /// <summary>Python writes at least two exponent digits: 1e-05, 2.56e+04.</summary>
    private static string Exponent(string s)
    {
        var e = s.IndexOf('e', StringComparison.Ordinal);
        var sign = s[e + 1] is '+' or '-' ? s[e + 1].ToString() : "+";
        var digits = s[(e + (s[e + 1] is '+' or '-' ? 2 : 1))..].TrimStart('0');
        return s[..e] + "e" + sign + digits.PadLeft(2, '0');
    }
}
