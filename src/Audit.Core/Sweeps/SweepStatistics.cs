using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// Step-time statistics over measured steps, each value weighted by the iterations it stands for (1 for a per-step log,
/// N for an interval average over N iterations: Megatron-LM, NeMo 2 with log_interval N). Weights are frequency weights:
/// the result equals the statistics of the values repeated weight times, without building that list.
/// </summary>
internal static class SweepStatistics
{
    /// <summary>Statistics of <paramref name="values"/> (seconds) with weights (iterations); Steps is the total weight.</summary>
    public static SweepStepTimes Of(int warmupSteps, IReadOnlyList<(double Seconds, int Weight)> values)
    {
        var sorted = values.OrderBy(v => v.Seconds).ToArray();
        long n = sorted.Sum(v => (long)v.Weight);
        var mean = sorted.Sum(v => v.Seconds * v.Weight) / n;
        var median = n % 2 == 1 ? Nth(sorted, (n / 2) + 1) : (Nth(sorted, n / 2) + Nth(sorted, (n / 2) + 1)) / 2;
        var p95 = Nth(sorted, Math.Max(1, (long)Math.Ceiling(0.95 * n)));
        var sd = n > 1 ? Math.Sqrt(sorted.Sum(v => v.Weight * (v.Seconds - mean) * (v.Seconds - mean)) / (n - 1)) : 0;
        return new SweepStepTimes(warmupSteps, (int)Math.Min(n, int.MaxValue), mean, median, p95, sorted[0].Seconds, sorted[^1].Seconds, sd,
            sd / mean, [.. values.Select(v => v.Seconds)]);
    }

    /// <summary>Weighted mean; null when there are no values.</summary>
    public static double? Mean(IEnumerable<StepValue> values)
    {
        var list = values.ToList();
        var n = list.Sum(v => (long)v.Weight);
        return n == 0 ? null : list.Sum(v => v.Value * v.Weight) / n;
    }

    /// <summary>The k-th (1-based) value of the expanded, sorted sequence.</summary>
    private static double Nth((double Seconds, int Weight)[] sorted, long k)
    {
        long seen = 0;
        foreach (var (seconds, weight) in sorted)
        {
            seen += weight;
            if (seen >= k)
            {
                return seconds;
            }
        }

        return sorted[^1].Seconds;
    }
}
