namespace MlPerfAudit.Infra.Tests;

/// <summary>The signing key's vault and the telemetry resources in the compiled template.</summary>
[Collection(SharedBuild.Name)]
public sealed class KeyVaultAndTelemetryTests(CompiledTemplates compiled)
{
    private ArmTemplate Main => compiled.Template;

    [Fact]
    public void Vault_WhenCompiled_UsesRbacWithSoftDeleteAndPurgeProtection()
    {
        var properties = Main.Single("Microsoft.KeyVault/vaults").Value["properties"]!;

        Assert.Equal(true, Main.Value(properties["enableRbacAuthorization"]));
        Assert.Equal(true, Main.Value(properties["enableSoftDelete"]));
        Assert.Equal(true, Main.Value(properties["enablePurgeProtection"]));
        Assert.Null(properties["accessPolicies"]);
    }

    [Fact]
    public void SigningKey_WhenCompiled_IsAnEcP256KeyForSignAndVerifyOnly()
    {
        var properties = Main.Single("Microsoft.KeyVault/vaults/keys").Value["properties"]!;

        Assert.Equal("EC", Main.Text(properties["kty"]));
        Assert.Equal("P-256", Main.Text(properties["curveName"]));
        Assert.Equal(["sign", "verify"], (List<object?>)Main.Value(properties["keyOps"])!);
    }

    [Fact]
    public void AppInsights_WhenCompiled_SendsToLogAnalyticsAndRefusesInstrumentationKeys()
    {
        var monitoring = InfraModel.Monitoring(Main);
        var workspace = monitoring.Single("Microsoft.OperationalInsights/workspaces").Value;
        var properties = monitoring.Single("Microsoft.Insights/components").Value["properties"]!;

        Assert.Equal(true, monitoring.Value(properties["DisableLocalAuth"]));
        Assert.Equal(new ResourceRef("Microsoft.OperationalInsights/workspaces", [monitoring.Text(workspace["name"])]),
            monitoring.Value(properties["WorkspaceResourceId"]));
    }
}
