using System.Text.Json.Nodes;
using MlPerfAudit.Functions.Settings;

namespace MlPerfAudit.Infra.Tests;

/// <summary>The Flex Consumption site in the compiled template against the app's settings contract (AzureAppSettings).</summary>
[Collection(SharedBuild.Name)]
public sealed class FunctionAppTests(CompiledTemplates compiled)
{
    private ArmTemplate Main => compiled.Template;

    private JsonObject Site => Main.Single("Microsoft.Web/sites").Value;

    private Dictionary<string, string> Settings =>
        Site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => Main.Text(s!["value"]));

    public static TheoryData<string> Required => [.. AzureAppSettings.Required];

    public static TheoryData<string> Forbidden => [.. AzureAppSettings.ForbiddenOnFlex];

    [Theory]
    [MemberData(nameof(Required))]
    public void AppSettings_WhenCompiled_SetEveryRequiredSettingToAValue(string name)
    {
        Assert.True(Settings.TryGetValue(name, out var value), $"{name} is not set on the site");
        Assert.False(string.IsNullOrWhiteSpace(value), $"{name} is empty");
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void AppSettings_WhenCompiled_SetNothingFlexForbids(string name) => Assert.DoesNotContain(name, Settings.Keys);

    [Fact]
    public void AppSettings_WhenCompiled_NameEachSettingOnce()
    {
        var names = Site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();

        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), names.Count);
    }

    [Fact]
    public void AppSettings_WhenCompiled_ReachBothAccountsWithTheManagedIdentityOnly()
    {
        var settings = Settings;

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings[AzureAppSettings.StorageConnection + "__credential"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(AzureAppSettings.StorageConnection, settings.Keys);
        Assert.All(settings.Values, v => Assert.DoesNotContain("AccountKey=", v, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "host-storage", "blobEndpoint")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "host-storage", "queueEndpoint")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "host-storage", "tableEndpoint")]
    [InlineData("AuditStorage__blobServiceUri", "data-storage", "blobEndpoint")]
    [InlineData("AuditStorage__queueServiceUri", "data-storage", "queueEndpoint")]
    public void AppSettings_WhenCompiled_PointEachStorageUriAtItsAccount(string name, string deployment, string output)
    {
        var module = deployment == "data-storage" ? InfraModel.DataStorageSymbol(Main) : InfraModel.HostStorageSymbol(Main);

        Assert.Equal($"{Main.ReferenceText(module)}.outputs.{output}.value", Settings[name]);
    }

    [Theory]
    [InlineData("AUDIT_BUNDLES_CONTAINER", "bundles")]
    [InlineData("AUDIT_REPORTS_CONTAINER", "reports")]
    [InlineData("AUDIT_BASELINES_CONTAINER", "baselines")]
    public void AppSettings_WhenCompiled_NameContainersTheDataAccountCreates(string name, string container)
    {
        var created = (List<object?>)InfraModel.DataStorage(Main).Parameter("containerNames")!;

        Assert.Equal(container, Settings[name]);
        Assert.Contains(container, created);
    }

    [Fact]
    public void AppSettings_WhenCompiled_PinTheSignerToTheDeployedKeyVersion()
    {
        var settings = Settings;
        var (keySymbol, key) = Main.Single("Microsoft.KeyVault/vaults/keys");

        Assert.Equal("keyvault", settings["AUDIT_SIGNER"]);
        Assert.Equal(Main.Text(key["name"]).Split('/')[^1], settings["AUDIT_KEYVAULT_KEY"]);
        Assert.Equal($"⟨last(⟨split({Main.ReferenceText(keySymbol)}.keyUriWithVersion, /)⟩)⟩", settings["AUDIT_KEYVAULT_KEY_VERSION"]);
        Assert.Equal($"{InfraModel.Reference(Main, "Microsoft.KeyVault/vaults")}.vaultUri", settings["AUDIT_KEYVAULT_URI"]);
        Assert.Equal($"{InfraModel.Reference(Main, "Microsoft.EventGrid/topics")}.endpoint", settings["AUDIT_EVENTGRID_ENDPOINT"]);
    }

    [Fact]
    public void Site_WhenCompiled_RunsDotnetIsolated10OnFlexConsumptionWithItsOwnIdentity()
    {
        var plan = Main.Single("Microsoft.Web/serverfarms").Value;
        var config = Site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("functionapp,linux", Site["kind"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", Site["identity"]!["type"]!.GetValue<string>());
        Assert.Equal(true, Main.Value(Site["properties"]!["httpsOnly"]));
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("api", Main.Text(Assert.IsType<JsonObject>(Main.Value(Site["tags"]))["azd-service-name"]));
    }

    [Fact]
    public void Site_WhenCompiled_DeploysItsPackageFromAHostContainerWithItsIdentity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        var host = InfraModel.HostStorage(Main);
        var container = Assert.Single((List<object?>)host.Parameter("containerNames")!);

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("SystemAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal($"{Main.ReferenceText(InfraModel.HostStorageSymbol(Main))}.outputs.blobEndpoint.value{container}", Main.Text(storage["value"]));
    }
}
