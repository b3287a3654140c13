using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// azure.yaml (what `azd up` reads), parsed as YAML, against the repository and the compiled template: the service is
/// the Functions project, the infra entry point and its azd parameters exist, the postdeploy hook's scripts exist and
/// only read variables the template outputs.
/// </summary>
[Collection(SharedBuild.Name)]
public sealed partial class AzureYamlTests(CompiledTemplates compiled)
{
    /// <summary>Variables the hooks read that are not template outputs: set by azd itself or optional knobs.</summary>
    private static readonly string[] NotOutputs = ["AZURE_ENV_NAME", "AUDIT_KEY_WAIT_ATTEMPTS"];

    private static YamlMappingNode Root
    {
        get
        {
            var yaml = new YamlStream();
            using var reader = new StreamReader(InfraPaths.AzureYaml);
            yaml.Load(reader);
            return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
        }
    }

    [Fact]
    public void Services_WhenParsed_DeployTheFunctionsProjectAsTheApiFunctionApp()
    {
        var api = Map(Map(Root, "services"), "api");
        var project = Scalar(api, "project");

        Assert.Equal("./functions/Audit.Functions", project);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, project, "Audit.Functions.csproj")));
        Assert.Equal("dotnet", Scalar(api, "language"));
        Assert.Equal("function", Scalar(api, "host"));
        Assert.Equal(["api"], Map(Root, "services").Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void ServiceTag_WhenCompiled_MatchesTheServiceName()
    {
        var site = compiled.Template.Single("Microsoft.Web/sites").Value;
        var tags = Assert.IsType<JsonObject>(compiled.Template.Value(site["tags"]));

        Assert.Equal(Assert.Single(Map(Root, "services").Children.Keys.Select(k => ((YamlScalarNode)k).Value)),
            tags["azd-service-name"]!.GetValue<string>());
    }

    [Fact]
    public void Infra_WhenParsed_PointsAtMainBicepWithParametersTheTemplateDeclares()
    {
        var infra = Map(Root, "infra");
        var folder = Path.Combine(RepoPaths.Root, Scalar(infra, "path"));
        var parametersFile = Path.Combine(folder, Scalar(infra, "module") + ".parameters.json");
        var parameters = JsonNode.Parse(File.ReadAllText(parametersFile))!["parameters"]!.AsObject();
        var declared = compiled.Template.Parameters;

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.Equal(InfraPaths.MainBicep, Path.Combine(folder, Scalar(infra, "module") + ".bicep"));
        Assert.All(parameters.Select(p => p.Key), name => Assert.True(declared.ContainsKey(name), $"{name} is not a parameter of main.bicep"));
        Assert.All(declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key),
            name => Assert.True(parameters.ContainsKey(name), $"required parameter {name} has no azd value"));
    }

    [Theory]
    [InlineData("posix", "sh")]
    [InlineData("windows", "pwsh")]
    public void PostdeployHook_WhenParsed_RunsAScriptThatReadsOnlyTemplateOutputs(string platform, string shell)
    {
        var hook = Map(Map(Map(Root, "hooks"), "postdeploy"), platform);
        var script = Path.Combine(RepoPaths.Root, Scalar(hook, "run"));
        var read = VariableRead().Matches(File.ReadAllText(script)).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var outputs = compiled.Template.Outputs;

        Assert.Equal(shell, Scalar(hook, "shell"));
        Assert.True(File.Exists(script), script);
        Assert.Contains("AZURE_FUNCTION_APP_NAME", read);
        Assert.All(read.Except(NotOutputs), name => Assert.True(outputs.ContainsKey(name), $"{name} is not an output of main.bicep"));
    }

    [Theory]
    [InlineData("infra/scripts/postdeploy.sh")]
    [InlineData("infra/scripts/postdeploy.ps1")]
    public void PostdeployHook_WhenRun_PassesEveryRequiredParameterOfTheSubscriptionModule(string script)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, script));
        var module = InfraModel.Subscription(compiled.Template);
        var required = module.Parameters.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key).ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains(name + "=", text, StringComparison.Ordinal));
        Assert.Contains("modules/blob-event-subscription.bicep", text, StringComparison.Ordinal);
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    /// <summary><c>${NAME</c>, <c>$NAME</c> (sh) or <c>$env:NAME</c> / <c>'NAME'</c> in the required list (pwsh) of upper-case names.</summary>
    [GeneratedRegex(@"(?:\$\{|\$env:|\$|')(?<name>(?:AZURE|AUDIT|SERVICE)_[A-Z0-9_]+)")]
    private static partial Regex VariableRead();
}
