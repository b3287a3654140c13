using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Metrics;

/// <summary>Values derived from a result's headline metric.</summary>
internal static class DerivedMetricsCalculator
{
    /// <summary>
    /// Per accelerator and per node for throughput metrics (headline ÷ count). Latency metrics are
    /// not divided: a latency per accelerator means nothing.
    /// </summary>
    /// <param name="metric">The headline metric, if any.</param>
    /// <param name="accelerators">number_of_nodes × accelerators_per_node.</param>
    /// <param name="nodes">number_of_nodes.</param>
    public static DerivedMetrics ForInference(Metric? metric, int? accelerators, int? nodes)
    {
        if (metric is null || metric.Unit.StartsWith("Latency", StringComparison.Ordinal))
        {
            return DerivedMetrics.None;
        }

        double? perAccelerator = accelerators is > 0 ? metric.Value / accelerators.Value : null;
        double? perNode = nodes is > 0 ? metric.Value / nodes.Value : null;
        var formula = (perAccelerator, perNode) switch
        {
            (null, null) => null,
            _ => $"perAccelerator = {metric.Name} ÷ (number_of_nodes × accelerators_per_node = {accelerators?.ToString() ?? "?"}); perNode = "
                + $"{metric.Name} ÷ number_of_nodes ({nodes?.ToString() ?? "?"})",
        };
        return new DerivedMetrics(perAccelerator, perNode, formula);
    }
}
