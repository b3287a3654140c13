using System.Globalization;

namespace MlPerfAudit.Core.Inference.Logs;

/// <summary>
/// The scalar values of a YAML file's block mappings, by dotted path (<c>settings.runtime.min_duration_ms</c>), with the
/// line each came from. Enough for the endpoints harness's <c>config.yaml</c>: sequences, flow collections and multi-line
/// scalars are skipped, not interpreted; quotes around a scalar are removed.
/// </summary>
public sealed class SimpleYaml
{
    private readonly Dictionary<string, (string Value, int Line)> _values = new(StringComparer.Ordinal);

    private SimpleYaml()
    {
    }

    /// <summary>Reads the mapping scalars of a YAML text.</summary>
    public static SimpleYaml Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var yaml = new SimpleYaml();
        var stack = new List<(int Indent, string Key)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var content = line.TrimStart(' ');
            if (content.Length == 0 || content[0] is '#' or '-' || content.StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var indent = line.Length - content.Length;
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var key = content[..colon].Trim().Trim('\'', '"');
            var value = content[(colon + 1)..].Trim();
            var path = string.Join('.', stack.Select(s => s.Key).Append(key));
            if (value.Length == 0)
            {
                stack.Add((indent, key));
                continue;
            }

            var hash = value.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0)
            {
                value = value[..hash].TrimEnd();
            }

            yaml._values.TryAdd(path, (value.Trim('\'', '"'), number));
        }

        return yaml;
    }

    /// <summary>The scalar at a dotted path and its 1-based line, or null.</summary>
    public (string Value, int Line)? Find(string path) => _values.TryGetValue(path, out var v) ? v : null;

    /// <summary>The scalar at a dotted path as a whole number, or null.</summary>
    public (long Value, int Line)? WholeNumber(string path)
        => Find(path) is { } v && long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (n, v.Line) : null;
}
