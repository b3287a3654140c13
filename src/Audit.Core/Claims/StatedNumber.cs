using System.Globalization;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// A claim's number as stated: its rounding (half a unit of the last non-zero digit, or the claim's precision) and its
/// qualifier ("about", "just over", "up to", ...). Every comparison of a stated number with a recomputed one goes
/// through here.
/// </summary>
internal sealed class StatedNumber(Claim claim)
{
    /// <summary>Relative slack on the rounding bound, so that a value exactly at the bound is inside it despite binary floating point.</summary>
    private const double BoundSlack = 1e-9;

    /// <summary>The stated value, in the claim's unit.</summary>
    public double Value => claim.Value;

    /// <summary>Half the rounding step of the stated value, in the claim's unit.</summary>
    public double HalfStep => HalfStepOf(claim.Value, claim.Precision);

    /// <summary>The number with its qualifier, as the messages quote it: "just over 7 minutes".</summary>
    public string Text
    {
        get
        {
            var q = claim.Qualifier switch
            {
                ClaimQualifier.Approximately => "approximately ",
                ClaimQualifier.JustOver => "just over ",
                ClaimQualifier.JustUnder => "just under ",
                ClaimQualifier.UpTo => "up to ",
                ClaimQualifier.MoreThan => "more than ",
                ClaimQualifier.LessThan => "less than ",
                _ => string.Empty,
            };
            return $"{q}{ClaimGate.Fmt(claim.Value)} {claim.Unit}";
        }
    }

    /// <summary>Half the rounding step of a stated number: 52000 gives 500, 7 gives 0.5, 1.28 gives 0.005.</summary>
    /// <param name="value">The stated number.</param>
    /// <param name="precision">The absolute rounding step, when the claim gives one.</param>
    internal static double HalfStepOf(double value, double? precision)
    {
        if (precision is { } p)
        {
            return p / 2;
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            return Math.Abs(value) * 5e-7;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            return Math.Pow(10, -(text.Length - dot - 1)) / 2;
        }

        var zeros = text.Length - text.TrimEnd('0').Length;
        return zeros == text.Length ? 0.5 : Math.Pow(10, zeros) / 2;
    }

    /// <summary>True when the stated value agrees with <paramref name="recomputed"/> under the qualifier and rounding.</summary>
    /// <param name="recomputed">The value recomputed from the evidence, in the claim's unit.</param>
    /// <param name="higherIsBetter">True for throughputs, false for times (decides what "up to" means).</param>
    public bool Agrees(double recomputed, bool higherIsBetter)
    {
        var s = claim.Value;
        var r = recomputed;
        var half = HalfStep * (1 + BoundSlack);
        return claim.Qualifier switch
        {
            ClaimQualifier.Exact => Math.Abs(s - r) <= half,
            ClaimQualifier.Approximately => Math.Abs(s - r) <= Math.Max(half, GateRules.ApproximateTolerance * Math.Abs(r)),
            ClaimQualifier.JustOver => r >= s && r - s <= Math.Max(half, GateRules.JustTolerance * s),
            ClaimQualifier.JustUnder => r <= s && s - r <= Math.Max(half, GateRules.JustTolerance * s),
            ClaimQualifier.UpTo => higherIsBetter ? s <= r + half : s >= r - half,
            ClaimQualifier.MoreThan => r > s,
            ClaimQualifier.LessThan => r < s,
            _ => false,
        };
    }

    /// <summary>True when the stated value makes the result look better than <paramref name="recomputed"/>.</summary>
    public bool Flatters(double recomputed, bool higherIsBetter) => higherIsBetter ? claim.Value > recomputed : claim.Value < recomputed;

    /// <summary>True when <paramref name="other"/> rounds to the stated value (the qualifier aside).</summary>
    public bool RoundsTo(double other) => Math.Abs(claim.Value - other) <= HalfStep * (1 + BoundSlack);

    /// <summary>
    /// The one tolerance for "is this the number the author had in mind": within the stated rounding or
    /// <see cref="GateRules.ApproximateTolerance"/> of <paramref name="other"/>, whichever is wider.
    /// </summary>
    public bool Near(double other) => Math.Abs(claim.Value - other) <= Math.Max(HalfStep, GateRules.ApproximateTolerance * Math.Abs(other));
}
