using System.Text;
using MlPerfAudit.Core.Sweeps;

namespace MlPerfAudit.Core.Tests.Sweeps;

public sealed class NvidiaSmiCsvTests
{
    private const string Header = "timestamp, index, name, utilization.gpu [%], memory.used [MiB], clocks.current.sm [MHz], power.draw [W], "
        + "temperature.gpu\n";

    private static TelemetryFile Parse(string text, int offsetMinutes = 0)
        => NvidiaSmiCsv.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.csv", offsetMinutes, 4096);

    [Fact]
    public void Parse_WhenRealTelemetry_ReadsEveryRow()
    {
        using var stream = File.OpenRead(Path.Combine(SweepCorpus.Folder, "telemetry.csv"));

        var file = NvidiaSmiCsv.Parse(stream, "telemetry.csv", 0, 4096);

        Assert.Empty(file.Problems);
        Assert.Equal(167, file.Samples.Count);
        var first = file.Samples[0];
        Assert.Equal((2, 0, "NVIDIA H200", 0.0, 345.0, 76.73, 31.0, 143771.0),
            (first.Line, first.Gpu, first.Name, first.UtilizationPercent, first.SmClockMhz, first.PowerWatts, first.TemperatureC,
            first.MemoryTotalMiB));
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T00:00:37.310Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            first.TimeMs);
    }

    [Fact]
    public void Parse_WhenOffsetGiven_ShiftsTimeStampsToUtc()
    {
        var file = Parse(Header + "2026/11/22 01:00:00.000, 0, G, 1 %, 2 MiB, 3 MHz, 4 W, 5\n", -60);

        Assert.Equal(DateTimeOffset.Parse("2026-11-22T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            Assert.Single(file.Samples).TimeMs);
    }

    [Theory]
    [InlineData("2026/11/22 00:00:00.000, 0, G, 1 %, 2 MiB, 3 MHz, 4 W, 5", null)]
    [InlineData("2026/11/22 00:00:00.000, 0, G, 1, 2, 3, 4, 5", null)] // --format=csv,nounits
    [InlineData("2026/11/22 00:00:00.000, 0, G, [N/A], 2 MiB, [Not Supported], 4 W, 5", null)]
    [InlineData("2026/11/22 00:00:00.000, 0, G, 1 %, 2 MiB, 3 W, 4 W, 5", "unit")]
    [InlineData("2026/11/22 00:00:00.000, 0, G, 1 %, 2 MiB, 3 MHz, 4 W", "cells")]
    [InlineData("22/11/2026 00:00:00, 0, G, 1 %, 2 MiB, 3 MHz, 4 W, 5", "timestamp")]
    [InlineData("2026/11/22 00:00:00.000, 0, G, lots %, 2 MiB, 3 MHz, 4 W, 5", "not a number")]
    public void Parse_WhenRow_ReadsItOrReportsLineAndReason(string row, string? problem)
    {
        var file = Parse(Header + row + "\n");

        if (problem is null)
        {
            Assert.Empty(file.Problems);
            Assert.Single(file.Samples);
        }
        else
        {
            var p = Assert.Single(file.Problems);
            Assert.Equal(2, p.Line);
            Assert.Contains(problem, p.Reason, StringComparison.Ordinal);
            Assert.Empty(file.Samples);
        }
    }

    [Fact]
    public void FindLimits_WhenEnvironmentFile_ReadsMaxClockAndPowerLimit()
    {
        using var stream = File.OpenRead(Path.Combine(SweepCorpus.Folder, "environment.txt"));

        var limits = NvidiaSmiCsv.FindLimits(stream, 4096);

        Assert.Equal(new GpuLimits(5, "NVIDIA H200", 1980, 700, 143771), limits);
    }
}
