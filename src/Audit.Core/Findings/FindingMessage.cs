using System.Globalization;
using System.Text;

namespace MlPerfAudit.Core.Findings;

/// <summary>
/// One message of a finding code: a template with named holes (<c>"LoadGen logged {count} error(s)."</c>), kept in the
/// catalogue beside its code. Call sites pass the values in the order the holes first appear; a hole may carry a .NET
/// format (<c>{ratio:F2}</c>) or an alignment. Values are formatted with the invariant culture. A code with several
/// situations has one message per situation, each a named field of the catalogue.
/// </summary>
public sealed class FindingMessage
{
    private readonly CompositeFormat _format;

    /// <summary>Parses <paramref name="template"/> once; a malformed template fails the catalogue's type initialiser.</summary>
    public FindingMessage(FindingDefinition definition, string template)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(template);
        Definition = definition;
        Template = template;
        (var positional, Holes) = ToPositional(template);
        _format = CompositeFormat.Parse(positional);
    }

    /// <summary>The code this message belongs to.</summary>
    public FindingDefinition Definition { get; }

    /// <summary>The template as written in the catalogue, holes named.</summary>
    public string Template { get; }

    /// <summary>The hole names in the order their values are passed.</summary>
    public IReadOnlyList<string> Holes { get; }

    /// <summary>The message with <paramref name="values"/> in its holes (one value per hole name).</summary>
    /// <exception cref="ArgumentException">The number of values is not the number of holes (a programming error).</exception>
    public string Text(params ReadOnlySpan<object?> values)
    {
        if (values.Length != Holes.Count)
        {
            throw new ArgumentException(
                $"{Definition.Code}: the message \"{Template}\" has {Holes.Count} hole(s) but {values.Length} value(s) were passed.",
                nameof(values));
        }

        return string.Format(CultureInfo.InvariantCulture, _format, values);
    }

    /// <summary>A finding of this message's code, pointing at <paramref name="file"/> and <paramref name="line"/> when known.</summary>
    public Finding At(string? file, int? line, params ReadOnlySpan<object?> values)
        => Finding.Of(Definition, Text(values), file, line);

    /// <summary>A finding of this message's code that points at no file.</summary>
    public Finding Of(params ReadOnlySpan<object?> values) => Finding.Of(Definition, Text(values));

    /// <summary>Rewrites <c>{name[,alignment][:format]}</c> holes as <c>{index...}</c>; braces doubled stay literal.</summary>
    private static (string Positional, IReadOnlyList<string> Holes) ToPositional(string template)
    {
        var holes = new List<string>();
        var output = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                output.Append(c).Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new FormatException($"Unmatched '}}' at {i} in \"{template}\".");
            }

            if (c != '{')
            {
                output.Append(c);
                continue;
            }

            var close = template.IndexOf('}', i);
            var nameEnd = template.IndexOfAny([',', ':', '}'], i + 1);
            if (close < 0 || nameEnd < 0)
            {
                throw new FormatException($"Unclosed hole at {i} in \"{template}\".");
            }

            var name = template[(i + 1)..nameEnd];
            if (name.Length == 0 || !char.IsLetter(name[0]) || !name.All(char.IsLetterOrDigit))
            {
                throw new FormatException($"Hole name \"{name}\" at {i} in \"{template}\" is not a word.");
            }

            var index = holes.IndexOf(name);
            if (index < 0)
            {
                index = holes.Count;
                holes.Add(name);
            }

            output.Append('{').Append(index.ToString(CultureInfo.InvariantCulture)).Append(template, nameEnd, close - nameEnd + 1);
            i = close;
        }

        return (output.ToString(), holes);
    }
}
