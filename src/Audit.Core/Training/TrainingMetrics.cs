using System.Text.Json;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// Derived, non-official training metrics (spec §14): accelerators, accelerator-hours, throughput, step-time
/// statistics and model FLOPs utilization. Every value carries its formula with the inputs substituted.
/// Model sizes and accelerator peaks come from <c>Rounds/training-metrics.json</c> (data with sources).
/// </summary>
internal static class TrainingMetrics
{
    private static readonly Lazy<(Dictionary<string, double> Params, List<(string Match, Dictionary<string, double> Peaks, string Source)> Peaks)>
        Data = new(Load);

    /// <summary>tracked_stats.train_step_time over all runs, in seconds; null when no log carries it.</summary>
    public static StepTimeStatistics? StepTimes(IReadOnlyList<TrainingLog> logs)
    {
        var times = new List<double>();
        foreach (var log in logs)
        {
            foreach (var r in log.Records)
            {
                if (r.Key == "tracked_stats" && r.Value.ValueKind == JsonValueKind.Object
                    && r.Value.TryGetProperty("train_step_time", out var t) && t.ValueKind == JsonValueKind.Number)
                {
                    times.Add(t.GetDouble());
                }
            }
        }

        if (times.Count == 0)
        {
            return null;
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return new StepTimeStatistics(times.Count, times.Sum() / times.Count, median, times[0], times[^1],
            $"tracked_stats value.train_step_time (seconds per optimizer step) over {times.Count} steps of {logs.Count} runs");
    }

    public static IReadOnlyList<DerivedValue> Derive(BenchmarkRules benchmark, IReadOnlyList<TrainingLog> logs, IReadOnlyList<TrainingRun> runs,
        TrainingScore? score, SystemDescription? system, StepTimeStatistics? steps, TrainingAuditOptions options)
    {
        var list = new List<DerivedValue>();
        var n = system?.Accelerators;
        if (n is { } accelerators)
        {
            list.Add(new DerivedValue("accelerators", accelerators, "accelerators",
                $"number_of_nodes x accelerators_per_node = {system!.Nodes} x {system.AcceleratorsPerNode} = {accelerators}"));
            if (score is not null)
            {
                var hours = accelerators * score.OlympicMinutes / 60;
                list.Add(new DerivedValue("accelerator_hours_per_run", hours, "accelerator-hours",
                    $"accelerators x olympic run time / 60 = {accelerators} x {F(score.OlympicMinutes)} min / 60 = {F(hours)}"));
            }
        }

        // Throughput over the scored runs: converged samples / run time (samples-counted benchmarks only).
        var scored = runs.Where(r => r.CountedInScore && r.SamplesToConverge is not null && r.TimeToTrainMinutes is > 0).ToList();
        if (benchmark.Convergence != ConvergenceUnit.Samples || scored.Count == 0)
        {
            return list;
        }

        var samplesPerSecond = scored.Average(r => r.SamplesToConverge!.Value / (r.TimeToTrainMinutes!.Value * 60));
        list.Add(new DerivedValue("samples_per_second", samplesPerSecond, "samples/s",
            $"mean over the {scored.Count} scored runs of samples_to_converge / (time_to_train x 60 s), "
            + $"e.g. {F(scored[0].SamplesToConverge!.Value)} / ({F(scored[0].TimeToTrainMinutes!.Value)} x 60) = "
            + F(scored[0].SamplesToConverge!.Value / (scored[0].TimeToTrainMinutes!.Value * 60))));
        if (n is { } acc)
        {
            list.Add(new DerivedValue("samples_per_second_per_accelerator", samplesPerSecond / acc, "samples/s per accelerator",
                $"samples_per_second / accelerators = {F(samplesPerSecond)} / {acc}"));
        }

        var seq = FirstNumber(logs, "max_sequence_length");
        if (seq is not { } sequence)
        {
            return list;
        }

        var tokensPerSecond = samplesPerSecond * sequence;
        list.Add(new DerivedValue("tokens_per_second", tokensPerSecond, "tokens/s",
            $"samples_per_second x max_sequence_length = {F(samplesPerSecond)} x {F(sequence)}"));
        if (n is not { } count)
        {
            return list;
        }

        list.Add(new DerivedValue("tokens_per_second_per_accelerator", tokensPerSecond / count, "tokens/s per accelerator",
            $"tokens_per_second / accelerators = {F(tokensPerSecond)} / {count}"));
        if (steps is not null)
        {
            var gbs = FirstNumber(logs, "global_batch_size");
            if (gbs is { } g)
            {
                var stepTokens = g * sequence / steps.MeanSeconds;
                list.Add(new DerivedValue("tokens_per_second_from_step_time", stepTokens, "tokens/s",
                    $"global_batch_size x max_sequence_length / mean step time = {F(g)} x {F(sequence)} / {F(steps.MeanSeconds)} s "
                    + "(excludes evaluation time)"));
            }
        }

        ModelFlopsUtilization(list, benchmark, logs, system, options, tokensPerSecond, count);
        return list;
    }

    /// <summary>Model FLOPs utilization (POL appendix, non-official), when the model size and the accelerator's peak are known.</summary>
    private static void ModelFlopsUtilization(List<DerivedValue> list, BenchmarkRules benchmark, IReadOnlyList<TrainingLog> logs,
        SystemDescription? system, TrainingAuditOptions options, double tokensPerSecond, int count)
    {
        var data = Data.Value;
        var precision = Precision(logs) ?? options.AssumedPrecision;
        var model = system?.AcceleratorModel ?? string.Empty;
        var peak = data.Peaks.FirstOrDefault(p => model.Contains(p.Match, StringComparison.OrdinalIgnoreCase));
        if (data.Params.TryGetValue(benchmark.Name, out var parameters) && precision is not null
            && peak.Peaks is not null && peak.Peaks.TryGetValue(precision, out var tflops))
        {
            var flopsPerToken = 6 * parameters;
            var mfu = tokensPerSecond * flopsPerToken / (count * tflops * 1e12);
            var from = Precision(logs) is null ? "assumed by option" : "logged lowest_numerical_precision_in_linear";
            list.Add(new DerivedValue("model_flops_utilization", mfu, "fraction of peak",
                $"tokens_per_second x (6 x {F(parameters)} parameters) / (accelerators x peak) = {F(tokensPerSecond)} x {F(flopsPerToken)} "
                + $"/ ({count} x {F(tflops)} TFLOP/s {precision} dense, {from}; {peak.Source})"));
        }

    }

    private static string? Precision(IReadOnlyList<TrainingLog> logs)
    {
        var r = logs.Select(l => l.First("lowest_numerical_precision_in_linear")).FirstOrDefault(x => x is { Value.ValueKind: JsonValueKind.String });
        return r?.Value.GetString() switch
        {
            "bfloat16" or "fp16" => "bf16",
            "fp8" => "fp8",
            "nvfp4" => "nvfp4",
            "mxfp4" => "mxfp4",
            _ => null,
        };
    }

    private static double? FirstNumber(IReadOnlyList<TrainingLog> logs, string key)
        => logs.Select(l => l.First(key)).FirstOrDefault(r => r is { Value.ValueKind: JsonValueKind.Number })?.Value.GetDouble();

    private static (Dictionary<string, double>, List<(string, Dictionary<string, double>, string)>) Load()
    {
        using var stream = typeof(TrainingMetrics).Assembly.GetManifestResourceStream("Rounds/training-metrics.json")
            ?? throw new InvalidOperationException("Rounds/training-metrics.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        var parameters = doc.RootElement.GetProperty("models").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("parameters").GetDouble(), StringComparer.Ordinal);
        var peaks = doc.RootElement.GetProperty("accelerators").EnumerateArray().Select(a => (
            a.GetProperty("match").GetString()!,
            a.GetProperty("peakTflops").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal),
            a.GetProperty("source").GetString()!)).ToList();
        return (parameters, peaks);
    }

    private static string F(double v) => v.ToString("G7", System.Globalization.CultureInfo.InvariantCulture);
}
