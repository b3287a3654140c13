using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;

namespace MlPerfAudit.Core.Reports;

/// <summary>Writes and reads <c>report.json</c>, and exports its JSON Schema from the C# types.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ReportJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: false);
        return options;
    }

    /// <summary>Serializes the report as indented UTF-8 JSON ending with a newline.</summary>
    public static byte[] Serialize(AuditReport report)
    {
        // Through a stream: the serializer then flushes small pooled chunks, instead of growing one pooled buffer to the
        // report's size (kept by the pool afterwards) and copying it twice (11 MB for a 3,000-result report).
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, report, Options.GetTypeInfo(typeof(AuditReport)));
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a report back, strictly: unknown members and missing required members are errors.</summary>
    /// <exception cref="JsonException">The bytes are not a valid report.</exception>
    public static AuditReport Deserialize(ReadOnlySpan<byte> utf8)
        => (AuditReport?)JsonSerializer.Deserialize(utf8, Options.GetTypeInfo(typeof(AuditReport)))
           ?? throw new JsonException("report.json holds null");

    /// <summary>The JSON Schema of the report, exported from the C# types.</summary>
    public static string ExportSchema()
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = static (context, node) =>
            {
                if (context.PropertyInfo is null && context.TypeInfo.Type == typeof(AuditReport) && node is JsonObject root)
                {
                    root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
                    root.Insert(1, "$id", "https://mlperf-audit.dev/schemas/audit-report.schema.json");
                    root.Insert(2, "title", "MLPerf Audit report");
                }

                return node;
            },
        };
        var schema = Options.GetJsonSchemaAsNode(typeof(AuditReport), exporterOptions);
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
