using System.Text.Json.Nodes;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// Uploads in (the storage system topic's subscription feeding the Event Grid-source blob trigger) and reports out
/// (the ReportPublished custom topic), read from the compiled template with the module's parameters as main passes them.
/// </summary>
[Collection(SharedBuild.Name)]
public sealed class EventGridTests(CompiledTemplates compiled)
{
    private ArmTemplate Main => compiled.Template;

    private string SubscriptionModule =>
        Main.OfType("Microsoft.Resources/deployments").Single(d => Main.Text(d.Value["name"]) == "bundle-event-subscription").Key;

    private (ArmTemplate Module, JsonObject Properties) Subscription
    {
        get
        {
            var module = Main.Module(SubscriptionModule);
            return (module, module.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions").Value["properties"]!.AsObject());
        }
    }

    [Fact]
    public void Subscription_WhenCompiled_FiltersBlobCreatedInTheBundlesContainerUpToItsTrailingSlash()
    {
        var (module, properties) = Subscription;
        var filter = properties["filter"]!;

        Assert.Equal(["Microsoft.Storage.BlobCreated"], (List<object?>)module.Value(filter["includedEventTypes"])!);
        Assert.Equal("/blobServices/default/containers/bundles/", module.Text(filter["subjectBeginsWith"]));
        Assert.EndsWith("/", module.Text(filter["subjectBeginsWith"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_WhenCompiled_DeliversToTheBlobExtensionWebhookOfOnBundleUploaded()
    {
        var (module, properties) = Subscription;
        var destination = properties["destination"]!;
        var url = module.Text(destination["properties"]!["endpointUrl"]);

        Assert.Equal("WebHook", module.Text(destination["endpointType"]));
        Assert.StartsWith("https://", url, StringComparison.Ordinal);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.OnBundleUploaded&code=", url, StringComparison.Ordinal);
        Assert.EndsWith(".systemKeys.blobs_extension", url, StringComparison.Ordinal);
        Assert.Contains("/host/default", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_WhenCompiled_RetriesThenDeadLettersIntoTheDataAccountWithTheTopicIdentity()
    {
        var (module, properties) = Subscription;
        var deadLetter = properties["deadLetterWithResourceIdentity"]!;
        var topic = Main.Single("Microsoft.EventGrid/systemTopics").Value;

        Assert.Equal(30L, module.Value(properties["retryPolicy"]!["maxDeliveryAttempts"]));
        Assert.Equal(1440L, module.Value(properties["retryPolicy"]!["eventTimeToLiveInMinutes"]));
        Assert.Equal("SystemAssigned", module.Text(deadLetter["identity"]!["type"]));
        Assert.Equal("SystemAssigned", Main.Text(topic["identity"]!["type"]));
        Assert.Equal("deadletter", module.Text(deadLetter["deadLetterDestination"]!["properties"]!["blobContainerName"]));
        Assert.Equal($"{Main.ReferenceText(InfraModel.DataStorageSymbol(Main))}.outputs.id.value",
            module.Text(deadLetter["deadLetterDestination"]!["properties"]!["resourceId"]));
    }

    [Fact]
    public void Subscription_WhenFirstPass_IsLeftForTheSecondPassAfterTheCodeRuns()
    {
        var deployment = Main.Resources[SubscriptionModule];

        Assert.Equal("[parameters('createEventSubscription')]", deployment["condition"]!.GetValue<string>());
        Assert.Equal(false, Main.Parameter("createEventSubscription"));
    }

    [Fact]
    public void UploadTopic_WhenCompiled_IsTheSystemTopicOfTheDataAccount()
    {
        var properties = Main.Single("Microsoft.EventGrid/systemTopics").Value["properties"]!;

        Assert.Equal("Microsoft.Storage.StorageAccounts", Main.Text(properties["topicType"]));
        Assert.Equal($"{Main.ReferenceText(InfraModel.DataStorageSymbol(Main))}.outputs.id.value", Main.Text(properties["source"]));
    }

    [Fact]
    public void ReportTopic_WhenCompiled_AcceptsCloudEventsWithEntraIdOnly()
    {
        var properties = Main.Single("Microsoft.EventGrid/topics").Value["properties"]!;

        Assert.Equal("CloudEventSchemaV1_0", Main.Text(properties["inputSchema"]));
        Assert.Equal(true, Main.Value(properties["disableLocalAuth"]));
    }
}
