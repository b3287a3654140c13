using System.Text.Json.Nodes;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// One compiled ARM template (resources keyed by symbolic name under languageVersion 2.0), with the values its
/// parameters were given when it is a module, so that expressions can be read in their context.
/// </summary>
internal sealed class ArmTemplate
{
    private readonly JsonObject root;
    private readonly IReadOnlyDictionary<string, object?> bindings;

    public ArmTemplate(JsonObject root, IReadOnlyDictionary<string, object?>? bindings = null)
    {
        this.root = root;
        this.bindings = bindings ?? new Dictionary<string, object?>();
        // languageVersion 2.0 keys resources by symbolic name; the older array form gets "#<index>" keys.
        Resources = root["resources"] switch
        {
            JsonObject byName => byName.ToDictionary(p => p.Key, p => p.Value!.AsObject()),
            JsonArray list => list.Select((r, i) => (Key: "#" + i, Value: r!.AsObject())).ToDictionary(p => p.Key, p => p.Value),
            _ => throw new InvalidDataException("template without resources"),
        };
    }

    /// <summary>Resources by symbolic name, <c>existing</c> references included.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources { get; }

    /// <summary>The template's outputs.</summary>
    public JsonObject Outputs => root["outputs"]?.AsObject() ?? [];

    /// <summary>The template's parameter declarations.</summary>
    public JsonObject Parameters => root["parameters"]?.AsObject() ?? [];

    /// <summary>The deployed resources of one type (no <c>existing</c> references), by symbolic name.</summary>
    public IEnumerable<KeyValuePair<string, JsonObject>> OfType(string type) =>
        Resources.Where(r => r.Value["type"]!.GetValue<string>() == type && r.Value["existing"]?.GetValue<bool>() != true);

    /// <summary>The single deployed resource of a type.</summary>
    public KeyValuePair<string, JsonObject> Single(string type) => OfType(type).Single();

    /// <summary>The value of a template node, expressions read in this template's context.</summary>
    public object? Value(JsonNode? node) => ArmExpression.Evaluate(node, this);

    /// <summary>The value of a node as text.</summary>
    public string Text(JsonNode? node) => ArmExpression.Render(Value(node));

    /// <summary>
    /// How <c>reference(...)</c> of a resource reads here: by symbolic name under languageVersion 2.0, else by the
    /// <c>resourceId</c> bicep writes (type and name segments).
    /// </summary>
    public string ReferenceText(string key)
    {
        var resource = Resources[key];
        return key.StartsWith('#')
            ? $"⟨reference:{new ResourceRef(resource["type"]!.GetValue<string>(), Text(resource["name"]).Split('/'))}⟩"
            : $"⟨reference:{key}⟩";
    }

    /// <summary>The key of the module deployment with this deployment name.</summary>
    public string DeploymentNamed(string name) =>
        OfType("Microsoft.Resources/deployments").Single(d => Text(d.Value["name"]) == name).Key;

    /// <summary>A module (a nested Microsoft.Resources/deployments) with its parameters bound to the values passed here.</summary>
    public ArmTemplate Module(string symbolicName)
    {
        var deployment = Resources[symbolicName];
        var passed = deployment["properties"]!["parameters"]?.AsObject() ?? [];
        var values = passed.ToDictionary(p => p.Key, p => Value(p.Value!["value"]));
        return new ArmTemplate(deployment["properties"]!["template"]!.AsObject(), values);
    }

    /// <summary>Every deployed resource here and in nested modules, with the template it belongs to.</summary>
    public IEnumerable<(ArmTemplate Template, string Symbol, JsonObject Resource)> AllResources()
    {
        foreach (var (symbol, resource) in Resources.Where(r => r.Value["existing"]?.GetValue<bool>() != true))
        {
            yield return (this, symbol, resource);
            if (resource["type"]!.GetValue<string>() == "Microsoft.Resources/deployments")
            {
                foreach (var nested in Module(symbol).AllResources())
                {
                    yield return nested;
                }
            }
        }
    }

    internal object? Variable(string name) =>
        root["variables"]?.AsObject().TryGetPropertyValue(name, out var node) == true
            ? Value(node)
            : throw new KeyNotFoundException("variable " + name);

    internal object? Parameter(string name)
    {
        if (bindings.TryGetValue(name, out var bound))
        {
            return bound;
        }

        var declaration = Parameters[name] ?? throw new KeyNotFoundException("parameter " + name);
        return declaration.AsObject().TryGetPropertyValue("defaultValue", out var fallback) ? Value(fallback) : $"⟨parameters:{name}⟩";
    }
}
