using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace MlPerfAudit.Core.Text;

/// <summary>Exports the JSON Schema of a contract type (report, claims, gate report, prior-logs index, sweep manifest).</summary>
internal static class SchemaExport
{
    /// <summary>
    /// The schema of <paramref name="root"/> under <paramref name="options"/>, as indented JSON with a final newline; the root
    /// node carries <c>$schema</c> (draft 2020-12), <c>$id</c> (<c>https://mlperf-audit.dev/schemas/&lt;fileName&gt;</c>) and
    /// <paramref name="title"/>.
    /// </summary>
    public static string Export(JsonSerializerOptions options, Type root, string fileName, string title)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.PropertyInfo is null && context.TypeInfo.Type == root && context.Path.IsEmpty && node is JsonObject obj)
                {
                    obj.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
                    obj.Insert(1, "$id", "https://mlperf-audit.dev/schemas/" + fileName);
                    obj.Insert(2, "title", title);
                }

                return node;
            },
        };
        var schema = options.GetJsonSchemaAsNode(root, exporterOptions);
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
