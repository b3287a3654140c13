using Microsoft.Extensions.Configuration;
using MlPerfAudit.Functions.Settings;

namespace MlPerfAudit.Functions.Tests;

/// <summary>Start-up: the port the host gives, and settings validated with every error at once.</summary>
public sealed class HandlerStartupTests
{
    [Theory]
    [InlineData("7001", null, 7001)]
    [InlineData(null, "7002", 7002)]
    [InlineData("7001", "7002", 7001)]
    [InlineData("65535", null, 65535)]
    [InlineData("1", null, 1)]
    public void Port_WhenHostSetsAVariable_PrefersCustomHandlerPort(string? customHandler, string? httpWorker, int expected)
    {
        var port = HandlerApp.Port(name => name == "FUNCTIONS_CUSTOMHANDLER_PORT" ? customHandler : httpWorker, out var error);
        Assert.Equal(expected, port);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("http")]
    [InlineData(null)]
    public void Port_WhenNotAPort_SaysWhich(string? value)
    {
        var port = HandlerApp.Port(name => name == "FUNCTIONS_CUSTOMHANDLER_PORT" ? value : null, out var error);
        Assert.Null(port);
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenEverythingIsWrong_ReportsEveryErrorAtOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AUDIT_STORAGE"] = "AccountName=devstoreaccount1",
            ["AUDIT_BUNDLES_CONTAINER"] = "Bundles",
            ["AUDIT_REPORTS_CONTAINER"] = "r",
            ["AUDIT_MAX_BUNDLE_BYTES"] = "lots",
            ["AUDIT_SIGNER"] = "keyvault",
        }).Build();

        AuditSettings.Read(configuration, out var errors);

        Assert.Equal(
            ["AUDIT_MAX_BUNDLE_BYTES", "AUDIT_STORAGE", "AUDIT_BUNDLES_CONTAINER", "AUDIT_REPORTS_CONTAINER", "AUDIT_EVENTGRID_ENDPOINT",
             "AUDIT_KEYVAULT_URI", "AUDIT_KEYVAULT_KEY", "AUDIT_KEYVAULT_KEY_VERSION"],
            errors.Select(e => e.Split(':')[0]));
    }

    [Fact]
    public void Read_WhenGateBaselinesAreListed_SplitsThemAndRejectsTheBundlesContainer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AUDIT_STORAGE"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["AUDIT_BASELINES_CONTAINER"] = "bundles",
            ["AUDIT_GATE_BASELINES"] = " inference/v5.1.json, ,training/v5.0.json ",
        }).Build();

        var settings = AuditSettings.Read(configuration, out var errors);

        Assert.Equal(["inference/v5.1.json", "training/v5.0.json"], settings.GateBaselines);
        Assert.Equal("AUDIT_BASELINES_CONTAINER", Assert.Single(errors).Split(':')[0]);
    }

    [Fact]
    public void Read_WhenPriorLogsAreListed_SplitsThemIntoBlobNames()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AUDIT_STORAGE"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["AUDIT_BASELINES_CONTAINER"] = "reference",
            ["AUDIT_PRIOR_LOGS"] = " prior-logs/v5.0.json, ,prior-logs/v5.1.json ",
        }).Build();

        var settings = AuditSettings.Read(configuration, out var errors);

        Assert.Empty(errors);
        Assert.Equal(["prior-logs/v5.0.json", "prior-logs/v5.1.json"], settings.PriorLogs);
    }

    [Theory]
    [InlineData(1023, false)]
    [InlineData(1024, true)]
    [InlineData(1025, true)]
    public void Validate_WhenMaxBundleBytesAtTheFloor_AcceptsFromOneKibibyte(long bytes, bool ok)
    {
        var settings = new AuditSettings { StorageConnectionString = "UseDevelopmentStorage=true", EventTopicEndpoint = new Uri("http://127.0.0.1:1/api/events"), MaxBundleBytes = bytes };
        Assert.Equal(ok, settings.Validate().Count == 0);
    }

    [Theory]
    [InlineData("0", false, 0)]
    [InlineData("1ms", true, 0.001)]
    [InlineData("15m", true, 900)]
    [InlineData("1.00:00:00", true, 86400)]
    [InlineData("86400.001", false, 0)]
    [InlineData("soon", false, 0)]
    public void Read_TimeLimit_AcceptsOneMillisecondToOneDay(string value, bool ok, double seconds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AUDIT_STORAGE"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["AUDIT_TIME_LIMIT"] = value,
        }).Build();

        var settings = AuditSettings.Read(configuration, out var errors);

        Assert.Equal(ok ? [] : ["AUDIT_TIME_LIMIT"], errors.Select(e => e.Split(':')[0]));
        if (ok)
        {
            Assert.Equal(seconds, settings.MaxAuditTime.TotalSeconds);
        }
    }

    [Fact]
    public void Read_WithoutTimeLimit_UsesTheFifteenMinuteDefault()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AUDIT_STORAGE"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
        }).Build();

        Assert.Equal(TimeSpan.FromMinutes(15), AuditSettings.Read(configuration, out _).MaxAuditTime);
    }
}
