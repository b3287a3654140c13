using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// Judges one configuration of a sweep: its steps (duplicates, gaps, warm-up), step-time statistics, throughput, MFU, memory, loss
/// and telemetry.
/// </summary>
internal static class SweepRunAudit
{
    public static ResultReport Audit(ResolvedRun run, TelemetryIndex telemetry, SweepAuditor.Limits limits, string? accelerator,
        double? envMemoryMiB, SweepAuditOptions options)
    {
        var log = run.Log;
        var path = log.Path;
        var findings = new List<Finding>(run.Findings);
        ParseFindings(log, options, findings);
        var configuration = Configuration(run, accelerator, findings);
        var label = configuration.Label;
        var completed = log.Status == "success";
        if (!completed)
        {
            findings.Add(log.AbortReason is { } r
                ? FindingCatalog.SwpRunAborted.At(path, log.RunStopLine, label, log.Status, r)
                : FindingCatalog.SwpRunAbortedNoReason.At(path, log.RunStopLine, label, log.Status));
        }

        var stepList = SweepSteps.Prepare(run, label, findings);
        var warmup = stepList.Where(s => s.Warmup).ToList();
        var measured = stepList.Where(s => !s.Warmup).ToList();
        var steps = StepTimes(path, label, warmup, measured, completed, options, findings);

        // Throughput and utilization.
        var (gbs, seq, gpus) = (configuration.GlobalBatchSize, configuration.SequenceLength, configuration.Gpus);
        double? tokensPerStep = log.TokensPerStep ?? (gbs > 0 && seq > 0 ? (double)gbs * seq : null);
        if (log.TokensPerStep is { } logged && gbs > 0 && seq > 0 && Math.Abs(logged - ((double)gbs * seq)) > 0.5)
        {
            findings.Add(FindingCatalog.SwpConfigTokens.At(path, null, logged, gbs, seq, (double)gbs * seq));
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
        var window = Window(log, stepList, warmup, measured);
        var tel = MatchTelemetry(run, telemetry, gpuSet, window, limits, completed && measured.Count > 0, label, options, findings);
        var details = new SweepDetails(configuration, log.Status, log.AbortReason, window ?? new SweepWindow(0, 0, 0, 0), steps, tokensPerStep,
            tokensPerSecond, perGpu, mfu, mfuFormula, log.PeakMemoryGiB, capacity, headroom, loss, tel, SweepFormatDetector.Name(log.Format),
            run.Source, modelTflops, reportedTflops);
        var ordered = findings.OrderBy(f => f.Severity == Severity.Error ? 0 : 1).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? Verdict.Invalid : Verdict.Valid;
        var metric = tokensPerSecond is { } t
            ? new Metric("tokens_per_second", t, "Tokens/s", path, measured.Count > 0 ? measured[^1].Line : null)
            : null;
        var derived = perGpu is { } pg
            ? new DerivedMetrics(pg, tokensPerSecond, string.Create(CultureInfo.InvariantCulture,
                $"tokens per step / mean measured step time = {tokensPerStep} / {steps!.MeanSeconds:0.######} s; "
                + $"per accelerator ÷ {gpus} GPUs (TP × PP × CP × DP); per node: one machine"))
            : DerivedMetrics.None;
        return new ResultReport(path, string.Empty, string.Empty, log.Config.Platform ?? accelerator ?? string.Empty,
            log.Config.Benchmark ?? string.Empty, label, verdict, metric, gpus, 1, derived, ordered, Sweep: details);
    }

    /// <summary>The log's read problems, up to the reporting limit, then a count under the first problem's code.</summary>
    private static void ParseFindings(SweepLog log, SweepAuditOptions options, List<Finding> findings)
    {
        foreach (var p in log.Problems.Take(options.MaxParseFindings))
        {
            findings.Add(p.ToFinding(log.Path));
        }

        if (log.Problems.Count > options.MaxParseFindings)
        {
            var more = log.Problems[0].Code switch
            {
                var c when c == FindingCatalog.SwpLogParse => FindingCatalog.SwpLogParseMore,
                var c when c == FindingCatalog.SwpLogRecordFraming => FindingCatalog.SwpLogRecordFramingMore,
                var c when c == FindingCatalog.SwpStepDuplicate => FindingCatalog.SwpStepDuplicateMore,
                _ => FindingCatalog.SwpLogFormatParseMore,
            };
            findings.Add(more.At(log.Path, null, log.Problems.Count - options.MaxParseFindings));
        }
    }

    /// <summary>The configuration as reported; a size neither the log nor the manifest gives is a finding (and 0).</summary>
    private static SweepConfiguration Configuration(ResolvedRun run, string? accelerator, List<Finding> findings)
    {
        var sizes = new[]
        {
            ("micro_batch_size", run.MicroBatchSize), ("global_batch_size", run.GlobalBatchSize), ("sequence length", run.SequenceLength),
        };
        var missing = sizes.Where(x => x.Item2 is null).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            findings.Add(FindingCatalog.SwpConfigMissing.At(run.Log.Path, null, string.Join(", ", missing)));
        }

        var (mbs, gbs, seq) = (run.MicroBatchSize ?? 0, run.GlobalBatchSize ?? 0, run.SequenceLength ?? 0);
        var label = SweepAuditor.Label(mbs, gbs, run.TensorParallel, run.PipelineParallel, run.ContextParallel, run.DataParallel);
        return new SweepConfiguration(label, mbs, gbs, run.TensorParallel, run.PipelineParallel, run.ContextParallel, run.DataParallel,
            run.Gpus, seq, run.Precision, run.ModelParameters, run.Log.Config.Platform ?? run.Accelerator ?? accelerator);
    }

