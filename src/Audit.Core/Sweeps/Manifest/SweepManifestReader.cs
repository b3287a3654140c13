using System.Globalization;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;
using NodaTime.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlPerfAudit.Core.Sweeps.Manifest;

/// <summary>A manifest as read: the file, or every problem with its line.</summary>
/// <param name="File">The manifest, when there was no error.</param>
/// <param name="Errors">Every problem; empty when usable.</param>
/// <param name="RunLines">1-based line of each entry of runs.</param>
internal sealed record SweepManifestRead(SweepManifestFile? File, IReadOnlyList<SweepManifestError> Errors, IReadOnlyList<int> RunLines);

/// <summary>One problem of a manifest.</summary>
/// <param name="Line">1-based line; null when the JSON reader names none.</param>
/// <param name="Message">The sentence, starting with <c>line N: </c> when the line is known.</param>
internal sealed record SweepManifestError(int? Line, string Message)
{
    /// <summary>A problem on <paramref name="line"/>: <c>line N: {problem}</c>.</summary>
    public static SweepManifestError At(long line, string problem)
        => new((int)Math.Min(line, int.MaxValue), FindingCatalog.SwpManifestInvalidAt.Text(line, problem));
}

/// <summary>
/// Reads sweep manifests strictly (unknown or misspelt members, wrong types, non-positive sizes, TP × PP × CP × DP ≠ gpus,
/// a log named twice are errors with their line) from JSON or YAML, and exports their JSON Schema. YAML is turned into
/// JSON with each value on its YAML line, then read by the same strict JSON reader, so both report the same lines.
/// </summary>
internal static class SweepManifestReader
{
    /// <summary>Largest manifest read, in bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const int MaxDepth = 16;
    private static readonly JsonSerializerOptions Options = Text.StrictJson.Options(SweepManifestJsonContext.Default);

    /// <summary>True for a manifest file name: <c>sweep.yaml</c>, <c>sweep.yml</c> or <c>sweep.json</c>.</summary>
    public static bool IsManifestName(string fileName) => fileName is "sweep.yaml" or "sweep.yml" or "sweep.json";

