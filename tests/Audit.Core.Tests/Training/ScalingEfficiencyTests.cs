using MlPerfAudit.Core.Metrics;

namespace MlPerfAudit.Core.Tests.Training;

public sealed class ScalingEfficiencyTests
{
    [Fact]
    public void Weak_WhenPerAcceleratorBatchEqual_IsSmallOverLargeStepTime()
    {
        var e = ScalingEfficiency.Weak(new ScalingPoint("a", "llama31_405b", 512, 512, 1.0), new ScalingPoint("b", "llama31_405b", 1024, 1024, 1.25));

        Assert.Equal(0.8, e.Efficiency!.Value, 12);
    }

    [Fact]
    public void Weak_WhenPerAcceleratorBatchDiffers_IsRefused()
    {
        var e = ScalingEfficiency.Weak(new ScalingPoint("a", "llama31_405b", 5120, 1280, 1.0),
            new ScalingPoint("b", "llama31_405b", 8192, 1024, 1.3));

        Assert.Null(e.Efficiency);
        Assert.Contains("per-accelerator batch differs", e.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Strong_WhenGlobalBatchEqual_IsAcceleratorTimeRatio()
    {
        var e = ScalingEfficiency.Strong(new ScalingPoint("a", "llama31_8b", 8, 32, 100), new ScalingPoint("b", "llama31_8b", 72, 32, 12.5));

        Assert.Equal(8 * 100 / (72 * 12.5), e.Efficiency!.Value, 12);
    }

    [Fact]
    public void Strong_WhenGlobalBatchDiffers_IsRefused()
    {
        Assert.Null(ScalingEfficiency.Strong(new ScalingPoint("a", "x", 8, 32, 100), new ScalingPoint("b", "x", 72, 36, 12.5)).Efficiency);
    }

    [Fact]
    public void Weak_WhenBenchmarksDiffer_IsRefused()
    {
        Assert.Null(ScalingEfficiency.Weak(new ScalingPoint("a", "x", 8, 8, 1), new ScalingPoint("b", "y", 16, 16, 1)).Efficiency);
    }
}
