using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MlPerfAudit.Infra.Tests;

/// <summary>
/// A symbolic reader of ARM template expressions (<c>[format('{0}/', parameters('x'))]</c>), enough to check a compiled
/// template without deploying it: literals, <c>variables</c>, <c>parameters</c>, <c>format</c>, <c>concat</c>,
/// <c>toLower</c> and <c>resourceId</c> are evaluated; anything that needs Azure (<c>reference</c>, <c>uniqueString</c>,
/// <c>listKeys</c>, ...) stays as a stable symbolic text such as <c>⟨reference:functionApp⟩.identity.principalId</c>.
/// Hand-written: no ARM expression evaluator is on the feed.
/// </summary>
internal sealed class ArmExpression
{
    private readonly string text;
    private readonly ArmTemplate template;
    private int pos;

    private ArmExpression(string text, ArmTemplate template)
    {
        this.text = text;
        this.template = template;
    }

    /// <summary>The value of a template value: a JSON string in brackets is an expression, anything else is itself.</summary>
    public static object? Evaluate(JsonNode? node, ArmTemplate template)
    {
        if (node is JsonArray array)
        {
            return array.Select(e => Evaluate(e, template)).ToList();
        }

        if (node is not JsonValue value)
        {
            return node;
        }

        if (value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }

        if (value.TryGetValue<long>(out var number))
        {
            return number;
        }

        var s = value.GetValue<string>();
        if (s.StartsWith("[[", StringComparison.Ordinal))
        {
            return s[1..];
        }

        if (!s.StartsWith('[') || !s.EndsWith(']'))
        {
            return s;
        }

        var reader = new ArmExpression(s[1..^1], template);
        var result = reader.ReadExpression();
        reader.SkipSpace();
        return reader.pos == reader.text.Length ? result : throw reader.Error("trailing text");
    }

    /// <summary>The value as text, as ARM's <c>format</c> would render it.</summary>
    public static string Render(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "True" : "False",
        JsonNode n => n.ToJsonString(),
        List<object?> list => "[" + string.Join(", ", list.Select(Render)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private object? ReadExpression()
    {
        var value = ReadPrimary();
        while (true)
        {
            SkipSpace();
            if (TryRead('.'))
            {
                value = Member(value, ReadIdentifier());
            }
            else if (TryRead('['))
            {
                var index = ReadExpression();
                Expect(']');
                value = Member(value, Render(index));
            }
            else
            {
                return value;
            }
        }
    }

    private object? ReadPrimary()
    {
        SkipSpace();
        if (pos < text.Length && text[pos] == '\'')
        {
            return ReadString();
        }

        if (pos < text.Length && (char.IsDigit(text[pos]) || text[pos] == '-'))
        {
            var start = pos++;
            while (pos < text.Length && char.IsDigit(text[pos]))
            {
                pos++;
            }

            return long.Parse(text[start..pos], CultureInfo.InvariantCulture);
        }

        var name = ReadIdentifier();
        SkipSpace();
        if (!TryRead('('))
        {
            return name switch { "true" => true, "false" => false, "null" => null, _ => throw Error("bare identifier " + name) };
        }

        var args = new List<object?>();
        SkipSpace();
        if (!TryRead(')'))
        {
            do
            {
                args.Add(ReadExpression());
                SkipSpace();
            }
            while (TryRead(','));
            Expect(')');
        }

        return Call(name, args);
    }

    private object? Call(string name, List<object?> args) => name switch
    {
        "variables" => template.Variable(Render(args[0])),
        "parameters" => template.Parameter(Render(args[0])),
        "format" => string.Format(CultureInfo.InvariantCulture, Render(args[0]), [.. args.Skip(1).Select(Render)]),
        "concat" => string.Concat(args.Select(Render)),
        "toLower" => Render(args[0]).ToLowerInvariant(),
        "resourceId" or "subscriptionResourceId" => new ResourceRef(Render(args[0]), [.. args.Skip(1).Select(Render)]),
        "reference" => $"⟨reference:{Render(args[0])}⟩", // a symbolic name, or a ResourceRef in the array form
        "not" when args[0] is bool b => !b,
        "createObject" => CreateObject(args),
        "union" when args.All(a => a is JsonObject) => Union(args.Cast<JsonObject>()),
        _ => $"⟨{name}({string.Join(", ", args.Select(Render))})⟩",
    };

    private static JsonObject CreateObject(List<object?> args)
    {
        var result = new JsonObject();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            result[Render(args[i])] = JsonValue.Create(Render(args[i + 1]));
        }

        return result;
    }

    private static JsonObject Union(IEnumerable<JsonObject> objects)
    {
        var result = new JsonObject();
        foreach (var (key, value) in objects.SelectMany(o => o))
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    private object? Member(object? target, string property) => target switch
    {
        JsonObject obj => obj.TryGetPropertyValue(property, out var child) ? Evaluate(child, template) : throw Error("no member " + property),
        List<object?> list when int.TryParse(property, CultureInfo.InvariantCulture, out var index) => list[index],
        _ => Render(target) + "." + property,
    };

    private string ReadString()
    {
        var sb = new StringBuilder();
        pos++;
        while (true)
        {
            if (pos >= text.Length)
            {
                throw Error("unterminated string");
            }

            if (text[pos] == '\'')
            {
                if (pos + 1 < text.Length && text[pos + 1] == '\'')
                {
                    sb.Append('\'');
                    pos += 2;
                    continue;
                }

                pos++;
                return sb.ToString();
            }

            sb.Append(text[pos++]);
        }
    }

    private string ReadIdentifier()
    {
        SkipSpace();
        var start = pos;
        while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_'))
        {
            pos++;
        }

        return pos > start ? text[start..pos] : throw Error("identifier expected");
    }

    private void SkipSpace()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
    }

    private bool TryRead(char c)
    {
        if (pos < text.Length && text[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!TryRead(c))
        {
            throw Error($"'{c}' expected");
        }
    }

    private FormatException Error(string what) => new($"ARM expression [{text}] at {pos}: {what}");
}

/// <summary>A resource id as <c>resourceId</c> builds it: the type and its name segments.</summary>
internal sealed record ResourceRef(string Type, IReadOnlyList<string> Names)
{
    /// <summary>The last name segment (a container's, a key's).</summary>
    public string Name => Names[^1];

    public bool Equals(ResourceRef? other) => other is not null && Type == other.Type && Names.SequenceEqual(other.Names);

    public override int GetHashCode() => HashCode.Combine(Type, string.Join('/', Names));

    public override string ToString() => $"{Type}({string.Join('/', Names)})";
}
