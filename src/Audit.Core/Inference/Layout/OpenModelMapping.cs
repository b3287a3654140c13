using System.Text.Json;
using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>
/// Open-division submitters may name benchmarks freely and map them to official models in
/// <c>&lt;submitter&gt;/model_mapping.json</c> (<c>{"my-model": "llama2-70b-99"}</c>).
/// </summary>
internal static class OpenModelMapping
{
    public static string? Resolve(ResultLocation location, BundleIndex index)
    {
        if (location.SubmitterFolder is not { } submitter || index.File(BundleIndex.Join(submitter, "model_mapping.json")) is not { } entry)
        {
            return null;
        }

        try
        {
            using var stream = index.Bundle.Open(entry);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(location.Benchmark, out var official)
                && official.ValueKind == JsonValueKind.String
                ? official.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
