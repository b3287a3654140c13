using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// Audits a single-machine pretraining validation sweep: one <c>:::MLLOG</c> log per configuration plus
/// <c>nvidia-smi --query-gpu=... --format=csv</c> telemetry of the whole sweep, matched to each configuration by time.
/// One result per configuration (step times with warm-up excluded, throughput, model FLOPs utilization, memory, loss,
/// telemetry), findings SWP-*, and the check of a claimed optimal configuration. Reads only through
/// <see cref="IBundle"/>: no disk, clock or network.
/// </summary>
public static class SweepAuditor
{
    private const int PeekBytes = 64 * 1024;

    /// <summary>True when the bundle holds at least one MLLOG log that logs micro_batch_size and train_step_time (a sweep log), and no MLPerf training result_N.txt.</summary>
    public static bool Recognizes(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        foreach (var entry in bundle.Entries)
        {
            if (entry.Length == 0 || entry.FileName.StartsWith("result_", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = bundle.Open(entry);
            var buffer = new byte[(int)Math.Min(PeekBytes, entry.Length)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var head = Encoding.Latin1.GetString(buffer, 0, read);
            if (head.Contains(":::MLLOG ", StringComparison.Ordinal) && head.Contains("\"micro_batch_size\"", StringComparison.Ordinal)
                && head.Contains("\"train_step_time\"", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Audits the sweep in the bundle.</summary>
    /// <param name="bundle">The opened bundle.</param>
    /// <param name="options">Options; validated here, all problems reported in one <see cref="ArgumentException"/>.</param>
    /// <param name="tool">Tool identity written into the report.</param>
    public static AuditReport Audit(OpenedBundle bundle, SweepAuditOptions options, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tool);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid sweep audit options: " + string.Join(" ", problems), nameof(options));
        }

        var reportFindings = new List<Finding>(bundle.Bundle.OpeningFindings);
        var logs = new List<SweepLog>();
        var telemetryFiles = new List<TelemetryFile>();
        (GpuLimits Limits, string File)? envLimits = null;
        foreach (var entry in bundle.Bundle.Entries)
        {
            if (entry.Length > options.MaxFileBytes)
            {
                reportFindings.Add(Finding.Of(FindingCatalog.SwpLogParse, $"The file is {entry.Length} bytes, over the {options.MaxFileBytes}-byte limit; it was not read.", entry.Path));
                continue;
            }

            byte[] bytes;
            using (var s = bundle.Bundle.Open(entry))
            using (var copy = new MemoryStream())
            {
                s.CopyTo(copy);
                bytes = copy.ToArray();
            }

            var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, PeekBytes));
            if (head.Contains(":::MLLOG ", StringComparison.Ordinal))
            {
                logs.Add(SweepLog.Read(bytes, entry.Path, options.MaxLineBytes));
                continue;
            }

            var firstLine = head.Split('\n', 2)[0];
            if (NvidiaSmiCsv.IsTelemetryHeader(firstLine))
            {
                using var s = new MemoryStream(bytes, writable: false);
                telemetryFiles.Add(NvidiaSmiCsv.Parse(s, entry.Path, options.TelemetryUtcOffsetMinutes, options.MaxLineBytes));
                continue;
            }

            using (var s = new MemoryStream(bytes, writable: false))
            {
                if (envLimits is null && NvidiaSmiCsv.FindLimits(s, options.MaxLineBytes) is { } found)
                {
                    envLimits = (found, entry.Path);
                }
            }
        }

        foreach (var file in telemetryFiles)
        {
            foreach (var p in file.Problems.Take(options.MaxParseFindings))
            {
                reportFindings.Add(Finding.Of(FindingCatalog.SwpTelParse, $"Telemetry row not read: {p.Reason}.", file.Path, p.Line));
            }

            if (file.Problems.Count > options.MaxParseFindings)
            {
                reportFindings.Add(Finding.Of(FindingCatalog.SwpTelParse, $"{file.Problems.Count - options.MaxParseFindings} more telemetry rows were not read.", file.Path));
            }
        }

        var telemetry = new TelemetryIndex(telemetryFiles);
        if (telemetryFiles.Count == 0)
        {
            reportFindings.Add(Finding.Of(FindingCatalog.SwpTelMissing, "The bundle has no nvidia-smi CSV telemetry (a .csv whose header has timestamp and utilization.gpu, clocks.sm, power.draw or memory.used); utilization, clocks and power were not checked."));
        }

        var accelerator = logs.Select(l => l.Platform).FirstOrDefault(p => p is not null) ?? telemetry.GpuName ?? envLimits?.Limits.Name;
        var limits = ResolveLimits(envLimits, telemetry, accelerator, reportFindings);
        var results = new List<ResultReport>();
        var deadline = AuditDeadline.Start(options.Clock, options.MaxAuditTime);
        var timeLimitHit = false;
        foreach (var log in logs)
        {
            if (deadline?.Passed == true)
            {
                // Out of time: the configuration is reported, invalid, with the reason; never left out (nor ranked).
                results.Add(NotJudged(log, accelerator, options.MaxAuditTime));
                timeLimitHit = true;
                continue;
            }

            results.Add(AuditLog(log, telemetry, limits, accelerator, envLimits?.Limits.MemoryTotalMiB, options));
        }

        CrossChecks(results, reportFindings);
        results.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        var best = new List<SweepBest>();
        foreach (var criterion in new[] { SweepCriterion.StepTime, SweepCriterion.TokensPerGpu, SweepCriterion.MemoryHeadroom })
        {
            var ranked = RecommendationCheck.Rank(results, criterion);
            if (ranked.Count > 0)
            {
                best.Add(new SweepBest(RecommendationCheck.Name(criterion), ranked[0].Result.Sweep!.Configuration.Label, ranked[0].Value, RecommendationCheck.Unit(criterion)));
            }
        }

        SweepRecommendation? recommendation = null;
        if (options.ClaimedOptimal is { } claim)
        {
            var outcome = RecommendationCheck.Check(results, claim, options.Criterion, options.TieTolerancePercent);
            recommendation = outcome.Recommendation;
            if (outcome.Finding is { } f)
            {
                reportFindings.Add(f);
            }
        }

        var summary = new SweepSummary([.. telemetryFiles.Select(f => f.Path)], limits.MaxSmClockMhz, limits.PowerLimitWatts, limits.Source,
            options.TelemetryUtcOffsetMinutes, options.Thresholds, best, recommendation);
        var valid = results.Count(r => r.Verdict == Verdict.Valid);
        return new AuditReport(tool, new RulesInfo("sweep", "sweep-1", AcceleratorData.Digest), new BundleInfo(bundle.Sha256, bundle.Bundle.Name),
            results, reportFindings, new ReportSummary(valid, results.Count - valid), summary)
        {
            Limits = deadline is null ? null : ReportLimits.From(new BundleLimits { MaxLineBytes = options.MaxLineBytes, MaxAuditTime = options.MaxAuditTime },
                timed: true, timeLimitHit ? [nameof(BundleLimits.MaxAuditTime)] : []),
        };
    }

    private static ResultReport NotJudged(SweepLog log, string? accelerator, TimeSpan limit)
    {
        var path = log.Log.Path;
        return new ResultReport(path, string.Empty, string.Empty, log.Platform ?? accelerator ?? string.Empty, log.Benchmark ?? string.Empty, string.Empty,
            Verdict.Invalid, null, null, null, DerivedMetrics.None, [AuditDeadline.NotJudged(limit, path, "configuration")]);
    }

    private static Limits ResolveLimits((GpuLimits Limits, string File)? env, TelemetryIndex telemetry, string? accelerator, List<Finding> findings)
    {
        static double? Positive(double? v) => v is > 0 ? v : null; // a 0 or negative limit is no limit (and would divide by zero)
        double? clock = Positive(env?.Limits.MaxSmClockMhz), power = Positive(env?.Limits.PowerLimitWatts);
        var sources = new List<string>();
        if (clock is not null || power is not null)
        {
            sources.Add($"{env!.Value.File}:{env.Value.Limits.Line} (nvidia-smi query)");
        }

        if (clock is null && Positive(telemetry.MaxSmClockColumn) is { } c)
        {
            clock = c;
            sources.Add("telemetry clocks.max.sm column");
        }

        if (power is null && Positive(telemetry.PowerLimitColumn) is { } p)
        {
            power = p;
            sources.Add("telemetry power.limit column");
        }

        if ((clock is null || power is null) && AcceleratorData.Find(accelerator) is { } entry && (entry.MaxSmClockMhz is not null || entry.PowerLimitWatts is not null))
        {
            clock ??= entry.MaxSmClockMhz;
            power ??= entry.PowerLimitWatts;
            sources.Add($"Rounds/training-metrics.json '{entry.Match}': {entry.LimitsSource}");
        }

        if (clock is null && Positive(telemetry.HighestSmClock) is { } seen)
        {
            clock = seen;
            sources.Add("highest SM clock seen in the telemetry (the GPU's maximum is unknown)");
            findings.Add(Finding.Of(FindingCatalog.SwpTelLimitsUnknown, string.Create(CultureInfo.InvariantCulture,
                $"The maximum SM clock of '{accelerator ?? "unknown GPU"}' is not in the bundle or the data table; throttling is judged against the highest clock seen, {seen} MHz.")));
        }

        return new Limits(clock, power, sources.Count == 0 ? "unknown" : string.Join("; ", sources));
    }

    private static ResultReport AuditLog(SweepLog log, TelemetryIndex telemetry, Limits limits, string? accelerator, double? envMemoryMiB, SweepAuditOptions options)
    {
        var path = log.Log.Path;
        var findings = new List<Finding>();
        foreach (var p in log.Log.Problems.Take(options.MaxParseFindings))
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLogParse, $"Not an MLLOG record: {p.Reason}.", path, p.Line));
        }

        if (log.Log.Problems.Count > options.MaxParseFindings)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLogParse, $"{log.Log.Problems.Count - options.MaxParseFindings} more lines could not be parsed.", path));
        }

        var missing = new[] { ("micro_batch_size", log.MicroBatchSize), ("global_batch_size", log.GlobalBatchSize), ("max_sequence_length", log.SequenceLength) }
            .Where(x => x.Item2 is null).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpConfigMissing, $"The log does not give {string.Join(", ", missing)} as a positive integer, so its configuration is incomplete.", path));
        }

        var mbs = log.MicroBatchSize ?? 0;
        var gbs = log.GlobalBatchSize ?? 0;
        var seq = log.SequenceLength ?? 0;
        var gpus = log.TensorParallel * log.PipelineParallel * log.ContextParallel * log.DataParallel;
        var label = Label(mbs, gbs, log.TensorParallel, log.PipelineParallel, log.ContextParallel, log.DataParallel);
        var configuration = new SweepConfiguration(label, mbs, gbs, log.TensorParallel, log.PipelineParallel, log.ContextParallel, log.DataParallel, gpus, seq,
            log.Precision, log.ModelParameters, log.Platform ?? accelerator);

        var completed = log.Status == "success";
        if (!completed)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpRunAborted, $"{label} stopped with status '{log.Status}'{(log.AbortReason is { } r ? $" ({r})" : string.Empty)}; it is reported but not ranked.", path, log.RunStopLine));
        }

        // Step times, warm-up excluded.
        var warmup = log.StepTimes.Where(s => s.Warmup).ToList();
        var measured = log.StepTimes.Where(s => !s.Warmup).ToList();
        SweepStepTimes? steps = null;
        if (measured.Count > 0 && measured.All(s => double.IsFinite(s.Value) && s.Value > 0))
        {
            steps = Statistics(warmup.Count, [.. measured.Select(s => s.Value)]);
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
                ? $"{label} completed but logs no train_step_time outside warm-up ({warmup.Count} warm-up steps)."
                : $"{label} logs a train_step_time that is not a positive finite number of seconds.", path, measured.FirstOrDefault()?.Line));
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
        double? mfu = null;
        string? mfuFormula = null;
        if (perGpu is { } g)
        {
            var entry = AcceleratorData.Find(configuration.Accelerator);
            var precision = AcceleratorData.PrecisionKey(log.Precision);
            if (log.ModelParameters is { } n && entry is not null && precision is not null && entry.PeakTflops.TryGetValue(precision, out var peak))
            {
                mfu = 6.0 * n * g / (peak * 1e12);
                mfuFormula = string.Create(CultureInfo.InvariantCulture,
                    $"6 x model_parameters x tokens/s per GPU / dense peak = 6 x {n} x {g:0.###} / ({peak} TFLOP/s {precision} x 1e12) = {mfu:0.####} ({entry.Source})");
            }
            else
            {
                findings.Add(Finding.Of(FindingCatalog.SwpMfuUnknown, log.ModelParameters is null
                    ? $"{label}: model_parameters is not logged, so model FLOPs utilization is not computed."
                    : $"{label}: no dense {log.Precision} peak for '{configuration.Accelerator ?? "unknown accelerator"}' in Rounds/training-metrics.json, so model FLOPs utilization is not computed.", path));
            }
        }

        // Memory.
        var gpuSet = telemetry.GpusFor(gpus);
        var capacityMiB = telemetry.MemoryTotal(gpuSet) ?? envMemoryMiB;
        double? capacity = capacityMiB / 1024.0;
        double? headroom = capacity is { } cap && log.PeakMemoryGiB is { } used ? cap - used : null;

        // Loss.
        var loss = Loss(log, label, options, findings);

        // Telemetry, matched by time.
        var start = log.RunStartMs ?? (log.StepTimes.Count > 0 ? log.StepTimes[0].TimeMs : 0);
        var stop = log.RunStopMs ?? start;
        var measuredStart = warmup.Count > 0 ? warmup[^1].TimeMs : (measured.Count > 0 ? measured[0].TimeMs - (measured[0].Value * 1000) : start);
        var measuredStop = measured.Count > 0 ? measured[^1].TimeMs : stop;
        var window = new SweepWindow(start, stop, measuredStart, measuredStop);
        SweepTelemetry? tel = telemetry.Files.Count == 0 ? null
            : TelemetryCheck.Match(telemetry, gpuSet, window, limits.MaxSmClockMhz, limits.PowerLimitWatts, log.PeakMemoryGiB, completed && measured.Count > 0, label, options, findings);

        var details = new SweepDetails(configuration, log.Status, log.AbortReason, window, steps, tokensPerStep, tokensPerSecond, perGpu, mfu, mfuFormula,
            log.PeakMemoryGiB, capacity, headroom, loss, tel);
        var ordered = findings.OrderBy(f => f.Severity == Severity.Error ? 0 : 1).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? Verdict.Invalid : Verdict.Valid;
        var metric = tokensPerSecond is { } t ? new Metric("tokens_per_second", t, "Tokens/s", path, measured.Count > 0 ? measured[^1].Line : null) : null;
        var derived = perGpu is { } pg
            ? new DerivedMetrics(pg, tokensPerSecond, string.Create(CultureInfo.InvariantCulture,
                $"tokens per step / mean measured step time = {tokensPerStep} / {steps!.MeanSeconds:0.######} s; per accelerator ÷ {gpus} GPUs (TP × PP × CP × DP); per node: one machine"))
            : DerivedMetrics.None;
        return new ResultReport(path, string.Empty, string.Empty, log.Platform ?? accelerator ?? string.Empty, log.Benchmark ?? string.Empty, label, verdict, metric,
            gpus, 1, derived, ordered, Sweep: details);
    }

    private static SweepLoss? Loss(SweepLog log, string label, SweepAuditOptions options, List<Finding> findings)
    {
        var path = log.Log.Path;
        if (log.Losses.Count == 0)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLossMissing, $"{label} logs no train_loss.", path));
            return null;
        }

        var values = log.Losses.Select(l => l.Value).ToList();
        var finite = values.Where(double.IsFinite).ToList();
        var bad = log.Losses.FirstOrDefault(l => !double.IsFinite(l.Value));
        if (bad is not null)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLossNonFinite, string.Create(CultureInfo.InvariantCulture,
                $"{label}: train_loss is {bad.Value} at step {bad.Step} ({log.Losses.Count(l => !double.IsFinite(l.Value))} non-finite values)."), path, bad.Line));
            return new SweepLoss(values.Count, Finite(values[0]), Finite(values[^1]), finite.Count > 0 ? finite.Min() : null, finite.Count > 0 ? finite.Max() : null, false, "non-finite", null);
        }

        var k = Math.Max(1, values.Count / 5);
        var first = values.GetRange(0, k).Average();
        var last = values.GetRange(values.Count - k, k).Average();
        var change = first != 0 ? (last - first) / Math.Abs(first) : 0;
        var trend = change < -0.001 ? "decreasing" : change > 0.001 ? "increasing" : "flat";
        if (change > options.DivergenceRatio + LimitTolerance)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpLossDiverging, string.Create(CultureInfo.InvariantCulture,
                $"{label}: the loss diverges: the mean of the last {k} values ({last:0.####}) is {change * 100:0.#}% above the mean of the first {k} ({first:0.####}), over the {options.DivergenceRatio * 100:0.#}% limit; its step times do not describe a configuration that trains."),
                path, log.Losses[^1].Line));
        }

        return new SweepLoss(values.Count, values[0], values[^1], finite.Min(), finite.Max(), true, trend, change);
    }

    /// <summary>Slack on "more than the limit" comparisons so a value at the limit, computed in floating point, passes.</summary>
    private const double LimitTolerance = 1e-9;

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static void CrossChecks(List<ResultReport> results, List<Finding> findings)
    {
        foreach (var group in results.Where(r => r.Sweep is not null).GroupBy(r => r.Sweep!.Configuration.Label, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add(Finding.Of(FindingCatalog.SwpConfigDuplicate, $"{group.Key} is logged {group.Count()} times: {string.Join(", ", group.Select(r => r.Id))}.", group.First().Id));
        }

        var shapes = results.Where(r => r.Sweep is not null).Select(r => r.Sweep!.Configuration).Select(c => (c.ModelParameters, c.SequenceLength, c.Precision)).Distinct().ToList();
        if (shapes.Count > 1)
        {
            findings.Add(Finding.Of(FindingCatalog.SwpConfigIncomparable,
                $"The configurations train different things (model_parameters, max_sequence_length, precision): {string.Join("; ", shapes.Select(s => $"{s.ModelParameters?.ToString(CultureInfo.InvariantCulture) ?? "?"}, {s.SequenceLength}, {s.Precision}"))}."));
        }
    }

    internal static SweepStepTimes Statistics(int warmupSteps, double[] seconds)
    {
        var sorted = seconds.Order().ToArray();
        var n = sorted.Length;
        var mean = sorted.Average();
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(0.95 * n) - 1)];
        var sd = n > 1 ? Math.Sqrt(sorted.Sum(x => (x - mean) * (x - mean)) / (n - 1)) : 0;
        return new SweepStepTimes(warmupSteps, n, mean, median, p95, sorted[0], sorted[^1], sd, sd / mean, seconds);
    }

    /// <summary>The configuration label a claim names: MBS, TP, PP, CP always; DP when not 1; GBS when it is not MBS × DP (gradient accumulation).</summary>
    internal static string Label(int mbs, int gbs, int tp, int pp, int cp, int dp)
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"MBS={mbs},TP={tp},PP={pp},CP={cp}");
        if (dp != 1)
        {
            label += string.Create(CultureInfo.InvariantCulture, $",DP={dp}");
        }

        if (gbs != mbs * dp)
        {
            label += string.Create(CultureInfo.InvariantCulture, $",GBS={gbs}");
        }

        return label;
    }

    /// <summary>The GPU limits used for throttling and power.</summary>
    internal sealed record Limits(double? MaxSmClockMhz, double? PowerLimitWatts, string Source);
}
