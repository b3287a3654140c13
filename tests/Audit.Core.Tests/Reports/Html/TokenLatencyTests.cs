using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Reports.Html;

public sealed class TokenLatencyTests
{
    [Theory]
    [InlineData("llama2-70b-99", "Server", 2000, 200)]
    [InlineData("llama3.1-405b", "Server", 6000, 175)]
    public void Audit_WhenLlmServerResult_RecordsP99LatenciesFromTheDetailLogBesideTheLimits(string benchmark, string scenario, double ttftLimit,
        double tpotLimit)
    {
        var result = Assert.Single(ReportSamples.Azure.Results, r => r.Benchmark == benchmark && r.Scenario == scenario);
        var latency = Assert.IsType<MlPerfAudit.Core.Reports.TokenLatency>(result.Latency);
        var lines = File.ReadAllLines(RepoPaths.Corpus(["inference", "v5.1", "closed", "Azure", .. latency.File.Split('/')]));

        var (ttft, ttftLine) = Find(lines, "result_first_token_99.00_percentile_latency_ns");
        var (tpot, tpotLine) = Find(lines, "result_time_per_output_token_99.00_percentile_ns");

        Assert.Equal(ttft / 1e6, latency.TimeToFirstTokenP99Ms!.Value, 9);
        Assert.Equal(tpot / 1e6, latency.TimePerOutputTokenP99Ms!.Value, 9);
        Assert.Equal(ttftLine, latency.TimeToFirstTokenLine);
        Assert.Equal(tpotLine, latency.TimePerOutputTokenLine);
        Assert.Equal(ttftLimit, latency.TimeToFirstTokenLimitMs);
        Assert.Equal(tpotLimit, latency.TimePerOutputTokenLimitMs);
    }

    [Fact]
    public void Audit_WhenOfflineResult_HasNoLatency()
        => Assert.All(ReportSamples.Azure.Results.Where(r => r.Scenario == "Offline"), r => Assert.Null(r.Latency));

    private static (double Value, int Line) Find(string[] lines, string key)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Regex.Match(lines[i], $"\"key\": \"{Regex.Escape(key)}\", \"value\": ([0-9.eE+]+)");
            if (match.Success)
            {
                return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), i + 1);
            }
        }

        throw new InvalidOperationException(key + " not in the log");
    }
}
