using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MlPerfAudit.Functions.Settings;

namespace MlPerfAudit.Functions.Tests;

/// <summary>Start-up settings: read from the names the host passes, validated with every error at once.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>What an Azure deployment sets (infra/ sets exactly <see cref="AzureAppSettings.Required"/>), as environment names.</summary>
    private static Dictionary<string, string?> AzureDeployment() => new()
    {
        ["AzureWebJobsStorage__blobServiceUri"] = "https://hoststore.blob.core.windows.net",
        ["AzureWebJobsStorage__queueServiceUri"] = "https://hoststore.queue.core.windows.net",
        ["AzureWebJobsStorage__tableServiceUri"] = "https://hoststore.table.core.windows.net",
        ["AzureWebJobsStorage__credential"] = "managedidentity",
        ["AuditStorage__blobServiceUri"] = "https://auditdata.blob.core.windows.net",
        ["AuditStorage__queueServiceUri"] = "https://auditdata.queue.core.windows.net",
        ["AuditStorage__credential"] = "managedidentity",
        ["AUDIT_BUNDLES_CONTAINER"] = "uploads",
        ["AUDIT_REPORTS_CONTAINER"] = "signed",
        ["AUDIT_BASELINES_CONTAINER"] = "tables",
        ["AUDIT_EVENTGRID_ENDPOINT"] = "https://reports.westeurope-1.eventgrid.azure.net/api/events",
        ["AUDIT_SIGNER"] = "keyvault",
        ["AUDIT_KEYVAULT_URI"] = "https://auditkv.vault.azure.net/",
        ["AUDIT_KEYVAULT_KEY"] = "report-signing",
        ["AUDIT_KEYVAULT_KEY_VERSION"] = "0123456789abcdef0123456789abcdef",
        ["AUDIT_TIME_LIMIT"] = "10m",
        ["AUDIT_MAX_BUNDLE_BYTES"] = "1073741824",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=AAD",
    };

    /// <summary>Environment variables arrive in configuration with <c>__</c> turned into <c>:</c>.</summary>
    private static IConfiguration AsEnvironment(Dictionary<string, string?> values)
        => Config(values.ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value));

    [Fact]
    public void Read_WhenAzureDeploymentSettingsAreSet_UsesIdentityStorageKeyVaultAndEntraTelemetry()
    {
        var values = AzureDeployment();
        Assert.Equal(AzureAppSettings.Required.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));

        var settings = AuditSettings.Read(AsEnvironment(values), out var errors);

        Assert.Empty(errors);
        Assert.Null(settings.StorageConnectionString);
        Assert.Equal(new Uri("https://auditdata.blob.core.windows.net"), settings.StorageBlobUri);
        Assert.Equal("managedidentity", settings.StorageCredential);
        Assert.Equal(("uploads", "signed", "tables"), (settings.BundlesContainer, settings.ReportsContainer, settings.BaselinesContainer));
        Assert.Equal(("keyvault", "report-signing"), (settings.Signer, settings.KeyVaultKeyName));
        Assert.Equal(TimeSpan.FromMinutes(10), settings.MaxAuditTime);
        Assert.Equal(string.Empty, settings.AppInsightsAadClientId);
        Assert.StartsWith("InstrumentationKey=", settings.AppInsightsConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryRequiredNameNotReadByTheHost_ChangesTheSettingsWhenLeftOut()
    {
        var full = JsonSerializer.Serialize(AuditSettings.Read(AsEnvironment(AzureDeployment()), out _));
        foreach (var name in AzureAppSettings.Required.Except(AzureAppSettings.ReadByHost))
        {
            var values = AzureDeployment();
            values.Remove(name);

            var without = AuditSettings.Read(AsEnvironment(values), out var errors);

            Assert.True(errors.Count > 0 || JsonSerializer.Serialize(without) != full,
                $"{name} is in AzureAppSettings.Required but the app does not read it");
        }
    }

    [Fact]
    public void Read_WhenEverythingIsWrong_ReportsEveryErrorAtOnce()
    {
        AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = "not a connection string",
            ["AUDIT_BUNDLES_CONTAINER"] = "Bundles",
            ["AUDIT_REPORTS_CONTAINER"] = "r",
            ["AUDIT_MAX_BUNDLE_BYTES"] = "lots",
            ["AUDIT_SIGNER"] = "keyvault",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=Key",
        }), out var errors);

        Assert.Equal(
            ["AUDIT_MAX_BUNDLE_BYTES", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AuditStorage", "AUDIT_BUNDLES_CONTAINER",
                "AUDIT_REPORTS_CONTAINER",
             "AUDIT_EVENTGRID_ENDPOINT", "AUDIT_KEYVAULT_URI", "AUDIT_KEYVAULT_KEY", "AUDIT_KEYVAULT_KEY_VERSION"],
            errors.Select(e => e.Split(':')[0]));
    }

    [Theory]
    [InlineData(null, null, "AuditStorage")]
    [InlineData(null, "http://data.example.net", "AuditStorage__blobServiceUri")]
    [InlineData(null, "https://data.blob.core.windows.net", null)]
    [InlineData("UseDevelopmentStorage=true", null, null)]
    public void Read_StorageConnection_NeedsAConnectionStringOrAnHttpsBlobEndpoint(string? connection, string? blobUri, string? error)
    {
        AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = connection,
            ["AuditStorage:blobServiceUri"] = blobUri,
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
        }), out var errors);

        Assert.Equal(error is null ? [] : [error], errors.Select(e => e.Split(':')[0]));
    }

    [Theory]
    [InlineData("Authorization=AAD", "")]
    [InlineData("Authorization=AAD;ClientId=1234", "1234")]
    [InlineData("ClientId=1234", null)]
    [InlineData("Authorization=AAD;Secret=x", null)]
    public void Read_AppInsightsAuthentication_AcceptsEntraWithAnOptionalClientId(string value, string? clientId)
    {
        var settings = AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = value,
        }), out var errors);

        Assert.Equal(clientId, settings.AppInsightsAadClientId);
        Assert.Equal(clientId is null ? ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] : [], errors.Select(e => e.Split(':')[0]));
    }

    [Fact]
    public void Read_WhenGateBaselinesAreListed_SplitsThemAndRejectsTheBundlesContainer()
    {
        var settings = AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["AUDIT_BASELINES_CONTAINER"] = "bundles",
            ["AUDIT_GATE_BASELINES"] = " inference/v5.1.json, ,training/v5.0.json ",
        }), out var errors);

        Assert.Equal(["inference/v5.1.json", "training/v5.0.json"], settings.GateBaselines);
        Assert.Equal("AUDIT_BASELINES_CONTAINER", Assert.Single(errors).Split(':')[0]);
    }

    [Fact]
    public void Read_WhenPriorLogsAreListed_SplitsThemIntoBlobNames()
    {
        var settings = AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["AUDIT_BASELINES_CONTAINER"] = "reference",
            ["AUDIT_PRIOR_LOGS"] = " prior-logs/v5.0.json, ,prior-logs/v5.1.json ",
        }), out var errors);

        Assert.Empty(errors);
        Assert.Equal(["prior-logs/v5.0.json", "prior-logs/v5.1.json"], settings.PriorLogs);
    }

    [Theory]
    [InlineData(1023, false)]
    [InlineData(1024, true)]
    [InlineData(1025, true)]
    public void Validate_WhenMaxBundleBytesAtTheFloor_AcceptsFromOneKibibyte(long bytes, bool ok)
    {
        var settings = new AuditSettings { StorageConnectionString = "UseDevelopmentStorage=true",
            EventTopicEndpoint = new Uri("http://127.0.0.1:1/api/events"), MaxBundleBytes = bytes };
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
        var settings = AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
            ["AUDIT_TIME_LIMIT"] = value,
        }), out var errors);

        Assert.Equal(ok ? [] : ["AUDIT_TIME_LIMIT"], errors.Select(e => e.Split(':')[0]));
        if (ok)
        {
            Assert.Equal(seconds, settings.MaxAuditTime.TotalSeconds);
        }
    }

    [Fact]
    public void Read_WithoutTimeLimit_UsesTheFifteenMinuteDefault()
    {
        var settings = AuditSettings.Read(Config(new()
        {
            ["AuditStorage"] = "UseDevelopmentStorage=true",
            ["AUDIT_EVENTGRID_ENDPOINT"] = "http://127.0.0.1:9/api/events",
        }), out _);

        Assert.Equal(TimeSpan.FromMinutes(15), settings.MaxAuditTime);
    }
}
