using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Metrics;

/// <summary>One audited training result, as scaling efficiency needs it.</summary>
/// <param name="Id">Result id, for messages.</param>
/// <param name="Benchmark">Benchmark id; both results must share it.</param>
/// <param name="Accelerators">Accelerator count N.</param>
/// <param name="GlobalBatchSize">Global batch size, in samples per step.</param>
/// <param name="Time">For weak scaling: mean time per step, in seconds. For strong scaling: time to train, in any one unit used for both
/// results.</param>
internal sealed record ScalingPoint(string Id, string Benchmark, int Accelerators, double GlobalBatchSize, double Time);

/// <summary>A scaling efficiency, or the reason it was refused.</summary>
/// <param name="Efficiency">The efficiency as a fraction (1.0 = perfect), or null when refused.</param>
/// <param name="Formula">The formula with the values substituted, or the refusal reason.</param>
internal sealed record ScalingEfficiencyResult(double? Efficiency, string Formula);

/// <summary>
/// Scaling efficiency between two audited results of the same benchmark (non-official: MLPerf Training defines none).
/// Weak scaling keeps the work per accelerator constant: efficiency = T_small ÷ T_large with T the time per step,
/// and it is refused when the per-accelerator batch (global batch ÷ accelerators) differs. Strong scaling keeps the
/// global batch constant: efficiency = (N_small × T_small) ÷ (N_large × T_large), refused when the global batch differs.
/// </summary>
internal static class ScalingEfficiency
{
    /// <summary>Relative tolerance when comparing batch sizes, dimensionless.</summary>
    public const double BatchTolerance = 1e-9;

    /// <summary>Weak scaling: T_small ÷ T_large, step times in seconds.</summary>
    public static ScalingEfficiencyResult Weak(ScalingPoint a, ScalingPoint b)
    {
        if (Refuse(a, b) is { } reason)
        {
            return new ScalingEfficiencyResult(null, reason);
        }

        var (small, large) = Order(a, b);
        var perSmall = small.GlobalBatchSize / small.Accelerators;
        var perLarge = large.GlobalBatchSize / large.Accelerators;
        if (Math.Abs(perSmall - perLarge) > BatchTolerance * Math.Max(perSmall, perLarge))
        {
            return new ScalingEfficiencyResult(null,
                $"weak scaling refused: the per-accelerator batch differs ({NumberText.Significant(perSmall)} = "
                    + $"{NumberText.Significant(small.GlobalBatchSize)}/{small.Accelerators} vs {NumberText.Significant(perLarge)} = "
                    + $"{NumberText.Significant(large.GlobalBatchSize)}/{large.Accelerators}), so the work per accelerator is not constant");
        }

        var e = small.Time / large.Time;
        return new ScalingEfficiencyResult(e, $"T_small / T_large = {NumberText.Significant(small.Time)} s / {NumberText.Significant(large.Time)} s "
            + $"= {NumberText.Significant(e)} (N {small.Accelerators} -> {large.Accelerators}, {NumberText.Significant(perSmall)} samples per "
            + $"accelerator per step)");
    }

    /// <summary>Strong scaling: (N_small × T_small) ÷ (N_large × T_large).</summary>
    public static ScalingEfficiencyResult Strong(ScalingPoint a, ScalingPoint b)
    {
        if (Refuse(a, b) is { } reason)
        {
            return new ScalingEfficiencyResult(null, reason);
        }

        var (small, large) = Order(a, b);
        if (Math.Abs(small.GlobalBatchSize - large.GlobalBatchSize) > BatchTolerance * Math.Max(small.GlobalBatchSize, large.GlobalBatchSize))
        {
            return new ScalingEfficiencyResult(null,
                $"strong scaling refused: the global batch differs ({NumberText.Significant(small.GlobalBatchSize)} vs "
                    + $"{NumberText.Significant(large.GlobalBatchSize)})");
        }

        var e = small.Accelerators * small.Time / (large.Accelerators * large.Time);
        return new ScalingEfficiencyResult(e, $"(N_small x T_small) / (N_large x T_large) = ({small.Accelerators} x "
            + $"{NumberText.Significant(small.Time)}) / ({large.Accelerators} x {NumberText.Significant(large.Time)}) = {NumberText.Significant(e)}");
    }

    private static string? Refuse(ScalingPoint a, ScalingPoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.Benchmark, b.Benchmark, StringComparison.Ordinal))
        {
            return $"refused: different benchmarks ({a.Benchmark}, {b.Benchmark})";
        }

        if (a.Accelerators <= 0 || b.Accelerators <= 0 || !(a.Time > 0) || !(b.Time > 0) || !(a.GlobalBatchSize > 0) || !(b.GlobalBatchSize > 0))
        {
            return "refused: accelerator counts, batch sizes and times must be positive";
        }

        return a.Accelerators == b.Accelerators ? "refused: both results use the same number of accelerators" : null;
    }

    private static (ScalingPoint Small, ScalingPoint Large) Order(ScalingPoint a, ScalingPoint b)
        => a.Accelerators < b.Accelerators ? (a, b) : (b, a);
}
