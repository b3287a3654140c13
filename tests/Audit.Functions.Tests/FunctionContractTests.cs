using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using MlPerfAudit.Functions.Contract;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Tests.Signing;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Functions.Tests;

/// <summary>Every functions/&lt;Name&gt;/function.json agrees with the routes and binding names the handler serves, and host.json starts the handler.</summary>
public sealed class FunctionContractTests
{
    private static string FunctionsRoot => Path.Combine(RepoPaths.Root, "functions");

    public static TheoryData<string> FunctionFolders() => [.. FolderNames()];

    [Fact]
    public void FunctionFolders_WhenListed_AreExactlyTheFunctionsTheHandlerServes()
        => Assert.Equal(FunctionContract.All.Select(f => f.Name).Order(StringComparer.Ordinal), FolderNames());

    private static List<string> FolderNames()
        => [.. Directory.EnumerateDirectories(FunctionsRoot).Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FunctionFolders))]
    public void FunctionJson_WhenRead_MatchesTheHandlersBindings(string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FunctionsRoot, function, "function.json")));
        var expected = Assert.Single(FunctionContract.All, f => f.Name == function);
        var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().ToList();
        var trigger = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "in");
        Assert.Equal(expected.TriggerType, trigger.GetProperty("type").GetString());
        Assert.Equal(expected.TriggerName, trigger.GetProperty("name").GetString());
        var outputs = bindings.Where(b => b.GetProperty("direction").GetString() == "out").ToList();
        if (expected.OutputName is null)
        {
            Assert.Empty(outputs);
        }
        else
        {
            var output = Assert.Single(outputs);
            Assert.Equal(("http", expected.OutputName), (output.GetProperty("type").GetString(), output.GetProperty("name").GetString()));
            Assert.Equal(expected.Route, trigger.GetProperty("route").GetString());
            Assert.Equal(expected.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!));
        }
    }

    [Theory]
    [InlineData("GetReport", "anonymous")]
    [InlineData("GetKeys", "anonymous")]
    [InlineData("GateClaims", "function")]
    public void FunctionJson_WhenHttpTriggered_HasTheIntendedAuthLevel(string function, string authLevel)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FunctionsRoot, function, "function.json")));
        var trigger = Assert.Single(document.RootElement.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("direction").GetString() == "in");
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void FunctionContract_WhenListed_ServesGateClaimsAsPostGate()
        => Assert.Contains(new FunctionBinding("GateClaims", "httpTrigger", "req", "res", "gate", ["post"]), FunctionContract.All, FunctionBindingComparer.Instance);

    private sealed class FunctionBindingComparer : IEqualityComparer<FunctionBinding>
    {
        public static FunctionBindingComparer Instance { get; } = new();

        public bool Equals(FunctionBinding? x, FunctionBinding? y)
            => x is not null && y is not null && (x with { Methods = [] }) == (y with { Methods = [] }) && x.Methods.SequenceEqual(y.Methods);

        public int GetHashCode(FunctionBinding obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_WhenBuilt_ServesReadinessAndOnePostRoutePerFunction()
    {
        using var keyFolder = new TempFolder();
        var settings = new AuditSettings { StorageConnectionString = "UseDevelopmentStorage=true", EventTopicEndpoint = new Uri("http://127.0.0.1:9/api/events"), KeyDirectory = keyFolder.Combine("keys") };
        var keys = await HandlerApp.OpenKeysAsync(settings);
        await using var app = HandlerApp.Build(HandlerApp.Environment(settings, keys, NodaTime.SystemClock.Instance), keys, 0);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(), Path: e.RoutePattern.RawText!))
            .ToHashSet();

        Assert.Contains(("GET", "/"), routes);
        foreach (var function in FunctionContract.All)
        {
            Assert.Contains(("POST", "/" + function.Name), routes);
        }

        Assert.Equal(FunctionContract.All.Count + 1, routes.Count);
    }

    [Fact]
    public void HostJson_WhenRead_StartsTheHandlerDllWithTheExtensionBundle()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "host.json")));
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var description = root.GetProperty("customHandler").GetProperty("description");
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(typeof(HandlerApp).Assembly.GetName().Name + ".dll", Assert.Single(description.GetProperty("arguments").EnumerateArray()).GetString());
        Assert.False(root.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", root.GetProperty("extensionBundle").GetProperty("id").GetString());
    }
}
