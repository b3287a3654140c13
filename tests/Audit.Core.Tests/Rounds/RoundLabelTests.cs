using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Rounds;

namespace MlPerfAudit.Core.Tests.Rounds;

/// <summary>One parser for round names, and the one number formatter's precisions.</summary>
public sealed class RoundLabelTests
{
    [Theory]
    [InlineData("v5.1", "5.1", "v5.1", "5.1.0")]
    [InlineData("V6.0", "6.0", "v6.0", "6.0.0")]
    [InlineData("5.1.0", "5.1", "v5.1", "5.1.0")]
    [InlineData("4.1", "4.1", "v4.1", "4.1.0")]
    [InlineData("6.0.1", "6.0", "v6.0", "6.0.1")]
    public void Parse_ReadsEverySuitesSpelling(string text, string number, string inference, string ruleSet)
    {
        var label = RoundLabel.Parse(text)!;
        Assert.Equal((number, inference, ruleSet), (label.Number, label.Inference, label.TrainingRuleSet));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("5")]
    [InlineData("5.")]
    [InlineData("5.1.0.0")]
    [InlineData(" 5.1")]
    [InlineData("training v5.1")]
    [InlineData("5.x")]
    [InlineData("999999.1")]
    public void Parse_WhenNotARoundName_IsNull(string? text) => Assert.Null(RoundLabel.Parse(text));

    [Theory]
    [InlineData("v5.1", "5.1")]
    [InlineData("5.1.0", "5.1.0")]
    [InlineData("vnext", "next")] // not a round: as written, without the v
    public void WithoutV_DropsTheV(string text, string expected) => Assert.Equal(expected, RoundLabel.WithoutV(text));

    [Theory]
    [InlineData("v5.1", "5.1.0")]
    [InlineData("5.1.0", "5.1.0")]
    [InlineData("6.0", "6.0.0")]
    [InlineData("v3.0", null)]
    [InlineData("5.1.1", null)]
    [InlineData("abc", null)]
    public void TrainingRuleSet_MapsARoundToItsRuleSet(string round, string? expected)
        => Assert.Equal(expected, SuiteDetector.TrainingRuleSet(round));

    [Theory]
    [InlineData(52061.6, "52061.6", "52061.6", "52061.6")]
    [InlineData(1234567.0, "1234567", "1.23457E+06", "1234570")]
    [InlineData(0.000123456789, "0.000123456789", "0.000123457", "0.000123457")]
    [InlineData(0.1 + 0.2, "0.30000000000000004", "0.3", "0.3")]
    [InlineData(-2.5, "-2.5", "-2.5", "-2.5")]
    public void NumberText_GivesEachPrecision(double value, string plain, string significant, string significantFixed)
        => Assert.Equal((plain, significant, significantFixed),
            (NumberText.Plain(value), NumberText.Significant(value), NumberText.SignificantFixed(value)));
}
