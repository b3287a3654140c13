using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>Break one thing in a real published result's performance log and check the exact finding.</summary>
public sealed class PerformanceRuleTests
{
    private const string AzureServer = Corpus.Azure + "/llama2-70b-99/Server";
    private const string AzureOffline = Corpus.Azure + "/llama2-70b-99/Offline";
    private const string NvidiaInteractive = "closed/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/Interactive";
    private const string Log = "/performance/run_1/mlperf_log_detail.txt";

    /// <summary>Summary lines that print a detail-log key; INF-CONS-002 compares them, so an edit changes both.</summary>
    private static readonly Dictionary<string, string> SummaryLines = new(StringComparer.Ordinal)
    {
        ["result_first_token_99.00_percentile_latency_ns"] = "99.00 percentile first token latency (ns)",
        ["result_time_per_output_token_99.00_percentile_ns"] = "99.00 percentile time to output token (ns)",
    };

    /// <summary>Breaks one key of a result's detail log (and its summary line, so only the rule under test fires) and audits the whole
    /// corpus.</summary>
    private static ResultReport Audit(string result, string key, string value)
    {
        using var bundle = Corpus.OpenV51().SetLogValue(result + Log, key, value);
        if (SummaryLines.TryGetValue(key, out var label))
        {
            bundle.SetSummaryValue(result + "/performance/run_1/mlperf_log_summary.txt", label, value);
        }

        return Corpus.Result(Corpus.Audit(bundle), result);
    }

    private static void AssertVerdict(ResultReport result, string? code, string? expectedCode)
    {
        if (expectedCode is null)
        {
            Assert.Equal(Verdict.Valid, result.Verdict);
            Assert.DoesNotContain(result.Findings, f => f.Code == code);
        }
        else
        {
            Assert.Equal(Verdict.Invalid, result.Verdict);
            var finding = Assert.Single(result.Findings, f => f.Code == expectedCode);
            Assert.Equal(result.Id + Log, finding.File);
            Assert.NotNull(finding.Line);
        }
    }

    // llama2-70b Server: TTFT p99 must be < 2000 ms, TPOT p99 < 200 ms (strict).
    [Theory]
    [InlineData("1999999999", null)]
    [InlineData("2000000000", "INF-LAT-001")]
    [InlineData("2000000001", "INF-LAT-001")]
    public void Audit_WhenServerTtftIsAroundLimit_FlagsAtAndOver(string ttftNs, string? expected)
        => AssertVerdict(Audit(AzureServer, "result_first_token_99.00_percentile_latency_ns", ttftNs), "INF-LAT-001", expected);

    [Theory]
    [InlineData("199999999", null)]
    [InlineData("200000000", "INF-LAT-002")]
    [InlineData("200000001", "INF-LAT-002")]
    public void Audit_WhenServerTpotIsAroundLimit_FlagsAtAndOver(string tpotNs, string? expected)
        => AssertVerdict(Audit(AzureServer, "result_time_per_output_token_99.00_percentile_ns", tpotNs), "INF-LAT-002", expected);

    // llama2-70b Interactive: TTFT < 450 ms, TPOT < 40 ms.
    [Theory]
    [InlineData("449999999", null)]
    [InlineData("450000000", "INF-LAT-001")]
    [InlineData("450000001", "INF-LAT-001")]
    public void Audit_WhenInteractiveTtftIsAroundLimit_FlagsAtAndOver(string ttftNs, string? expected)
        => AssertVerdict(Audit(NvidiaInteractive, "result_first_token_99.00_percentile_latency_ns", ttftNs), "INF-LAT-001", expected);

    [Theory]
    [InlineData("39999999", null)]
    [InlineData("40000000", "INF-LAT-002")]
    [InlineData("40000001", "INF-LAT-002")]
    public void Audit_WhenInteractiveTpotIsAroundLimit_FlagsAtAndOver(string tpotNs, string? expected)
        => AssertVerdict(Audit(NvidiaInteractive, "result_time_per_output_token_99.00_percentile_ns", tpotNs), "INF-LAT-002", expected);

    [Theory]
    [InlineData("599999", "INF-DUR-001")]
    [InlineData("600000", null)]
    [InlineData("600001", null)]
    public void Audit_WhenMinDurationIsAroundTenMinutes_FlagsShorterRuns(string ms, string? expected)
        => AssertVerdict(Audit(AzureServer, "effective_min_duration_ms", ms), "INF-DUR-001", expected);

    // Offline needs effective_min_query_count >= 1.
    [Theory]
    [InlineData("0", "INF-QRY-001")]
    [InlineData("1", null)]
    [InlineData("2", null)]
    public void Audit_WhenOfflineQueryCountIsAroundMinimum_FlagsTooFew(string count, string? expected)
        => AssertVerdict(Audit(AzureOffline, "effective_min_query_count", count), "INF-QRY-001", expected);

