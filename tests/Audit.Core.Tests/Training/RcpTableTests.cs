using MlPerfAudit.Core.Training.Rcp;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Tests.Training;

public sealed class RcpTableTests
{
    [Fact]
    public void For_WhenLlama8bBatch32_MatchesReferenceStatistics()
    {
        var rules = TrainingRuleSet.Get("5.1.0")!;
        var table = RcpTable.For(rules, rules.Benchmarks["llama31_8b"])!;

        var point = Assert.Single(table.All, p => p.BatchSize == 32);
        Assert.Equal(178858.667, point.Mean, 3);
        Assert.Equal(7165.07, point.Stdev, 2);
        Assert.Equal(173649.765, point.MinEpochs, 2);
        Assert.Equal(1.0299966, point.MaxSpeedup, 6);
    }

    [Fact]
    public void For_WhenLoraPruned_KeepsIndexAfterDeletionAsTheChecker()
    {
        var rules = TrainingRuleSet.Get("4.1.0")!;
        var table = RcpTable.For(rules, rules.Benchmarks["llama2_70b_lora"])!;

        Assert.Equal([8.0, 16.0, 128.0], table.Pruned.Select(p => p.BatchSize));
        var interpolated = RcpTable.Interpolate(64, table.Pruned[1], table.Pruned[2], 10);
        Assert.Equal(7131.43, interpolated.Mean, 2);
    }

    [Theory]
    [InlineData("5.0.0", 1152, 322560)]
    [InlineData("5.1.0", 1152, 313344)]
    [InlineData("6.0.0", 2304, 368640)]
    public void For_When405b_TrimmedMeanMatchesSpec(string ruleSet, double batch, double mean)
    {
        var rules = TrainingRuleSet.Get(ruleSet)!;

        var point = Assert.Single(RcpTable.For(rules, rules.Benchmarks["llama31_405b"])!.All, p => p.BatchSize == batch);

        Assert.Equal(mean, point.Mean, 6);
    }

    [Theory]
    [InlineData(100.0, 2.0, 10, 12, 98.449006)] // t(0.95; 18) = 1.734064 (tables): 100 - 1.734064 x 2 x sqrt(1/10 + 1/10)
    [InlineData(50.0, 1.5, 5, 7, 48.235878)] // t(0.95; 8) = 1.859548: 50 - 1.859548 x 1.5 x sqrt(1/5 + 1/5)
    [InlineData(50.0, 0.0, 5, 7, 50.0)]
    public void MinAcceptableMean_IsTheMeanLessTheOneSidedFivePercentTQuantile(double mean, double stdev, int referenceCount, int runs,
        double expected)
    {
        Assert.Equal(expected, RcpTable.MinAcceptableMean(mean, stdev, referenceCount, runs), 3);
    }
}
