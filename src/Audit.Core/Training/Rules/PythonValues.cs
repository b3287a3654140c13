using System.Globalization;
using System.Text.Json;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>
/// Python's semantics for the values a rule expression handles (double, string, bool, null, JSON objects and arrays, lists):
/// truthiness, equality (<c>1 == True</c>), ordering (a string with a number is a TypeError, here
/// <see cref="RuleEvaluationException"/>) and <c>in</c>.
/// </summary>
internal static class PythonValues
{
    internal static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        IReadOnlyList<object?> l => l.Count > 0,
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().Any(),
            JsonValueKind.Array => e.GetArrayLength() > 0,
            _ => Truthy(Normalize(e)),
        },
        _ => true,
    };

    /// <summary>Turns JSON scalars into double/string/bool/null; objects and arrays stay JSON.</summary>
    internal static object? Normalize(object? v) => v is JsonElement e
        ? e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.String => e.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => e,
        }
        : v;

    internal static bool PyEquals(object? a, object? b)
    {
        a = Normalize(a);
        b = Normalize(b);
        if (AsNumber(a) is { } x && AsNumber(b) is { } y)
        {
            return x == y;
        }

        return (a, b) switch
        {
            (null, null) => true,
            (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
            (JsonElement e, JsonElement f) => JsonElement.DeepEquals(e, f),
            (IReadOnlyList<object?> l, IReadOnlyList<object?> m) => l.Count == m.Count && l.Zip(m).All(p => PyEquals(p.First, p.Second)),
            (IReadOnlyList<object?> l, JsonElement { ValueKind: JsonValueKind.Array } m) => ListEquals(l, m),
            (JsonElement { ValueKind: JsonValueKind.Array } m, IReadOnlyList<object?> l) => ListEquals(l, m),
            _ => false,
        };
    }

    /// <summary>A list literal and a JSON array: equal when they are item by item (Python has one list type).</summary>
    private static bool ListEquals(IReadOnlyList<object?> list, JsonElement array)
        => list.Count == array.GetArrayLength() && list.Zip(array.EnumerateArray()).All(p => PyEquals(p.First, p.Second));

    internal static double? AsNumber(object? v) => v switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        _ => null,
    };

    internal static double Number(object? v, string op) =>
        AsNumber(Normalize(v)) ?? throw new RuleEvaluationException($"'{op}' needs numbers, got {Describe(v)}");

    internal static string Describe(object? v) => Normalize(v) switch
    {
        null => "null",
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        JsonElement e => e.GetRawText(),
        _ => "a list",
    };

    internal static int Compare(object? a, object? b, string op)
    {
        a = Normalize(a);
        b = Normalize(b);
        if (AsNumber(a) is { } x && AsNumber(b) is { } y)
        {
            return x.CompareTo(y);
        }

        if (a is string s && b is string t)
        {
            return string.CompareOrdinal(s, t);
        }

        throw new RuleEvaluationException($"cannot compare {Describe(a)} {op} {Describe(b)}");
    }

    internal static bool Contains(object? item, object? container)
    {
        container = Normalize(container);
        item = Normalize(item);
        switch (container)
        {
            case IReadOnlyList<object?> list:
                return list.Any(x => PyEquals(x, item));
            case string s when item is string t:
                return s.Contains(t, StringComparison.Ordinal);
            case JsonElement { ValueKind: JsonValueKind.Object } o when item is string name:
                return o.TryGetProperty(name, out _);
            case JsonElement { ValueKind: JsonValueKind.Array } a:
                return a.EnumerateArray().Any(x => PyEquals(x, item));
            default:
                throw new RuleEvaluationException($"'in' cannot search {Describe(container)}");
        }
    }
}
