using System.Text.Json;
using System.Text.Json.Serialization;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Inference.PriorLogs;

/// <summary>Source-generated metadata for prior-logs index files: camelCase, strict.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PriorLogIndexFile))]
internal sealed partial class PriorLogJsonContext : JsonSerializerContext;

/// <summary>A prior-logs index as read: the file, or every problem found (each naming its line).</summary>
/// <param name="File">The index, when there was no error.</param>
/// <param name="Errors">Every problem (<c>line N: ...</c>); empty when the file is usable.</param>
public sealed record PriorLogReadResult(PriorLogIndexFile? File, IReadOnlyList<string> Errors);

/// <summary>Reads prior-logs index files strictly, writes them, and exports their schema from the C# types.</summary>
public static class PriorLogJson
{
    /// <summary>The only index version this tool reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Upper bound on an index file, in bytes (a whole round, about 6,000 logs, is about 2 MB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Options = Text.StrictJson.Options(PriorLogJsonContext.Default);

    /// <summary>Reads an index: unknown or missing members, wrong types, a bad digest or round are errors with their line.</summary>
    /// <param name="utf8">The file's bytes.</param>
    public static PriorLogReadResult Read(ReadOnlySpan<byte> utf8)
    {
        var file = Text.StrictJson.Read<PriorLogIndexFile>(utf8, Options, out var error);
        if (error is not null)
        {
            return new PriorLogReadResult(null, [error]);
        }

        if (file is null)
        {
            return new PriorLogReadResult(null, ["line 1: the file holds null, expected an object with version, sources and entries"]);
        }

        var errors = new List<string>();
        if (file.Version != CurrentVersion)
        {
            errors.Add($"line 1: version {file.Version} is not supported; this tool reads version {CurrentVersion}");
        }

        var lines = Text.JsonArrayLines.Of(utf8, "entries"u8);
        for (var i = 0; i < file.Entries.Count; i++)
        {
            var line = i < lines.Count ? lines[i] : 0;
            foreach (var problem in Validate(file.Entries[i]))
            {
                errors.Add($"line {line}: entries[{i}]: {problem}");
            }
        }

        return errors.Count == 0 ? new PriorLogReadResult(file, []) : new PriorLogReadResult(null, errors);
    }

    /// <summary>The index as indented UTF-8 JSON with a final newline.</summary>
    public static byte[] Serialize(PriorLogIndexFile file)
        => [.. JsonSerializer.SerializeToUtf8Bytes(file, Options.GetTypeInfo(typeof(PriorLogIndexFile))), (byte)'\n'];

    /// <summary>The JSON Schema of the index, exported from <see cref="PriorLogIndexFile"/>.</summary>
    public static string ExportSchema()
        => SchemaExport.Export(Options, typeof(PriorLogIndexFile), "prior-logs.schema.json", "MLPerf Audit prior-logs index");

    private static IEnumerable<string> Validate(PriorLogEntry entry)
    {
        if (entry.Sha256.Length != 64 || !entry.Sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            yield return $"sha256 '{entry.Sha256}' is not 64 lower-case hex digits";
        }

        if (PriorLogIndex.ParseRound(entry.Round) is null)
        {
            yield return $"round '{entry.Round}' is not a round like v5.1";
        }

        (string Name, string? Value)[] fields =
        [
            ("resultId", entry.ResultId), ("system", entry.System), ("benchmark", entry.Benchmark), ("scenario", entry.Scenario),
            ("file", entry.File),
        ];
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{name} is empty";
            }
        }
    }
}