    /// <summary>Statistics of the measured step times, with findings for too few steps, jitter or no usable step.</summary>
    private static SweepStepTimes? StepTimes(string path, string label, List<StepValue> warmup, List<StepValue> measured, bool completed,
        SweepAuditOptions options, List<Finding> findings)
    {
        if (measured.Count > 0 && measured.All(s => double.IsFinite(s.Value) && s.Value > 0))
        {
            var steps = SweepStatistics.Of(warmup.Sum(s => s.Weight), [.. measured.Select(s => (s.Value, s.Weight))]);
            if (steps.Steps < options.MinMeasuredSteps)
            {
                findings.Add(FindingCatalog.SwpStepFew.At(path, measured[0].Line, label, steps.Steps, options.MinMeasuredSteps));
            }

            if (steps.CoefficientOfVariation > options.MaxStepTimeVariation)
            {
                var slowest = measured.MaxBy(s => s.Value)!;
                findings.Add(FindingCatalog.SwpStepUnstable.At(path, slowest.Line, label, steps.CoefficientOfVariation * 100,
                    options.MaxStepTimeVariation * 100, steps.MinSeconds, steps.MaxSeconds, steps.MeanSeconds,
                    (steps.MeanSeconds / steps.MinSeconds - 1) * 100));
            }

            return steps;
        }

        if (completed)
        {
            var line = measured.FirstOrDefault()?.Line;
            findings.Add(measured.Count == 0
                ? FindingCatalog.SwpStepNone.At(path, line, label, warmup.Sum(s => s.Weight))
                : FindingCatalog.SwpStepNoneNotPositive.At(path, line, label));
        }

        return null;
    }

    /// <summary>The run's and the measured steps' time window (Unix ms); null when the log has no times.</summary>
    private static SweepWindow? Window(SweepLog log, List<StepValue> stepList, List<StepValue> warmup, List<StepValue> measured)
    {
        var timed = stepList.Count > 0 && stepList.All(s => double.IsFinite(s.TimeMs));
        if (!timed)
        {
            return null;
        }

        var start = log.RunStartMs ?? (stepList[0].TimeMs - (stepList[0].Value * stepList[0].Weight * 1000));
        var stop = log.RunStopMs ?? stepList[^1].TimeMs;
        var measuredStart = warmup.Count > 0 ? warmup[^1].TimeMs
            : (measured.Count > 0 ? measured[0].TimeMs - (measured[0].Value * measured[0].Weight * 1000) : start);
        var measuredStop = measured.Count > 0 ? measured[^1].TimeMs : stop;
        return new SweepWindow(start, stop, measuredStart, measuredStop);
    }

