using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// The result summarizer's score (spec §8): the mean of the run times left after dropping the MaxDropped fastest and as
/// many slowest (failed runs count as the slowest), times the RCP scaling factor.
/// </summary>
internal static class OlympicScore
{
    /// <summary>The score and the run times it counts; no score when too many runs failed or too few are left.</summary>
    /// <param name="runs">The judged runs.</param>
    /// <param name="benchmark">The benchmark's rules (MaxDropped).</param>
    /// <param name="dropped">Runs that failed compliance.</param>
    /// <param name="scalingFactor">The RCP scaling factor (1 when none applies).</param>
    public static (TrainingScore? Score, List<double> Counted) Of(
        List<JudgedRun> runs, BenchmarkRules benchmark, int dropped, double scalingFactor)
    {
        var times = runs.Where(r => r.Minutes is not null).Select(r => r.Minutes!.Value).Order().ToList();
        if (dropped > benchmark.MaxDropped)
        {
            return (null, []);
        }

        var take = times.Count - benchmark.MaxDropped - (benchmark.MaxDropped - dropped);
        var counted = take > 0 ? times.Skip(benchmark.MaxDropped).Take(take).ToList() : [];
        if (counted.Count == 0)
        {
            return (null, counted);
        }

        var olympic = counted.Sum() / counted.Count;
        var formula = $"olympic = mean of the {counted.Count} run times left after dropping the {benchmark.MaxDropped} fastest and "
            + $"{benchmark.MaxDropped - dropped} slowest ({dropped} failed run(s) count as slowest) = {NumberText.Plain(olympic)} min; "
            + $"score = olympic x RCP scaling factor {NumberText.Plain(scalingFactor)} = {NumberText.Plain(olympic * scalingFactor)} min";
        return (new TrainingScore(olympic, scalingFactor, olympic * scalingFactor, dropped, counted, formula), counted);
    }
}
