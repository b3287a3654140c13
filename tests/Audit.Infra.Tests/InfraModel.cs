namespace MlPerfAudit.Infra.Tests;

/// <summary>The parts of the compiled main template the tests look up by role.</summary>
internal static class InfraModel
{
    /// <summary>The storage module deploying the data account (bundles, reports, baselines, dead letters).</summary>
    public static ArmTemplate DataStorage(ArmTemplate main) => main.Module(DataStorageSymbol(main));

    /// <summary>The storage module deploying the app's host and deployment-package account.</summary>
    public static ArmTemplate HostStorage(ArmTemplate main) => main.Module(HostStorageSymbol(main));

    public static string DataStorageSymbol(ArmTemplate main) => Deployment(main, "data-storage");

    public static string HostStorageSymbol(ArmTemplate main) => Deployment(main, "host-storage");

    /// <summary>modules/roles.bicep as main.bicep deploys it: every role assignment of the deployment.</summary>
    public static ArmTemplate Roles(ArmTemplate main) => main.Module(Deployment(main, "role-assignments"));

    /// <summary>The account name a storage module is given.</summary>
    public static string AccountName(ArmTemplate storageModule) => ArmExpression.Render(storageModule.Parameter("name"));

    /// <summary>The id of a container in the data account, as role assignments name their scope.</summary>
    public static ResourceRef DataContainer(ArmTemplate main, string container) =>
        new("Microsoft.Storage/storageAccounts/blobServices/containers", [AccountName(DataStorage(main)), "default", container]);

    /// <summary>The monitoring module (Log Analytics, Application Insights).</summary>
    public static ArmTemplate Monitoring(ArmTemplate main) => main.Module(Deployment(main, "monitoring"));

    /// <summary>The second-pass module: the Event Grid subscription feeding the blob trigger.</summary>
    public static ArmTemplate Subscription(ArmTemplate main) => main.Module(Deployment(main, "bundle-event-subscription"));

    /// <summary>How a reference to the single resource of a type reads in main's expressions.</summary>
    public static string Reference(ArmTemplate main, string type) => main.ReferenceText(main.Single(type).Key);

    private static string Deployment(ArmTemplate main, string name) => main.DeploymentNamed(name);
}
