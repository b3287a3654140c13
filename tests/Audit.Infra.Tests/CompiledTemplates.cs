using System.Text.Json.Nodes;

namespace MlPerfAudit.Infra.Tests;

/// <summary>infra/main.bicep compiled once per test run by the real Bicep CLI; the tests read its ARM JSON.</summary>
public sealed class CompiledTemplates : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mlperf-audit-infra-" + Guid.NewGuid().ToString("N"));

    public CompiledTemplates()
    {
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, "main.json");
        Build = BicepCli.Run("build", InfraPaths.MainBicep, "--outfile", output);
        Main = Build.ExitCode == 0 && File.Exists(output)
            ? new ArmTemplate(JsonNode.Parse(File.ReadAllText(output))!.AsObject())
            : null;
    }

    /// <summary>The <c>bicep build</c> run.</summary>
    internal CliResult Build { get; }

    /// <summary>The compiled main template; the build's output is shown when it did not compile.</summary>
    internal ArmTemplate Template => Main ?? throw new InvalidOperationException("infra/main.bicep did not compile:\n" + Build.Stderr);

    private ArmTemplate? Main { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Tests that read the compiled template share one build.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBuild : ICollectionFixture<CompiledTemplates>
{
    public const string Name = "compiled infra/main.bicep";
}

/// <summary>Where the deployment files live in the repository.</summary>
internal static class InfraPaths
{
    public static string Infra => Path.Combine(RepoPaths.Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    /// <summary>The module the postdeploy hook deploys on its own (and main.bicep on its second pass).</summary>
    public static string SubscriptionBicep => Path.Combine(Infra, "modules", "blob-event-subscription.bicep");

    public static string AzureYaml => Path.Combine(RepoPaths.Root, "azure.yaml");
}