    [Theory]
    [InlineData("24575", "INF-SPQ-001")]
    [InlineData("24576", null)]
    [InlineData("24577", null)]
    public void Audit_WhenOfflineSamplesPerQueryIsAroundMinimum_FlagsTooFew(string samples, string? expected)
        => AssertVerdict(Audit(AzureOffline, "effective_samples_per_query", samples), "INF-SPQ-001", expected);

    [Theory]
    [InlineData("24575", "INF-PSC-001")]
    [InlineData("24576", null)]
    [InlineData("24577", null)]
    public void Audit_WhenPerformanceSampleCountIsAroundMinimum_FlagsTooFew(string count, string? expected)
        => AssertVerdict(Audit(AzureServer, "effective_performance_sample_count", count), "INF-PSC-001", expected);

    [Theory]
    [InlineData("effective_qsl_rng_seed", "1780908523862526355")]
    [InlineData("effective_sample_index_rng_seed", "14771362308971278856")]
    [InlineData("effective_schedule_rng_seed", "18209322760996052030")]
    [InlineData("effective_schedule_rng_seed", "9933818062894767841")]
    public void Audit_WhenSeedIsNotTheRoundsSeed_FlagsSeedMismatch(string key, string seed)
        => AssertVerdict(Audit(AzureServer, key, seed), "INF-SEED-001", "INF-SEED-001");

    [Fact]
    public void Audit_WhenLoadGenJudgedRunInvalid_FlagsResultInvalid()
        => AssertVerdict(Audit(AzureServer, "result_validity", "\"INVALID\""), "INF-LOG-004", "INF-LOG-004");

    [Fact]
    public void Audit_WhenTokenLatenciesAreOff_FlagsLlmRun()
        => AssertVerdict(Audit(AzureOffline, "requested_use_token_latencies", "false"), "INF-LAT-003", "INF-LAT-003");

    [Fact]
    public void Audit_WhenEqualIssueModeIsOff_FlagsEqualIssue()
        => AssertVerdict(Audit(AzureOffline, "effective_sample_concatenate_permutation", "false"), "INF-EQ-001", "INF-EQ-001");

    [Fact]
    public void Audit_WhenLoadGenLoggedErrors_FlagsErrors()
        => AssertVerdict(Audit(AzureServer, "num_errors", "2"), "INF-LOG-003", "INF-LOG-003");

    [Fact]
    public void Audit_WhenScenarioDiffersFromFolder_FlagsMismatch()
        => AssertVerdict(Audit(AzureServer, "effective_scenario", "\"Offline\""), "INF-SCN-004", "INF-SCN-004");

    [Fact]
    public void Audit_WhenSeedHasWrongType_FlagsWrongTypeWithLine()
        => AssertVerdict(Audit(AzureServer, "effective_qsl_rng_seed", "\"1780908523862526354\""), "INF-LOG-005", "INF-LOG-005");

    [Fact]
    public void Audit_WhenEarlyStoppingNotMet_WarnsButKeepsResultValid()
    {
        var result = Audit(AzureServer, "early_stopping_met", "false");
        Assert.Equal(Verdict.Valid, result.Verdict);
        var warning = Assert.Single(result.Findings, f => f.Code == "INF-ES-001");
        Assert.Equal(MlPerfAudit.Core.Findings.Severity.Warning, warning.Severity);
    }

    [Fact]
    public void Audit_WhenHeadlineKeyIsMissing_FlagsHeadlineAndHasNoMetric()
    {
        using var bundle = Corpus.OpenV51()
            .Edit(AzureOffline + Log,
            text => text.Replace("\"key\": \"result_tokens_per_second\"", "\"key\": \"result_tokens_per_second_renamed\"", StringComparison.Ordinal));
        var result = Corpus.Result(Corpus.Audit(bundle), AzureOffline);
        Assert.Equal(Verdict.Invalid, result.Verdict);
        Assert.Contains(result.Findings, f => f.Code == "INF-HDR-001");
        Assert.Null(result.Metric);
        Assert.Null(result.Derived.PerAccelerator);
    }

    [Fact]
    public void Audit_WhenAnMllogLineIsBrokenJson_FlagsThatLine()
    {
        using var bundle = Corpus.OpenV51().Edit(AzureOffline + Log, text =>
        {
            var lines = text.Split('\n');
            lines[4] = lines[4][..40];
            return string.Join('\n', lines);
        });
        var result = Corpus.Result(Corpus.Audit(bundle), AzureOffline);
        var finding = Assert.Single(result.Findings, f => f.Code == "INF-LOG-001");
        Assert.Equal(5, finding.Line);
        Assert.Equal(Verdict.Invalid, result.Verdict);
    }
}
