using MlPerfAudit.Core.Claims;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>Each qualifier at, under and over its bounds: stated 100 with precision 1 (rounding +-0.5).</summary>
public sealed class StatedNumberTests
{
    private static StatedNumber Stated(ClaimQualifier qualifier, double value = 100, double? precision = 1)
        => new(new Claim("q", "t", ClaimQuantity.Throughput, value, "tokens/s", new ClaimEvidence([new EvidenceRef("b")]), qualifier,
            Precision: precision));

    [Theory]
    // "more than 100": strictly above.
    [InlineData(ClaimQualifier.MoreThan, 99.99, true, false)]
    [InlineData(ClaimQualifier.MoreThan, 100, true, false)]
    [InlineData(ClaimQualifier.MoreThan, 100.01, true, true)]
    [InlineData(ClaimQualifier.MoreThan, 100.01, false, true)]
    // "less than 100": strictly below.
    [InlineData(ClaimQualifier.LessThan, 99.99, false, true)]
    [InlineData(ClaimQualifier.LessThan, 100, false, false)]
    [InlineData(ClaimQualifier.LessThan, 100.01, false, false)]
    [InlineData(ClaimQualifier.LessThan, 99.99, true, true)]
    // "just under 100": 95..100 (5% of the stated number, wider than the rounding).
    [InlineData(ClaimQualifier.JustUnder, 94.99, true, false)]
    [InlineData(ClaimQualifier.JustUnder, 95, true, true)]
    [InlineData(ClaimQualifier.JustUnder, 99, true, true)]
    [InlineData(ClaimQualifier.JustUnder, 100, true, true)]
    [InlineData(ClaimQualifier.JustUnder, 100.01, true, false)]
    // "just over 100": 100..105.
    [InlineData(ClaimQualifier.JustOver, 99.99, true, false)]
    [InlineData(ClaimQualifier.JustOver, 100, true, true)]
    [InlineData(ClaimQualifier.JustOver, 105, true, true)]
    [InlineData(ClaimQualifier.JustOver, 105.01, true, false)]
    // "up to 100" of a throughput: the best evidence reaches 100 within the rounding (99.5 and up).
    [InlineData(ClaimQualifier.UpTo, 99.49, true, false)]
    [InlineData(ClaimQualifier.UpTo, 99.5, true, true)]
    [InlineData(ClaimQualifier.UpTo, 150, true, true)]
    // "up to 100" of a time: the evidence is at most 100 within the rounding (100.5 and down).
    [InlineData(ClaimQualifier.UpTo, 50, false, true)]
    [InlineData(ClaimQualifier.UpTo, 100.5, false, true)]
    [InlineData(ClaimQualifier.UpTo, 100.51, false, false)]
    // Exact and approximately, for completeness: +-0.5, and +-2.5% of the evidence.
    [InlineData(ClaimQualifier.Exact, 99.49, true, false)]
    [InlineData(ClaimQualifier.Exact, 100.5, true, true)]
    [InlineData(ClaimQualifier.Approximately, 97.6, true, true)]
    [InlineData(ClaimQualifier.Approximately, 97.5, true, false)]
    [InlineData(ClaimQualifier.Approximately, 102.5, true, true)]
    [InlineData(ClaimQualifier.Approximately, 102.6, true, false)]
    public void Agrees_WhenEvidenceIsAtUnderOrOverTheQualifiersBound_HoldsOnlyInside(ClaimQualifier qualifier, double evidence, bool higherIsBetter,
        bool agrees)
        => Assert.Equal(agrees, Stated(qualifier).Agrees(evidence, higherIsBetter));

    [Theory]
    [InlineData(ClaimQualifier.MoreThan, "more than 100 tokens/s")]
    [InlineData(ClaimQualifier.LessThan, "less than 100 tokens/s")]
    [InlineData(ClaimQualifier.JustUnder, "just under 100 tokens/s")]
    [InlineData(ClaimQualifier.UpTo, "up to 100 tokens/s")]
    [InlineData(ClaimQualifier.Exact, "100 tokens/s")]
    public void Text_QuotesTheQualifierWords(ClaimQualifier qualifier, string expected) => Assert.Equal(expected, Stated(qualifier).Text);

    [Theory]
    // 52,000 rounds to +-500, narrower than 2.5% of the other number: 50,732..53,333.
    [InlineData(52000, null, 50731, false)]
    [InlineData(52000, null, 50732, true)]
    [InlineData(52000, null, 53333, true)]
    [InlineData(52000, null, 53334, false)]
    // 100 with precision 10 rounds to +-5, wider than 2.5%: 95..105.
    [InlineData(100, 10.0, 94.9, false)]
    [InlineData(100, 10.0, 95, true)]
    [InlineData(100, 10.0, 105, true)]
    [InlineData(100, 10.0, 105.1, false)]
    public void Near_WhenOtherIsWithinRoundingOrApproximateTolerance_HoldsOnlyInside(double value, double? precision, double other, bool near)
        => Assert.Equal(near, Stated(ClaimQualifier.Exact, value, precision).Near(other));
}
