using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>Judges one configuration of a sweep: its steps (duplicates, gaps, warm-up), step-time statistics, throughput, MFU, memory, loss and telemetry.</summary>
internal static class SweepRunAudit
{
    public static ResultReport Audit(ResolvedRun run, TelemetryIndex telemetry, SweepAuditor.Limits limits, string? accelerator, double? envMemoryMiB, SweepAuditOptions options)
    {
        var log = run.Log;
        var path = log.Path;
        var findings = new List<Finding>(run.Findings);
        foreach (var p in log.Problems.Take(options.MaxParseFindings))
        {
            findings.Add(Finding.Of(p.Code, p.Reason.EndsWith('.') ? p.Reason : p.Reason + ".", path, p.Line));
        }

        if (log.Problems.Count > options.MaxParseFindings)
        {
            findings.Add(Finding.Of(log.Problems[0].Code, $"{log.Problems.Count - options.MaxParseFindings} more lines could not be parsed.", path));
        }

        var missing = new[] { ("micro_batch_size", run.MicroBatchSize), ("global_batch_size", run.GlobalBatchSize), ("sequence length", run.SequenceLength) }
            .Where(x => x.Item2 is null).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpConfigMissing, $"Neither the log nor a sweep manifest gives {string.Join(", ", missing)} as a positive integer, so its configuration is incomplete.", path));
        }

        var (mbs, gbs, seq, gpus) = (run.MicroBatchSize ?? 0, run.GlobalBatchSize ?? 0, run.SequenceLength ?? 0, run.Gpus);
        var label = SweepAuditor.Label(mbs, gbs, run.TensorParallel, run.PipelineParallel, run.ContextParallel, run.DataParallel);
        var configuration = new SweepConfiguration(label, mbs, gbs, run.TensorParallel, run.PipelineParallel, run.ContextParallel, run.DataParallel, gpus, seq,
            run.Precision, run.ModelParameters, log.Config.Platform ?? run.Accelerator ?? accelerator);

        var completed = log.Status == "success";
        if (!completed)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpRunAborted, $"{label} stopped with status '{log.Status}'{(log.AbortReason is { } r ? $" ({r})" : string.Empty)}; it is reported but not ranked.", path, log.RunStopLine));
        }

        var stepList = SweepSteps.Prepare(run, label, findings);
        var warmup = stepList.Where(s => s.Warmup).ToList();
        var measured = stepList.Where(s => !s.Warmup).ToList();
        SweepStepTimes? steps = null;
        if (measured.Count > 0 && measured.All(s => double.IsFinite(s.Value) && s.Value > 0))
        {
            steps = SweepStatistics.Of(warmup.Sum(s => s.Weight), [.. measured.Select(s => (s.Value, s.Weight))]);
            if (steps.Steps < options.MinMeasuredSteps)
            {
                findings.Add(Finding.Of(FindingCatalog.SwpStepFew, $"{label} has {steps.Steps} measured steps, fewer than {options.MinMeasuredSteps}.", path, measured[0].Line));
            }

            if (steps.CoefficientOfVariation > options.MaxStepTimeVariation)
            {
                var slowest = measured.MaxBy(s => s.Value)!;
                findings.Add(Finding.Of(FindingCatalog.SwpStepUnstable, string.Create(CultureInfo.InvariantCulture,
                    $"{label}: measured step times vary by {steps.CoefficientOfVariation * 100:0.0}% (coefficient of variation, limit {options.MaxStepTimeVariation * 100:0.#}%): {steps.MinSeconds:0.0000}–{steps.MaxSeconds:0.0000} s around a mean of {steps.MeanSeconds:0.0000} s; the mean is {(steps.MeanSeconds / steps.MinSeconds - 1) * 100:0}% above the fastest step, so no single step stands for the step time."),
                    path, slowest.Line));
            }
        }
        else if (completed)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpStepNone, measured.Count == 0
                ? $"{label} completed but logs no step time outside warm-up ({warmup.Sum(s => s.Weight)} warm-up steps)."
                : $"{label} logs a step time that is not a positive finite number of seconds.", path, measured.FirstOrDefault()?.Line));
        }

        // Throughput and utilization.
        double? tokensPerStep = log.TokensPerStep ?? (gbs > 0 && seq > 0 ? (double)gbs * seq : null);
        if (log.TokensPerStep is { } logged && gbs > 0 && seq > 0 && Math.Abs(logged - ((double)gbs * seq)) > 0.5)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpConfigTokens, string.Create(CultureInfo.InvariantCulture,
                $"tokens_per_step is {logged} but global_batch_size × max_sequence_length = {gbs} × {seq} = {(double)gbs * seq}; the logged value is used."), path));
        }

        double? tokensPerSecond = steps is not null && tokensPerStep is { } tps ? tps / steps.MeanSeconds : null;
        double? perGpu = tokensPerSecond / gpus;
        var (mfu, mfuFormula, modelTflops, reportedTflops) = Efficiency(run, configuration, perGpu, measured, label, options, findings);

        // Memory.
        var gpuSet = telemetry.GpusFor(gpus);
        var capacityMiB = telemetry.MemoryTotal(gpuSet) ?? envMemoryMiB;
        double? capacity = capacityMiB / 1024.0;
        double? headroom = capacity is { } cap && log.PeakMemoryGiB is { } used ? cap - used : null;

        var loss = SweepSteps.Loss(run, label, options, findings);

        // Telemetry, matched by time.
        var timed = stepList.Count > 0 && stepList.All(s => double.IsFinite(s.TimeMs));
        var start = log.RunStartMs ?? (timed ? stepList[0].TimeMs - (stepList[0].Value * stepList[0].Weight * 1000) : 0);
        var stop = log.RunStopMs ?? (timed ? stepList[^1].TimeMs : start);
        var measuredStart = warmup.Count > 0 ? warmup[^1].TimeMs : (measured.Count > 0 ? measured[0].TimeMs - (measured[0].Value * measured[0].Weight * 1000) : start);
        var measuredStop = measured.Count > 0 ? measured[^1].TimeMs : stop;
        var window = timed ? new SweepWindow(start, stop, measuredStart, measuredStop) : new SweepWindow(0, 0, 0, 0);
        SweepTelemetry? tel = null;
        if (telemetry.Files.Count > 0 && !timed)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpTelNoTime, $"{label}: the {SweepFormatDetector.Name(log.Format)} log has no times and the sweep manifest gives no start for it, so telemetry was not matched to it.", path));
        }
        else if (telemetry.Files.Count > 0)
        {
            tel = TelemetryCheck.Match(telemetry, gpuSet, window, limits.MaxSmClockMhz, limits.PowerLimitWatts, log.PeakMemoryGiB, completed && measured.Count > 0, label, options, findings);
        }

        var details = new SweepDetails(configuration, log.Status, log.AbortReason, window, steps, tokensPerStep, tokensPerSecond, perGpu, mfu, mfuFormula,
            log.PeakMemoryGiB, capacity, headroom, loss, tel, SweepFormatDetector.Name(log.Format), run.Source, modelTflops, reportedTflops);
        var ordered = findings.OrderBy(f => f.Severity == Severity.Error ? 0 : 1).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? Verdict.Invalid : Verdict.Valid;
        var metric = tokensPerSecond is { } t ? new Metric("tokens_per_second", t, "Tokens/s", path, measured.Count > 0 ? measured[^1].Line : null) : null;
        var derived = perGpu is { } pg
            ? new DerivedMetrics(pg, tokensPerSecond, string.Create(CultureInfo.InvariantCulture,
                $"tokens per step / mean measured step time = {tokensPerStep} / {steps!.MeanSeconds:0.######} s; per accelerator ÷ {gpus} GPUs (TP × PP × CP × DP); per node: one machine"))
            : DerivedMetrics.None;
        return new ResultReport(path, string.Empty, string.Empty, log.Config.Platform ?? accelerator ?? string.Empty, log.Config.Benchmark ?? string.Empty, label, verdict, metric,
            gpus, 1, derived, ordered, Sweep: details);
    }

    /// <summary>MFU (6 × N × tokens/s per GPU ÷ dense peak), the audit's model TFLOP/s per GPU, and the framework's own TFLOP/s/GPU checked against it.</summary>
    private static (double? Mfu, string? Formula, double? ModelTflops, double? ReportedTflops) Efficiency(ResolvedRun run, SweepConfiguration configuration, double? perGpu,
        List<StepValue> measured, string label, SweepAuditOptions options, List<Finding> findings)
    {
        var path = run.Log.Path;
        if (perGpu is not { } g)
        {
            return (null, null, null, null);
        }

        double? mfu = null, model = null;
        string? formula = null;
        var entry = AcceleratorData.Find(configuration.Accelerator);
        var precision = AcceleratorData.PrecisionKey(run.Precision);
        if (run.ModelParameters is { } n && entry is not null && precision is not null && entry.PeakTflops.TryGetValue(precision, out var peak))
        {
            mfu = 6.0 * n * g / (peak * 1e12);
            formula = string.Create(CultureInfo.InvariantCulture,
                $"6 x model_parameters x tokens/s per GPU / dense peak = 6 x {n} x {g:0.###} / ({peak} TFLOP/s {precision} x 1e12) = {mfu:0.####} ({entry.Source})");
        }
        else
        {
            findings.Add(Finding.Of(FindingCatalog.SwpMfuUnknown, run.ModelParameters is null
                ? $"{label}: model_parameters is given neither by the log nor by a sweep manifest, so model FLOPs utilization is not computed."
                : $"{label}: no dense {run.Precision} peak for '{configuration.Accelerator ?? "unknown accelerator"}' in Rounds/training-metrics.json, so model FLOPs utilization is not computed.", path));
        }

        if (run.ModelParameters is { } parameters)
        {
            // FLOPs per token: 6N, plus 12 × layers × hidden × sequence for attention when known (Chowdhery et al. 2022, PaLM, appendix B).
            var attention = run.NumLayers is { } l && run.HiddenSize is { } h && run.SequenceLength is { } s ? 12.0 * l * h * s : 0;
            model = ((6.0 * parameters) + attention) * g / 1e12;
        }

        var steps = measured.Select(s => s.Step).ToHashSet();
        var reported = SweepStatistics.Mean(run.Log.ReportedTflops.Where(t => steps.Contains(t.Step)));
        if (reported is { } r && model is { } m && m > 0 && Math.Abs((r / m) - 1) > options.ReportedTflopsTolerance + SweepAuditor.LimitTolerance)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpMfuDisagree, string.Create(CultureInfo.InvariantCulture,
                $"{label}: the log's throughput per GPU averages {r:0.0} TFLOP/s over the measured iterations, but (6 × {run.ModelParameters}{(run.NumLayers is null ? string.Empty : $" + 12 × {run.NumLayers} × {run.HiddenSize} × {run.SequenceLength}")}) FLOPs/token × {g:0.#} tokens/s per GPU = {m:0.0} TFLOP/s: {(r / m - 1) * 100:+0.0;-0.0}%, beyond the {options.ReportedTflopsTolerance * 100:0.#}% tolerance."),
                path, run.Log.ReportedTflops[^1].Line));
        }

        return (mfu, formula, model, reported);
    }
}
