using MlPerfAudit.Core.Reports.Html.Charts;

namespace MlPerfAudit.Core.Tests.Reports.Html;

public sealed class AxisScaleTests
{
    [Theory]
    [InlineData(13015.4, 15000, 5000)] // Azure llama2-70b-99 Offline tokens/s per GPU
    [InlineData(10000, 10000, 2000)] // exactly on a nice maximum
    [InlineData(10000.01, 12500, 2500)] // just over it
    [InlineData(9999.99, 10000, 2000)] // just under it
    [InlineData(146, 150, 50)]
    [InlineData(102, 125, 25)] // latency in % of the limit, just over 100 %
    [InlineData(7.0686, 8, 2)] // Azure v6.0 405B time to train, minutes
    [InlineData(0.37, 0.4, 0.1)]
    public void For_WhenLargestValueGiven_CoversItWithRoundTicks(double largest, double max, double step)
    {
        var scale = AxisScale.For(largest);

        Assert.Equal(max, scale.Max, 9);
        Assert.Equal(step, scale.Step, 9);
        Assert.True(scale.Max >= largest);
        Assert.InRange(scale.Ticks.Count - 1, 1, 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void For_WhenNothingPositiveToFit_GivesZeroToOne(double largest)
    {
        var scale = AxisScale.For(largest);

        Assert.Equal(1, scale.Max);
        Assert.Equal(0.5, scale.Position(0.5, 1));
    }

    [Theory]
    [InlineData(2500, 0)]
    [InlineData(2.5, 1)]
    [InlineData(0.25, 2)]
    [InlineData(0.1, 1)]
    public void Decimals_WhenStepGiven_PrintsEveryTickExactly(double step, int decimals)
        => Assert.Equal(decimals, new AxisScale(step * 4, step).Decimals);

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(50, 0.5)]
    [InlineData(100, 1)]
    [InlineData(150, 1)]
    public void Position_WhenValueOutsideTheAxis_ClampsToIt(double value, double expected)
        => Assert.Equal(expected, new AxisScale(100, 20).Position(value, 1));
}
