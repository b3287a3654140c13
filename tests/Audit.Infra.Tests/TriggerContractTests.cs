using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using MlPerfAudit.Functions.Functions;
using MlPerfAudit.Functions.Settings;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// The Event Grid subscription in infra/ and the app's blob trigger must describe the same function: its name in the
/// webhook URL, the Event Grid source, the container its path names (through the app setting) and the connection.
/// </summary>
[Collection(SharedBuild.Name)]
public sealed class TriggerContractTests(CompiledTemplates compiled)
{
    private ArmTemplate Main => compiled.Template;

    private static (FunctionAttribute Function, BlobTriggerAttribute Trigger) AppTrigger()
    {
        var method = typeof(OnBundleUploaded).GetMethods().Single(m => m.GetCustomAttribute<FunctionAttribute>() is not null);
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<BlobTriggerAttribute>()).Single(a => a is not null)!;
        return (method.GetCustomAttribute<FunctionAttribute>()!, trigger);
    }

    private (ArmTemplate Module, JsonObject Properties) Subscription()
    {
        var key = Main.OfType("Microsoft.Resources/deployments").Single(d => Main.Text(d.Value["name"]) == "bundle-event-subscription").Key;
        var module = Main.Module(key);
        return (module, module.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions").Value["properties"]!.AsObject());
    }

    private Dictionary<string, string> SiteSettings =>
        Main.Single("Microsoft.Web/sites").Value["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => Main.Text(s!["value"]));

    [Fact]
    public void Webhook_WhenCompiled_NamesTheFunctionTheAppDeclaresWithTheEventGridSource()
    {
        var (function, trigger) = AppTrigger();
        var (module, properties) = Subscription();
        var url = module.Text(properties["destination"]!["properties"]!["endpointUrl"]);

        Assert.Equal(BlobTriggerSource.EventGrid, trigger.Source);
        Assert.Contains($"functionName=Host.Functions.{function.Name}&", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_WhenCompiled_IsTheContainerTheTriggerPathReadsFromTheSiteSettings()
    {
        var (_, trigger) = AppTrigger();
        var (module, properties) = Subscription();
        var setting = trigger.BlobPath.Split('/')[0].Trim('%');

        Assert.Equal("AUDIT_BUNDLES_CONTAINER", setting);
        Assert.Equal($"/blobServices/default/containers/{SiteSettings[setting]}/", module.Text(properties["filter"]!["subjectBeginsWith"]));
    }

    [Fact]
    public void Connection_WhenCompiled_IsTheTriggersConnectionReachedWithTheManagedIdentity()
    {
        var (_, trigger) = AppTrigger();

        Assert.Equal(AzureAppSettings.StorageConnection, trigger.Connection);
        Assert.Equal("managedidentity", SiteSettings[trigger.Connection + "__credential"]);
        Assert.False(string.IsNullOrWhiteSpace(SiteSettings[trigger.Connection + "__blobServiceUri"]));
        Assert.False(string.IsNullOrWhiteSpace(SiteSettings[trigger.Connection + "__queueServiceUri"]));
    }
}
