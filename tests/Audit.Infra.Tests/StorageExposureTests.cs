namespace MlPerfAudit.Infra.Tests;

/// <summary>No account or container in the compiled template (modules included) is reachable anonymously or by key.</summary>
[Collection(SharedBuild.Name)]
public sealed class StorageExposureTests(CompiledTemplates compiled)
{
    private ArmTemplate Main => compiled.Template;

    [Fact]
    public void StorageAccounts_WhenCompiled_AllowNoSharedKeyNoPublicBlobsAndOnlyHttpsWithTls12()
    {
        var accounts = Main.AllResources().Where(r => r.Resource["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts").ToList();

        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a =>
        {
            var properties = a.Resource["properties"]!;
            Assert.Equal(false, a.Template.Value(properties["allowBlobPublicAccess"]));
            Assert.Equal(false, a.Template.Value(properties["allowSharedKeyAccess"]));
            Assert.Equal(true, a.Template.Value(properties["supportsHttpsTrafficOnly"]));
            Assert.Equal("TLS1_2", a.Template.Text(properties["minimumTlsVersion"]));
        });
    }

    [Fact]
    public void Containers_WhenCompiled_AreNeverPublic()
    {
        var containers = Main.AllResources()
            .Where(r => r.Resource["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.Template.Text(c.Resource["properties"]!["publicAccess"])));
    }

    [Fact]
    public void DataAccount_WhenCompiled_HoldsBundlesReportsBaselinesAndDeadLetters()
    {
        var names = (List<object?>)InfraModel.DataStorage(Main).Parameter("containerNames")!;

        Assert.Equal(["bundles", "reports", "baselines", "deadletter"], names.Select(ArmExpression.Render));
    }
}
