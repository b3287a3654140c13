using System.Text.Json;
using MathNet.Numerics.Distributions;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training.Rcp;

/// <summary>One reference convergence point with its statistics (spec §9.2-§9.3).</summary>
/// <param name="BatchSize">Global batch size of the reference runs.</param>
/// <param name="Mean">Mean samples (or epochs) to converge after dropping the lowest and highest value (4 each for unet3d).</param>
/// <param name="Stdev">Population standard deviation of the full, untrimmed list.</param>
/// <param name="MinEpochs">Minimum acceptable submission mean (one-sided t-test, α = 0.05).</param>
/// <param name="Count">Number of reference runs in the list (0 for an interpolated point).</param>
/// <param name="Interpolated">True for a point interpolated between two pruned RCPs.</param>
internal sealed record RcpPoint(double BatchSize, double Mean, double Stdev, double MinEpochs, int Count, bool Interpolated)
{
    /// <summary>Mean ÷ MinEpochs: how much faster than the reference mean a submission may converge.</summary>
    public double MaxSpeedup => Mean / MinEpochs;
}

/// <summary>The RCPs of one benchmark in one rule set: all points sorted by batch size, and the pruned set the checks use.</summary>
internal sealed class RcpTable
{
    private const double Alpha = 0.05;
    private const double Tolerance = 0.0001;

    private RcpTable(BenchmarkRules benchmark, IReadOnlyList<RcpPoint> all, IReadOnlyList<RcpPoint> pruned)
    {
        Benchmark = benchmark;
        All = all;
        Pruned = pruned;
    }

    /// <summary>The benchmark's package facts (run count used as the submission sample size).</summary>
    public BenchmarkRules Benchmark { get; }

    /// <summary>Every RCP, sorted by batch size.</summary>
    public IReadOnlyList<RcpPoint> All { get; }

    /// <summary>RCPs after pruning (§9.4).</summary>
    public IReadOnlyList<RcpPoint> Pruned { get; }

    /// <summary>
    /// Builds the table from the rule set's embedded RCP statistics (per reference record: batch size, trimmed mean,
    /// population standard deviation, count); null when there are none for the benchmark.
    /// </summary>
    public static RcpTable? For(TrainingRuleSet rules, BenchmarkRules benchmark)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(benchmark);
        if (!rules.RcpFiles.TryGetValue(benchmark.Name, out var bytes))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(bytes);
        var rejected = benchmark.Name == "unet3d" ? 4 : 1;
        var points = new List<RcpPoint>();
        foreach (var point in doc.RootElement.GetProperty("points").EnumerateArray())
        {
            var mean = point.GetProperty("mean").GetDouble();
            var stdev = point.GetProperty("stdev").GetDouble();
            var count = point.GetProperty("count").GetInt32();
            var minEpochs = MinAcceptableMean(mean, stdev, count - (2 * rejected), benchmark.Runs);
            points.Add(new RcpPoint(point.GetProperty("bs").GetDouble(), mean, stdev, minEpochs, count, false));
        }

        var sorted = points.OrderBy(p => p.BatchSize).ToList();
        return new RcpTable(benchmark, sorted, Prune(sorted, benchmark.Runs));
    }

    /// <summary>Linear interpolation of mean and stdev at <paramref name="batchSize"/>, with n_ref = 2 × runs (§9.5).</summary>
    public static RcpPoint Interpolate(double batchSize, RcpPoint low, RcpPoint high, int runs)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        var mean = Interp(batchSize, low.BatchSize, high.BatchSize, low.Mean, high.Mean);
        var stdev = Interp(batchSize, low.BatchSize, high.BatchSize, low.Stdev, high.Stdev);
        return new RcpPoint(batchSize, mean, stdev, MinAcceptableMean(mean, stdev, runs * 2, runs), 0, true);
    }

    /// <summary>
    /// Bisection on [0, mean] for the lowest submission mean a one-sided two-sample t-test (equal variances,
    /// α = 0.05) still accepts, to a tolerance of 1e-4 (spec §9.3). Returns the mean when stdev is 0.
    /// </summary>
    /// <param name="mean">Reference mean.</param>
    /// <param name="stdev">Reference standard deviation, used for both samples.</param>
    /// <param name="referenceCount">n_ref.</param>
    /// <param name="runs">Submission runs; n_sub = runs − 2.</param>
    public static double MinAcceptableMean(double mean, double stdev, int referenceCount, int runs)
    {
        if (stdev == 0)
        {
            return mean;
        }

        var submissionCount = runs - 2;
        var high = mean;
        var low = 0.0;
        var mid = (low + high) / 2;
        while (high - low > Tolerance)
        {
            var t = (mid - mean) / Math.Sqrt((stdev * stdev) * ((1.0 / referenceCount) + (1.0 / submissionCount)));
            var p = StudentT.CDF(0, 1, referenceCount + submissionCount - 2, t);
            if (p > Alpha)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }

            mid = (low + high) / 2;
        }

        return mid;
    }

    /// <summary>numpy.interp between two points: slope × (x − x0) + y0.</summary>
    internal static double Interp(double x, double x0, double x1, double y0, double y1)
    {
        if (x1 == x0)
        {
            return y0;
        }

        var slope = (y1 - y0) / (x1 - x0);
        return (slope * (x - x0)) + y0;
    }

    internal static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return values.Count == 0 ? double.NaN : sum / values.Count;
    }

    private static double PopulationStdev(double[] values)
    {
        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / values.Length);
    }

    /// <summary>§9.4: drop points below the fastest one's batch size, then drop a point slower than the line between its neighbours.</summary>
    private static List<RcpPoint> Prune(List<RcpPoint> sorted, int runs)
    {
        if (sorted.Count == 0)
        {
            return [];
        }

        var fastest = sorted.MinBy(p => p.Mean)!;
        var list = sorted.Where(p => p.BatchSize >= fastest.BatchSize).ToList();
        var i = 1;
        while (i < list.Count - 1)
        {
            var interpolated = Interpolate(list[i].BatchSize, list[i - 1], list[i + 1], runs);
            if (list[i].Mean > interpolated.Mean)
            {
                list.RemoveAt(i);
                continue;
            }

            i++;
        }

        return list;
    }
}
