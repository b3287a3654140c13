using MlPerfAudit.Core.Baselines;

namespace MlPerfAudit.Core.Reports.Html;

/// <summary>Turns published results tables (<see cref="BaselineLoader"/>) into the points the throughput charts plot.</summary>
public static class PublishedComparisons
{
    /// <summary>
    /// Closed-division inference throughput results with a known accelerator count, as points of
    /// per-accelerator throughput (published value ÷ accelerators, per accelerator). The unit is the metric's under the
    /// round's rules where they give one (<see cref="PublishedUnitCheck.ExpectedUnit"/>), so a row published with the wrong
    /// unit (INF-CONS-008) is still drawn beside the audited results it measures the same thing as.
    /// </summary>
    public static IReadOnlyList<ComparisonPoint> From(IEnumerable<PublishedResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return
        [
            .. rows
                .Where(r => r.Suite == BaselineSuite.Inference && r.Division == "closed" && r.PerAccelerator is not null && r.Accelerators is > 0)
                .Select(r => new ComparisonPoint(r.Benchmark, r.Scenario, r.Submitter, r.Platform, r.Accelerators!.Value, r.PerAccelerator!.Value,
                    PublishedUnitCheck.ExpectedUnit(r) ?? r.Unit, r.Id ?? r.Provenance, r.Location)),
        ];
    }
}
