using System.Reflection;
using System.Text.Json;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Functions.Tests;

/// <summary>
/// The functions.metadata the Worker SDK generates into the app's build output (what the Functions host indexes) holds exactly
/// the five functions with the intended triggers, routes, methods and auth levels; docs/azure.md's table says the same; the
/// host.json beside it is the repository root's, an isolated app's.
/// </summary>
public sealed class FunctionMetadataContractTests
{
    /// <summary>One function as the contract states it: name, trigger, route (or blob path), methods, auth level.</summary>
    public sealed record FunctionRow(string Name, string Trigger, string Route, string Methods, string AuthLevel);

    private static readonly FunctionRow[] Expected =
    [
        new("GateClaims", "httpTrigger", "gate", "post", "Function"),
        new("GetKeys", "httpTrigger", "keys", "get", "Anonymous"),
        new("GetReport", "httpTrigger", "reports/{id}/{part?}", "get", "Anonymous"),
        new("ListReports", "httpTrigger", "reports", "get", "Function"),
        new("OnBundleUploaded", "blobTrigger", "%AUDIT_BUNDLES_CONTAINER%/{name}", "-", "-"),
    ];

    private static string OutputFolder
    {
        get
        {
            var configuration = typeof(FunctionMetadataContractTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            return Path.Combine(RepoPaths.Root, "functions", "Audit.Functions", "bin", configuration, "net10.0");
        }
    }

    private static List<JsonElement> Metadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OutputFolder, "functions.metadata")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static FunctionRow Row(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
        var type = trigger.GetProperty("type").GetString()!;
        return type == "httpTrigger"
            ? new FunctionRow(function.GetProperty("name").GetString()!, type, trigger.GetProperty("route").GetString()!,
                string.Join(',', trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())),
                    trigger.GetProperty("authLevel").GetString()!)
            : new FunctionRow(function.GetProperty("name").GetString()!, type, trigger.GetProperty("path").GetString()!, "-", "-");
    }

    [Fact]
    public void FunctionsMetadata_WhenBuilt_HoldsExactlyTheFiveFunctionsWithTheirTriggersRoutesAndAuthLevels()
        => Assert.Equal(Expected, Metadata().Select(Row).OrderBy(r => r.Name, StringComparer.Ordinal));

    [Fact]
    public void FunctionsMetadata_OnBundleUploaded_IsAnEventGridBlobTriggerOnTheDataStorageConnection()
    {
        var function = Assert.Single(Metadata(), f => f.GetProperty("name").GetString() == "OnBundleUploaded");
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal(("blobTrigger", "EventGrid", AzureAppSettings.StorageConnection),
            (trigger.GetProperty("type").GetString(), trigger.GetProperty("source").GetString(), trigger.GetProperty("connection").GetString()));
        Assert.Equal("True", trigger.GetProperty("properties").GetProperty("supportsDeferredBinding").GetString());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
    }

    [Fact]
    public void FunctionsMetadata_HttpFunctions_AnswerThroughTheirReturnValue()
    {
        foreach (var function in Metadata().Where(f => Row(f).Trigger == "httpTrigger"))
        {
            var output = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("direction").GetString() == "Out");
            Assert.Equal(("http", "$return"), (output.GetProperty("type").GetString(), output.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public void AzureDocs_FunctionsTable_MatchesTheGeneratedMetadata()
    {
        // Rows of the table in docs/azure.md: | `Name` | trigger | `route` | methods | auth level |
        var rows = File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "azure.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1].Select(c => c.Trim('`')).ToArray())
            .Where(c => c.Length == 5)
            .Select(c => new FunctionRow(c[0], c[1], c[2], c[3], c[4]))
            .OrderBy(r => r.Name, StringComparer.Ordinal);

        Assert.Equal(Metadata().Select(Row).OrderBy(r => r.Name, StringComparer.Ordinal), rows);
    }

    [Fact]
    public void HostJson_InTheBuildOutput_IsTheRepositoryRootsIsolatedWorkerHostJson()
    {
        var root = File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json"));
        Assert.Equal(root, File.ReadAllText(Path.Combine(OutputFolder, "host.json")));
        using var document = JsonDocument.Parse(root);
        Assert.Equal("2.0", document.RootElement.GetProperty("version").GetString());
        Assert.False(document.RootElement.TryGetProperty("customHandler", out _));
        Assert.Equal("api", document.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        using var worker = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OutputFolder, "worker.config.json")));
        Assert.Equal("Audit.Functions.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
    }
}
