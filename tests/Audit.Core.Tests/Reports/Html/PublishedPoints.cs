using MlPerfAudit.Core.Reports.Html;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>Comparison points from the published v5.1 <c>summary_results.json</c> under ../shared/baselines.</summary>
internal static class PublishedPoints
{
    public static string InferenceV51Path => Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json");

    public const string InferenceV51Source = "MLCommons inference_results_v5.1 summary_results.json (commit 965182b0)";

    private static readonly Lazy<IReadOnlyList<ComparisonPoint>> V51 = new(() => Load(InferenceV51Path));

    public static IReadOnlyList<ComparisonPoint> InferenceV51 => V51.Value;

    /// <summary>The published points, through the product's own loader and mapper.</summary>
    public static IReadOnlyList<ComparisonPoint> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var table = MlPerfAudit.Core.Baselines.BaselineLoader.Load(stream, path);
        Assert.Empty(table.Errors);
        return PublishedComparisons.From(table.Rows);
    }
}
