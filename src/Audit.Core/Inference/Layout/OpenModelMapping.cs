using System.Text.Json;
using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>
/// Open-division submitters may name benchmarks freely and map them to official models in
/// <c>&lt;submitter&gt;/model_mapping.json</c> (<c>{"my-model": "llama2-70b-99"}</c>).
/// </summary>
internal static class OpenModelMapping
{
    /// <summary>The submitter's name → official benchmark mapping; empty when there is none or it cannot be read.</summary>
    public static IReadOnlyDictionary<string, string> Read(ResultLocation location, BundleIndex index)
    {
        if (location.SubmitterFolder is not { } submitter || index.File(BundleIndex.Join(submitter, "model_mapping.json")) is not { } entry)
        {
            return Empty;
        }

        try
        {
            using var stream = index.Bundle.Open(entry);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? Empty
                : document.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last().Value.GetString()!, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name or string that is not valid UTF-8 (JsonDocument checks only when it is read).
            return Empty;
        }
    }

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);
}
