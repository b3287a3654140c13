using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MlPerfAudit.Core.Inference.Logs;

/// <summary>
/// The scalar values of a YAML file's nested mappings, by dotted path (<c>settings.runtime.min_duration_ms</c>), with the
/// line each came from. Enough for the endpoints harness's <c>config.yaml</c>: the file is parsed in full by YamlDotNet
/// (strict: a syntax error, a duplicate key or a second document is an error with its line); sequences and the mappings
/// inside them are not given paths.
/// </summary>
internal sealed class YamlScalars
{
    private readonly Dictionary<string, (string Value, int Line)> _values = new(StringComparer.Ordinal);

    private YamlScalars()
    {
    }

    /// <summary>Reads the mapping scalars of a YAML text.</summary>
    /// <exception cref="YamlScalarsException">The text is not one valid YAML document.</exception>
    public static YamlScalars Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(reader));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            throw new YamlScalarsException(checked((int)ex.Start.Line), ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet 18.1.0's scanner throws this on some unterminated flow collections: the line is the last event read.
            throw new YamlScalarsException(checked((int)parser.LastLine), "the YAML cannot be read after this line", ex);
        }

        if (stream.Documents.Count > 1)
        {
            throw new YamlScalarsException(checked((int)stream.Documents[1].RootNode.Start.Line), "a second YAML document; one is expected", null);
        }

        var yaml = new YamlScalars();
        if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root)
        {
            yaml.Add(root, string.Empty);
        }

        return yaml;
    }

    private void Add(YamlMappingNode mapping, string prefix)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                continue;
            }

            var path = prefix.Length == 0 ? key : prefix + "." + key;
            switch (value)
            {
                case YamlMappingNode child:
                    Add(child, path);
                    break;
                case YamlScalarNode { Value: { Length: > 0 } text } scalar:
                    _values.TryAdd(path, (text, checked((int)scalar.Start.Line)));
                    break;
            }
        }
    }

    /// <summary>YamlDotNet's parser, remembering the line where the last event it gave ended.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public long LastLine { get; private set; } = 1;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            LastLine = inner.Current?.End.Line ?? LastLine;
            return moved;
        }
    }

    /// <summary>The scalar at a dotted path and its 1-based line, or null.</summary>
    public (string Value, int Line)? Find(string path) => _values.TryGetValue(path, out var v) ? v : null;

    /// <summary>The scalar at a dotted path as a whole number, or null.</summary>
    public (long Value, int Line)? WholeNumber(string path)
        => Find(path) is { } v && long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (n, v.Line) : null;
}

/// <summary>A YAML text that <see cref="YamlScalars"/> cannot read: a syntax error, a duplicate key or a second document.</summary>
/// <param name="line">1-based line of the problem.</param>
/// <param name="reason">What is wrong, as YamlDotNet says it.</param>
/// <param name="inner">YamlDotNet's exception, if any.</param>
internal sealed class YamlScalarsException(int line, string reason, Exception? inner) : FormatException($"line {line}: {reason}", inner)
{
    /// <summary>1-based line of the problem.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}
