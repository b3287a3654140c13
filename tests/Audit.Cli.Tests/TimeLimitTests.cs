using System.Text.Json;
using MlPerfAudit.Cli.Commands;
using MlPerfAudit.Local.Options;
using MlPerfAudit.Tests.Shared;
using NodaTime;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// <c>check --time-limit</c>: a validated option (1 ms to 1 day). When it runs out, every result not judged is invalid
/// with BUN-LIM-002, the report names the limit hit and is still complete and signed, and the exit code is 1.
/// </summary>
public sealed class TimeLimitTests
{
    private static readonly string Azure = Path.Combine(RepoPaths.InferenceV51, "closed", "Azure");

    public static TheoryData<string, double?> Texts() => new()
    {
        { "90", 90 },
        { "0.5", 0.5 },
        { "500ms", 0.5 },
        { "90s", 90 },
        { "15m", 900 },
        { "2h", 7200 },
        { "00:15:00", 900 },
        { "1.00:00:00", 86400 },
        { "abc", null },
        { "-1", null },
        { "1e3", null },
        { "15 minutes", null },
        { "25:00:00", null },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Parse_ReadsSecondsUnitsAndTimeSpans(string text, double? seconds)
        => Assert.Equal(seconds, TimeLimitText.Parse(text)?.TotalSeconds);

    /// <summary>At, under and over both ends of the allowed range.</summary>
    public static TheoryData<string, bool> Limits() => new()
    {
        { "0", false },
        { "0.0009", false },
        { "1ms", true },
        { "24h", true },
        { "86400.001", false },
        { "not-a-time", false },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Check_TimeLimitOutsideOneMillisecondToOneDay_IsBadUsage(string limit, bool accepted)
    {
        var output = CliHarness.TempFolder();
        var run = CliHarness.Run("check", Azure, "--out", output, "--no-sign", "--round", "v5.1", "--time-limit", limit);
        if (accepted)
        {
            // 1 ms on the real clock may run out (exit 1) or not (exit 0); either way the audit ran and wrote its report.
            Assert.InRange(run.Exit, 0, 1);
            Assert.True(File.Exists(Path.Combine(output, "report.json")));
        }
        else
        {
            Assert.Equal(64, run.Exit);
            Assert.Contains("--time-limit", run.Err, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "report.json")));
        }
    }

    [Fact]
    public async Task Check_WhenTheTimeLimitRunsOut_WritesACompleteSignedReportAndExitsOne()
    {
        var output = CliHarness.TempFolder();
        var keys = CliHarness.TempFolder();
        Directory.Delete(keys); // created by the key store itself, with owner-only permissions
        // One stepping second per result: a 2 s limit judges two of Azure's four results.
        using var report = await CheckWithTwoSecondLimit(new CheckRequest(Azure, "v5.1", output, "text", null, Sign: true, KeyDirectory: keys));

        var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        var notJudged = results.Where(NotJudged).ToList();
        Assert.Equal(2, notJudged.Count);
        Assert.All(notJudged, r => Assert.Equal("invalid", r.GetProperty("verdict").GetString()));
        var limits = report.RootElement.GetProperty("limits");
        Assert.Equal(2, limits.GetProperty("maxAuditSeconds").GetDouble());
        Assert.Equal(["MaxAuditTime"], limits.GetProperty("hit").EnumerateArray().Select(h => h.GetString()));

        var pem = Path.Combine(output, "key.pem");
        File.WriteAllText(pem, CliHarness.Run("keys", "export", "--key-dir", keys).Out);
        var verify = CliHarness.Run("verify", Path.Combine(output, "report.dsse.json"), "--key", pem, "--report", Path.Combine(output, "report.json"),
            "--bundle", Azure);
        Assert.Equal(0, verify.Exit);
    }

    [Fact]
    public async Task Check_SweepWhenTheTimeLimitRunsOut_ReportsTheConfigurationsNotReachedAndExitsOne()
    {
        // One stepping second per configuration: a 2 s limit judges two of the real sweep's five.
        using var report = await CheckWithTwoSecondLimit(
            new CheckRequest(RepoPaths.Corpus("sweeps", "h200-llama-0.9b-mbs"), null, CliHarness.TempFolder(), "text", null));

        var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        Assert.Equal(3, results.Count(NotJudged));
        Assert.Equal(["MaxAuditTime"], report.RootElement.GetProperty("limits").GetProperty("hit").EnumerateArray().Select(h => h.GetString()));
    }

    /// <summary>Runs <c>check</c> with <c>--time-limit 2s</c> on a clock stepping one second per read; asserts exit 1 and returns
    /// report.json.</summary>
    private static async Task<JsonDocument> CheckWithTwoSecondLimit(CheckRequest request)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CheckCommand.RunAsync(request with { TimeLimit = "2s", AuditClock = new SteppingClock() }, stdout, stderr);
        Assert.True(exit == 1, stderr.ToString());
        return JsonDocument.Parse(File.ReadAllBytes(Path.Combine(request.OutputFolder, "report.json")));
    }

    private static bool NotJudged(JsonElement result)
        => result.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("code").GetString() == "BUN-LIM-002");

    /// <summary>
    /// <c>index --time-limit</c>: an index must hold every detail log the bundle has, so when the limit runs out before
    /// every result was read nothing is written and the command exits 1. One stepping second per result, Azure's 4 results.
    /// </summary>
    [Theory]
    [InlineData("3s", 1)] // under: the fourth result is not read
    [InlineData("4s", 0)] // at: the fourth result is checked at 4 s, not past the limit
    [InlineData("5s", 0)] // over
    public void Index_WhenTheTimeLimitRunsOutBeforeEveryResult_WritesNoIndexAndExitsOne(string limit, int expected)
    {
        var path = Path.Combine(CliHarness.TempFolder(), "prior-logs.json");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = IndexCommand.Run([Azure], path, "v5.1", stdout, stderr, limit, new SteppingClock());

        Assert.True(exit == expected, stderr.ToString());
        Assert.Equal(expected == 0, File.Exists(path));
        if (expected != 0)
        {
            Assert.Contains("no index was written (raise --time-limit)", stderr.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2d")]
    [InlineData("soon")]
    public void Index_TimeLimitThatIsNotATimeOrOutOfRange_IsBadUsage(string limit)
    {
        var path = Path.Combine(CliHarness.TempFolder(), "prior-logs.json");
        var run = CliHarness.Run("index", Azure, "--out", path, "--time-limit", limit);

        Assert.Equal(64, run.Exit);
        Assert.Contains("--time-limit", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>Moves one second forward at every read.</summary>
    private sealed class SteppingClock : IClock
    {
        private long _reads = -1;

        public Instant GetCurrentInstant() => Instant.FromUnixTimeSeconds(1_800_000_000) + Duration.FromSeconds(Interlocked.Increment(ref _reads));
    }
}
