using System.Globalization;
using System.Text.Json;
using MlPerfAudit.Core.Reports.Html;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>
/// Test-only: comparison points from a published <c>summary_results.json</c> under ../shared/baselines (the product's
/// loader lives in src/Audit.Core/Baselines on another branch). Closed division only; per accelerator =
/// Performance_Result ÷ (a# × Nodes); rows without a positive accelerator count are skipped.
/// </summary>
internal static class PublishedPoints
{
    public static string InferenceV51Path => Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json");

    public const string InferenceV51Source = "MLCommons inference_results_v5.1 summary_results.json (commit 965182b0)";

    private static readonly Lazy<IReadOnlyList<ComparisonPoint>> V51 = new(() => Load(InferenceV51Path));

    public static IReadOnlyList<ComparisonPoint> InferenceV51 => V51.Value;

    public static IReadOnlyList<ComparisonPoint> Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var points = new List<ComparisonPoint>();
        foreach (var row in document.RootElement.EnumerateArray())
        {
            if (Text(row, "Category") != "closed" || Number(row, "a#") is not { } perNode || Number(row, "Nodes") is not { } nodes
                || Number(row, "Performance_Result") is not { } value || perNode * nodes <= 0)
            {
                continue;
            }

            var accelerators = (int)(perNode * nodes);
            points.Add(new ComparisonPoint(Text(row, "Model")!, Text(row, "Scenario")!, Text(row, "Submitter")!, Text(row, "Platform")!,
                accelerators, value / accelerators, Text(row, "Performance_Units")!, Text(row, "ID")!, Text(row, "Location")));
        }

        return points;
    }

    private static string? Text(JsonElement row, string name)
        => row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement row, string name)
    {
        if (!row.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