    /// <summary>Telemetry matched by time; a finding and null when the log has no times.</summary>
    private static SweepTelemetry? MatchTelemetry(ResolvedRun run, TelemetryIndex telemetry, IReadOnlyList<int> gpus, SweepWindow? window,
        SweepAuditor.Limits limits, bool expectBusy, string label, SweepAuditOptions options, List<Finding> findings)
    {
        if (telemetry.Files.Count == 0)
        {
            return null;
        }

        if (window is null)
        {
            findings.Add(FindingCatalog.SwpTelNoTime.At(run.Log.Path, null, label, SweepFormatDetector.Name(run.Log.Format)));
            return null;
        }

        return TelemetryCheck.Match(telemetry, gpus, window, limits.MaxSmClockMhz, limits.PowerLimitWatts, run.Log.PeakMemoryGiB, expectBusy,
            label, options, findings);
    }

    /// <summary>
    /// MFU (6 × N × tokens/s per GPU ÷ dense peak), the audit's model TFLOP/s per GPU, and the framework's own TFLOP/s/GPU checked
    /// against it.
    /// </summary>
    private static (double? Mfu, string? Formula, double? ModelTflops, double? ReportedTflops) Efficiency(ResolvedRun run,
        SweepConfiguration configuration, double? perGpu, List<StepValue> measured, string label, SweepAuditOptions options, List<Finding> findings)
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
        if (run.ModelParameters is { } n && entry is not null && precision is not null
            && entry.PeakTflops.TryGetValue(precision, out var peak))
        {
            mfu = 6.0 * n * g / (peak * 1e12);
            formula = string.Create(CultureInfo.InvariantCulture,
                $"6 x model_parameters x tokens/s per GPU / dense peak = 6 x {n} x {g:0.###} / ({peak} TFLOP/s {precision} x 1e12) "
                + $"= {mfu:0.####} ({entry.Source})");
        }
        else
        {
            findings.Add(run.ModelParameters is null
                ? FindingCatalog.SwpMfuUnknown.At(path, null, label)
                : FindingCatalog.SwpMfuUnknownPeak.At(path, null, label, run.Precision, configuration.Accelerator ?? "unknown accelerator"));
        }

        if (run.ModelParameters is { } parameters)
        {
            // FLOPs per token: 6N, plus 12 × layers × hidden × sequence for attention when known
            // (Chowdhery et al. 2022, PaLM, appendix B).
            var attention = run.NumLayers is { } l && run.HiddenSize is { } h && run.SequenceLength is { } s ? 12.0 * l * h * s : 0;
            model = ((6.0 * parameters) + attention) * g / 1e12;
        }

        var steps = measured.Select(s => s.Step).ToHashSet();
        var reported = SweepStatistics.Mean(run.Log.ReportedTflops.Where(t => steps.Contains(t.Step)));
        if (reported is { } r && model is { } m && m > 0 && Math.Abs((r / m) - 1) > options.ReportedTflopsTolerance + SweepAuditor.LimitTolerance)
        {
            var (line, difference, tolerance) = (run.Log.ReportedTflops[^1].Line, (r / m - 1) * 100, options.ReportedTflopsTolerance * 100);
            findings.Add(run.NumLayers is null
                ? FindingCatalog.SwpMfuDisagreeNoAttention.At(path, line, label, r, run.ModelParameters, g, m, difference, tolerance)
                : FindingCatalog.SwpMfuDisagree.At(path, line, label, r, run.ModelParameters, run.NumLayers, run.HiddenSize, run.SequenceLength,
                    g, m, difference, tolerance));
        }

        return (mfu, formula, model, reported);
    }
}
