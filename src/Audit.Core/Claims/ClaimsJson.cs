using System.Text.Json;
using System.Text.Json.Serialization;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Claims;

/// <summary>Source-generated metadata for the claims file and the gate report: camelCase, enums as camelCase strings, strict.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ClaimsFile))]
[JsonSerializable(typeof(GateReport))]
internal sealed partial class ClaimsJsonContext : JsonSerializerContext;

/// <summary>A claims file as read: the claims and the line each starts on, or every problem found.</summary>
/// <param name="File">The claims, when there was no error.</param>
/// <param name="Lines">1-based line of each claim's object, by claim id.</param>
/// <param name="Errors">Every problem, each naming the line (<c>line N: ...</c>); empty when the file is usable.</param>
public sealed record ClaimsReadResult(ClaimsFile? File, IReadOnlyDictionary<string, int> Lines, IReadOnlyList<string> Errors);

/// <summary>
/// Reads claims files strictly (unknown members, missing required members and wrong types are errors) and writes gate reports;
/// exports both schemas from the C# types.
/// </summary>
public static class ClaimsJson
{
    /// <summary>The only claims file version this tool reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Units a claim may state (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> KnownUnits =
        ["tokens/s", "samples/s", "queries/s", "minutes", "min", "seconds", "s", "hours", "h", "%", "x", "ratio", "rank"];

    private static readonly JsonSerializerOptions Options = Text.StrictJson.Options(ClaimsJsonContext.Default);

    /// <summary>Reads a claims file.</summary>
    /// <param name="utf8">The file's bytes.</param>
    public static ClaimsReadResult Read(ReadOnlySpan<byte> utf8)
    {
        var file = Text.StrictJson.Read<ClaimsFile>(utf8, Options, out var error);
        if (error is not null)
        {
            return Failed(error);
        }

        if (file is null)
        {
            return Failed("line 1: the file holds null, expected an object with version and claims");
        }

        var lines = Text.JsonArrayLines.Of(utf8, "claims"u8);
        var errors = new List<string>();
        if (file.Version != CurrentVersion)
        {
            errors.Add($"line 1: version {file.Version} is not supported; this tool reads version {CurrentVersion}");
        }

        if (file.Claims.Count == 0)
        {
            errors.Add("line 1: claims is empty");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.Claims.Count; i++)
        {
            var claim = file.Claims[i];
            var line = i < lines.Count ? lines[i] : 0;
            byId.TryAdd(claim.Id, line);
            foreach (var problem in Validate(claim, seen))
            {
                errors.Add($"line {line}: claim '{claim.Id}': {problem}");
            }
        }

        return errors.Count == 0 ? new ClaimsReadResult(file, byId, []) : new ClaimsReadResult(null, byId, errors);

        static ClaimsReadResult Failed(string error) => new(null, new Dictionary<string, int>(), [error]);
    }

    private static IEnumerable<string> Validate(Claim claim, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(claim.Id))
        {
            yield return "id is empty";
        }
        else if (!seen.Add(claim.Id))
        {
            yield return "id is used by an earlier claim";
        }

        if (string.IsNullOrWhiteSpace(claim.Text))
        {
            yield return "text is empty";
        }

        if (!double.IsFinite(claim.Value) || claim.Value <= 0)
        {
            yield return $"value {claim.Value} must be a positive number";
        }

        if (!KnownUnits.Contains(claim.Unit, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"unit '{claim.Unit}' is not one of {string.Join(", ", KnownUnits)}";
        }

        if (claim.Precision is { } p && (!double.IsFinite(p) || p <= 0))
        {
            yield return $"precision {p} must be a positive number";
        }

        if (claim.Scope is ClaimScope.Aggregate or ClaimScope.Projected && claim.Systems is not > 1)
        {
            yield return $"scope {claim.Scope} needs systems (the number of systems N, at least 2)";
        }

        if (claim.Accelerators is <= 0)
        {
            yield return "accelerators must be positive";
        }

        if (claim.Evidence.Results.Count == 0)
        {
            yield return "evidence.results is empty";
        }

        if (claim.Quantity is ClaimQuantity.Speedup or ClaimQuantity.ScalingEfficiency && claim.Evidence.Baseline is null)
        {
            yield return $"quantity {claim.Quantity} needs evidence.baseline (the result compared against)";
        }

        if (claim.Quantity == ClaimQuantity.ScalingEfficiency && claim.Scaling is null)
        {
            yield return "quantity scalingEfficiency needs scaling (weak or strong)";
        }

        foreach (var reference in claim.Evidence.Results.Append(claim.Evidence.Baseline).OfType<EvidenceRef>())
        {
            if (string.IsNullOrWhiteSpace(reference.Benchmark))
            {
                yield return "an evidence reference has an empty benchmark";
            }
        }
    }


    /// <summary>Serializes a claims file (indented UTF-8 JSON ending with a newline).</summary>
    public static byte[] Serialize(ClaimsFile file)
        => [.. JsonSerializer.SerializeToUtf8Bytes(file, Options.GetTypeInfo(typeof(ClaimsFile))), (byte)'\n'];

    /// <summary>Serializes a gate report (indented UTF-8 JSON ending with a newline).</summary>
    public static byte[] Serialize(GateReport report)
        => [.. JsonSerializer.SerializeToUtf8Bytes(report, Options.GetTypeInfo(typeof(GateReport))), (byte)'\n'];

    /// <summary>Reads a gate report back, strictly.</summary>
    /// <exception cref="JsonException">The bytes are not a valid gate report.</exception>
    public static GateReport DeserializeReport(ReadOnlySpan<byte> utf8)
        => (GateReport?)JsonSerializer.Deserialize(utf8, Options.GetTypeInfo(typeof(GateReport))) ?? throw new JsonException("gate.json holds null");

    /// <summary>The JSON Schema of the claims file, exported from <see cref="ClaimsFile"/>.</summary>
    public static string ExportClaimsSchema() => Export(typeof(ClaimsFile), "claims.schema.json", "MLPerf Audit claims file");

    /// <summary>The JSON Schema of the gate report, exported from <see cref="GateReport"/>.</summary>
    public static string ExportGateReportSchema() => Export(typeof(GateReport), "gate-report.schema.json", "MLPerf Audit gate report");

    private static string Export(Type root, string fileName, string title) => SchemaExport.Export(Options, root, fileName, title);
}
