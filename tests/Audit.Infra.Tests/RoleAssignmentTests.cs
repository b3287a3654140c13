using System.Text.Json.Nodes;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// Least privilege, read from the compiled template: exactly the grants below, each at the narrowest scope that serves
/// it, none broader. Why each one (docs/deploy.md has the long form):
/// - Storage Blob Data Owner on the bundles container only: the Functions docs require Owner of a blob trigger's
///   connection (includes/functions-blob-permissions.md); the container scope keeps it off reports and baselines.
/// - Queue Data Contributor on the data account: the trigger's poison queue lives there, under a name the runtime picks.
/// - Blob Data Owner, Queue and Table Data Contributor on the host account: deployment package, host keys and locks,
///   the blob trigger's internal queue (the Event Grid webhook enqueues there), the table endpoint the host is given.
///   Storage Account Contributor, which the docs also list for AzureWebJobsStorage, is NOT granted: Microsoft's Event
///   Grid blob template runs without it, and it is a control-plane role (it can list the account keys).
/// - Key Vault Crypto User on the signing key itself (Key Vault RBAC accepts a key as scope), EventGrid Data Sender on
///   the ReportPublished topic, Monitoring Metrics Publisher on Application Insights.
/// - The upload system topic's identity: Blob Data Contributor on the dead-letter container only.
/// </summary>
[Collection(SharedBuild.Name)]
public sealed class RoleAssignmentTests(CompiledTemplates compiled)
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
    private const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private ArmTemplate Main => compiled.Template;

    /// <summary>modules/roles.bicep as main.bicep deploys it: its parameters bound to what main passes.</summary>
    private ArmTemplate Roles => InfraModel.Roles(Main);

    /// <summary>Roles that reach beyond data access (control plane, key listing, granting roles) and must never appear.</summary>
    public static TheoryData<string, string> BroadRoles => new()
    {
        { "Owner", "8e3af657-a8ff-443f-a75c-2fe8c4bcb635" },
        { "Contributor", "b24988ac-6180-42b6-8dd4-42a1f1b3f9ff" },
        { "User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9" },
        { "Role Based Access Control Administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168" },
        { "Storage Account Contributor", "17d1049b-9a84-46fb-8f53-869881c3d3ab" },
        { "Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483" },
        { "Key Vault Crypto Officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603" },
    };

    [Fact]
    public void RoleAssignments_WhenCompiled_GrantExactlyWhatTheAppAndTopicNeedAtTheNarrowestScope()
    {
        var app = Principal("Microsoft.Web/sites");
        var topic = Principal("Microsoft.EventGrid/systemTopics");
        var dataAccount = Account(InfraModel.DataStorage(Main));
        var hostAccount = Account(InfraModel.HostStorage(Main));
        var vault = Main.Text(Main.Single("Microsoft.KeyVault/vaults").Value["name"]);
        var key = Main.Text(Main.Single("Microsoft.KeyVault/vaults/keys").Value["name"]).Split('/')[^1];
        var reportTopic = Main.Text(Main.Single("Microsoft.EventGrid/topics").Value["name"]);
        var appInsights = ArmExpression.Render(InfraModel.Monitoring(Main).Parameter("appInsightsName"));
        var expected = new HashSet<Grant>
        {
            new(app, BlobDataOwner, InfraModel.DataContainer(Main, "bundles")),
            new(app, BlobDataContributor, InfraModel.DataContainer(Main, "reports")),
            new(app, BlobDataReader, InfraModel.DataContainer(Main, "baselines")),
            new(app, QueueDataContributor, dataAccount),
            new(app, BlobDataOwner, hostAccount),
            new(app, QueueDataContributor, hostAccount),
            new(app, TableDataContributor, hostAccount),
            new(app, KeyVaultCryptoUser, new("Microsoft.KeyVault/vaults/keys", [vault, key])),
            new(app, EventGridDataSender, new("Microsoft.EventGrid/topics", [reportTopic])),
            new(app, MonitoringMetricsPublisher, new("Microsoft.Insights/components", [appInsights])),
            new(topic, BlobDataContributor, InfraModel.DataContainer(Main, "deadletter")),
        };

        var actual = Assignments().Where(a => a.Value["condition"] is null).Select(a => ToGrant(a.Value)).ToList();

        Assert.Equal(actual.Count, actual.Distinct().Count());
        Assert.Equal(expected.OrderBy(g => g.ToString()), actual.OrderBy(g => g.ToString()));
    }

    [Fact]
    public void RoleAssignments_WhenUploaderGiven_GrantOnlyBlobWritesOnTheBundlesContainer()
    {
        var (_, conditional) = Assert.Single(Assignments(), a => a.Value["condition"] is not null);
        var grant = ToGrant(conditional);

        Assert.Equal("[not(empty(parameters('uploaderPrincipalId')))]", conditional["condition"]!.GetValue<string>());
        Assert.Equal(BlobDataContributor, grant.Role);
        Assert.Equal(InfraModel.DataContainer(Main, "bundles"), grant.Scope);
    }

    [Theory]
    [MemberData(nameof(BroadRoles))]
    public void RoleAssignments_WhenCompiled_NeverGrantABroadRole(string role, string id)
    {
        var granted = Main.AllResources().Where(r => r.Resource["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
            .Select(r => r.Template.Text(r.Resource["properties"]!["roleDefinitionId"]));

        Assert.All(granted, g => Assert.DoesNotContain(id, g, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(role);
    }

    [Fact]
    public void RoleAssignments_WhenCompiled_AreAllInTheRolesModuleScopedToAResourceForServicePrincipalsOrTheUploader()
    {
        var all = Main.AllResources().Where(r => r.Resource["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments").ToList();

        Assert.Equal(12, all.Count);
        Assert.Equal(all.Count, Assignments().Count());
        Assert.All(all, r => Assert.IsType<ResourceRef>(r.Template.Value(r.Resource["scope"])));
        Assert.All(all.Where(r => r.Resource["condition"] is null),
            r => Assert.Equal("ServicePrincipal", r.Template.Text(r.Resource["properties"]!["principalType"])));
    }

    private IEnumerable<KeyValuePair<string, JsonObject>> Assignments() => Roles.OfType("Microsoft.Authorization/roleAssignments");

    private string Principal(string type) => InfraModel.Reference(Main, type) + ".identity.principalId";

    private static ResourceRef Account(ArmTemplate storageModule) =>
        new("Microsoft.Storage/storageAccounts", [InfraModel.AccountName(storageModule)]);

    private Grant ToGrant(JsonObject assignment)
    {
        var roles = Roles;
        var properties = assignment["properties"]!;
        var role = Assert.IsType<ResourceRef>(roles.Value(properties["roleDefinitionId"]));
        Assert.Equal("Microsoft.Authorization/roleDefinitions", role.Type);
        return new Grant(roles.Text(properties["principalId"]), role.Name, Assert.IsType<ResourceRef>(roles.Value(assignment["scope"])));
    }

    private sealed record Grant(string Principal, string Role, ResourceRef Scope)
    {
        public override string ToString() => $"{Principal} {Role} {Scope}";
    }
}
