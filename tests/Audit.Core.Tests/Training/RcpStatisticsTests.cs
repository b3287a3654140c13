using System.Text.Json;
using MlPerfAudit.Core.Training.Rcp;
using MlPerfAudit.Core.Training.Rules;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>The embedded RCP statistics are exactly what the public RCP files in the shared corpus give.</summary>
public sealed class RcpStatisticsTests
{
    public static TheoryData<string, string> Tables()
    {
        var data = new TheoryData<string, string>();
        foreach (var id in TrainingRuleSet.Supported)
        {
            var rules = TrainingRuleSet.Get(id)!;
            foreach (var bench in rules.RcpFiles.Keys.Where(b => rules.Benchmarks.Values.Any(m => m.Name == b)))
            {
                data.Add(id, bench);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void For_MatchesStatisticsRecomputedFromThePublicRcpFile(string ruleSet, string benchmark)
    {
        var rules = TrainingRuleSet.Get(ruleSet)!;
        var meta = rules.Benchmarks.Values.First(b => b.Name == benchmark);
        var table = RcpTable.For(rules, meta)!;
        var source = RepoPaths.Corpus("training", "rcp_data", "mlperf_logging", "rcp_checker", $"training_{ruleSet}", $"rcps_{benchmark}.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(source));
        var rejected = benchmark == "unet3d" ? 4 : 1;
        var expected = document.RootElement.EnumerateObject()
            .Select(r =>
            {
                var values = r.Value.GetProperty(meta.RcpListKey).EnumerateArray().Select(v => v.GetDouble()).Order().ToArray();
                var kept = values[rejected..^rejected];
                var mean = kept.Average();
                var stdev = Math.Sqrt(values.Select(v => (v - values.Average()) * (v - values.Average())).Average());
                return (Bs: r.Value.GetProperty("BS").GetDouble(), Mean: mean, Stdev: stdev, Count: values.Length);
            })
            .OrderBy(p => p.Bs)
            .ToList();
        Assert.Equal(expected.Count, table.All.Count);
        foreach (var (point, want) in table.All.Zip(expected))
        {
            Assert.Equal(want.Bs, point.BatchSize);
            Assert.Equal(want.Count, point.Count);
            Assert.Equal(want.Mean, point.Mean, 1e-9 * Math.Max(1, want.Mean));
            Assert.Equal(want.Stdev, point.Stdev, 1e-9 * Math.Max(1, want.Stdev));
        }
    }
}