    /// <summary>Reads a manifest; YAML when <paramref name="yaml"/>, else JSON.</summary>
    public static SweepManifestRead Read(byte[] bytes, bool yaml)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            var error = SweepManifestError.At(1, FindingCatalog.SwpManifestInvalidTooBig.Text(bytes.Length, MaxBytes));
            return new SweepManifestRead(null, [error], []);
        }

        byte[] json;
        if (yaml)
        {
            var converted = YamlToJson(bytes, out var error);
            if (converted is null)
            {
                return new SweepManifestRead(null, [error!], []);
            }

            json = converted;
        }
        else
        {
            json = bytes;
        }

        var file = ReadJson(json, out var readError);
        if (readError is not null || file is null)
        {
            var error = readError ?? SweepManifestError.At(1, FindingCatalog.SwpManifestInvalidNull.Text());
            return new SweepManifestRead(null, [error], []);
        }

        var errors = new List<SweepManifestError>();
        if (file.Version != 1)
        {
            errors.Add(SweepManifestError.At(1, FindingCatalog.SwpManifestInvalidVersion.Text(file.Version)));
        }

        var lines = Text.JsonArrayLines.Of(json, "runs"u8);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Runs.Count; i++)
        {
            var line = i < lines.Count ? lines[i] : 1;
            foreach (var problem in Validate(file.Runs[i], seen))
            {
                errors.Add(SweepManifestError.At(line, FindingCatalog.SwpManifestInvalidRun.Text(i, file.Runs[i].Log, problem)));
            }
        }

        if (file.WarmupSteps is < 0)
        {
            errors.Add(SweepManifestError.At(1, FindingCatalog.SwpManifestInvalidWarmup.Text(file.WarmupSteps)));
        }

        var telemetryLines = Text.JsonArrayLines.Of(json, "telemetry"u8);
        for (var i = 0; i < (file.Telemetry?.Count ?? 0); i++)
        {
            var t = file.Telemetry![i];
            var line = i < telemetryLines.Count ? telemetryLines[i] : 1;
            if (ParseTime(t.Start) is null)
            {
                errors.Add(SweepManifestError.At(line, FindingCatalog.SwpManifestInvalidTelemetryStart.Text(i, t.Start)));
            }

            if (!double.IsFinite(t.IntervalMs) || t.IntervalMs <= 0 || t.IntervalMs > 3_600_000)
            {
                errors.Add(SweepManifestError.At(line, FindingCatalog.SwpManifestInvalidInterval.Text(i, t.IntervalMs)));
            }
        }

        return errors.Count == 0 ? new SweepManifestRead(file, [], lines) : new SweepManifestRead(null, errors, lines);
    }

    /// <summary>The strict JSON read (as <see cref="Text.StrictJson.Read"/>), keeping the error's line as data.</summary>
    private static SweepManifestFile? ReadJson(byte[] json, out SweepManifestError? error)
    {
        try
        {
            error = null;
            return (SweepManifestFile?)JsonSerializer.Deserialize(json.AsSpan(), Options.GetTypeInfo(typeof(SweepManifestFile)));
        }
        catch (JsonException ex)
        {
            error = new SweepManifestError(ex.LineNumber is { } l ? (int)Math.Min(l + 1, int.MaxValue) : null, Text.JsonErrorText.Describe(ex));
            return null;
        }
    }

    /// <summary>An ISO 8601 time with zone as Unix ms; null when it is not one.</summary>
    public static double? ParseTime(string? text)
        => text is not null && OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } r
            ? r.Value.ToInstant().ToUnixTimeTicks() / (double)NodaTime.NodaConstants.TicksPerMillisecond
            : null;

    /// <summary>The JSON Schema of manifests, exported from <see cref="SweepManifestFile"/>.</summary>
    public static string ExportSchema()
        => SchemaExport.Export(
            Options, typeof(SweepManifestFile), "sweep-manifest.schema.json", "MLPerf Audit sweep manifest (sweep.yaml / sweep.json)");

    private static IEnumerable<string> Validate(SweepManifestRun run, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(run.Log))
        {
            yield return FindingCatalog.SwpManifestInvalidLogEmpty.Text();
        }
        else if (!seen.Add(run.Log))
        {
            yield return FindingCatalog.SwpManifestInvalidLogTwice.Text();
        }

        foreach (var (name, value) in new (string, long?)[]
        {
            ("microBatchSize", run.MicroBatchSize), ("globalBatchSize", run.GlobalBatchSize), ("tensorParallel", run.TensorParallel),
            ("pipelineParallel", run.PipelineParallel), ("contextParallel", run.ContextParallel), ("dataParallel", run.DataParallel),
            ("sequenceLength", run.SequenceLength), ("modelParameters", run.ModelParameters), ("gpus", run.Gpus), ("numLayers", run.NumLayers),
            ("hiddenSize", run.HiddenSize),
        })
        {
            if (value is < 1)
            {
                yield return FindingCatalog.SwpManifestInvalidSize.Text(name, value);
            }
        }

        if (run.WarmupSteps is < 0)
        {
            yield return FindingCatalog.SwpManifestInvalidWarmup.Text(run.WarmupSteps);
        }

        if (run is { TensorParallel: { } tp, PipelineParallel: { } pp, ContextParallel: { } cp, DataParallel: { } dp, Gpus: { } gpus }
            && (long)tp * pp * cp * dp != gpus)
        {
            yield return FindingCatalog.SwpManifestInvalidGpus.Text(tp, pp, cp, dp, (long)tp * pp * cp * dp, gpus);
        }

        if (run.Start is not null && ParseTime(run.Start) is null)
        {
            yield return FindingCatalog.SwpManifestInvalidRunStart.Text(run.Start);
        }
    }

    /// <summary>
    /// YAML → JSON text with every value on its YAML line (so JSON errors name YAML lines); null with the error when it is not
    /// YAML this reads.
    /// </summary>
    private static byte[]? YamlToJson(byte[] bytes, out SweepManifestError? error)
    {
        error = null;
        if (FlowDepthLine(bytes) is { } deep)
        {
            error = SweepManifestError.At(deep, FindingCatalog.SwpManifestInvalidDepth.Text(MaxDepth));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(bytes)));
        }
        catch (YamlException ex)
        {
            error = SweepManifestError.At(ex.Start.Line, FindingCatalog.SwpManifestInvalidYaml.Text(ex.Message));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            error = SweepManifestError.At(1, FindingCatalog.SwpManifestInvalidDocuments.Text(stream.Documents.Count));
            return null;
        }

        var json = new StringBuilder();
        var line = 1;
        try
        {
            Emit(stream.Documents[0].RootNode, json, ref line, 0);
        }
        catch (ManifestShapeException ex)
        {
            error = ex.Error;
            return null;
        }

        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>The line where [ and { nest deeper than <see cref="MaxDepth"/> (the YAML parser recurses on them); null when they do not.</summary>
    private static int? FlowDepthLine(byte[] bytes)
    {
        var (depth, line) = (0, 1);
        foreach (var b in bytes)
        {
            line += b == '\n' ? 1 : 0;
            depth += b is (byte)'[' or (byte)'{' ? 1 : b is (byte)']' or (byte)'}' ? -1 : 0;
            if (depth > MaxDepth)
            {
                return line;
            }
        }

        return null;
    }

    private static void Emit(YamlNode node, StringBuilder json, ref int line, int depth)
    {
        if (depth > MaxDepth || json.Length > MaxBytes)
        {
            var problem = FindingCatalog.SwpManifestInvalidExpansion.Text(MaxDepth, MaxBytes);
            throw new ManifestShapeException(SweepManifestError.At(node.Start.Line, problem));
        }

        for (; line < node.Start.Line; line++)
        {
            json.Append('\n');
        }

        switch (node)
        {
            case YamlMappingNode map:
                json.Append('{');
                var first = true;
                foreach (var (key, value) in map.Children)
                {
                    json.Append(first ? string.Empty : ",");
                    first = false;
                    if (key is not YamlScalarNode k)
                    {
                        throw new ManifestShapeException(SweepManifestError.At(key.Start.Line, FindingCatalog.SwpManifestInvalidKey.Text()));
                    }

                    for (; line < key.Start.Line; line++)
                    {
                        json.Append('\n');
                    }

                    json.Append(JsonSerializer.Serialize(k.Value ?? string.Empty, SweepManifestScalarContext.Default.String)).Append(':');
                    Emit(value, json, ref line, depth + 1);
                }

                json.Append('}');
                break;
            case YamlSequenceNode seq:
                json.Append('[');
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    json.Append(i == 0 ? string.Empty : ",");
                    Emit(seq.Children[i], json, ref line, depth + 1);
                }

                json.Append(']');
                break;
            case YamlScalarNode scalar:
                json.Append(Scalar(scalar));
                break;
            default:
                throw new ManifestShapeException(SweepManifestError.At(node.Start.Line, FindingCatalog.SwpManifestInvalidNode.Text()));
        }
    }

    /// <summary>
    /// A plain scalar that is a YAML 1.2 core-schema null, bool or number is written as one; anything else (and any quoted scalar)
    /// as a string.
    /// </summary>
    private static string Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style == ScalarStyle.Plain)
        {
            if (value is "" or "~" or "null" or "Null" or "NULL")
            {
                return "null";
            }

            if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            {
                return value.ToLowerInvariant();
            }

            const NumberStyles Number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
            if (double.TryParse(value, Number, CultureInfo.InvariantCulture, out _)
                && !value.StartsWith('.') && !value.StartsWith('+'))
            {
                return value;
            }
        }

        return JsonSerializer.Serialize(value, SweepManifestScalarContext.Default.String);
    }
}

/// <summary>Source-generated string serialization for YAML scalars (escaping).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SweepManifestScalarContext : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>A YAML shape the manifest reader refuses, with its line; caught inside the reader.</summary>
#pragma warning disable CA1032, CA1064 // private to the reader's YAML walk, never thrown out of it
internal sealed class ManifestShapeException(SweepManifestError error) : Exception(error.Message)
#pragma warning restore CA1032, CA1064
{
    public SweepManifestError Error { get; } = error;
}
