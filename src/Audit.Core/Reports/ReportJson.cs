using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;

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

    /// <summary>
    /// Builds the serializer's metadata and compiles its write paths by writing a small one-result report and dropping
    /// the bytes, so a caller can pay that one-time cost on another thread while an audit runs instead of in the first
    /// <see cref="Serialize"/> (about 0.3 s of CPU in the command line, which compiles every method fully at first use).
    /// </summary>
    public static void Prepare()
    {
        var finding = new Finding("INF-LAT-001", Severity.Error, "sample", "a/b.txt", 1);
        var result = new ResultReport("closed/s/results/x/b/Offline", "closed", "s", "x", "b", "Offline", Verdict.Invalid,
            new Metric("samples_per_second", 1.5, "samples/s", "a/b.txt", 2), 8, 1, new DerivedMetrics(0.1875, 1.5, "value / 8"), [finding]);
        var sample = new AuditReport(new ToolInfo("t", "0"), new RulesInfo("inference", "v5.1", "0"), new BundleInfo("0", "b"), [result], [finding],
            new ReportSummary(0, 1))
        {
            Limits = ReportLimits.From(Bundles.BundleLimits.Default, timed: true, ["MaxLineBytes"]),
        };
        _ = Serialize(sample);
    }

    /// <summary>Reads a report back, strictly: unknown members and missing required members are errors.</summary>
    /// <exception cref="JsonException">The bytes are not a valid report.</exception>
    public static AuditReport Deserialize(ReadOnlySpan<byte> utf8)
        => (AuditReport?)JsonSerializer.Deserialize(utf8, Options.GetTypeInfo(typeof(AuditReport)))
           ?? throw new JsonException("report.json holds null");

    /// <summary>The JSON Schema of the report, exported from the C# types.</summary>
    public static string ExportSchema() => SchemaExport.Export(Options, typeof(AuditReport), "audit-report.schema.json", "MLPerf Audit report");
}
