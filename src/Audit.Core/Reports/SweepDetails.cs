namespace MlPerfAudit.Core.Reports;

/// <summary>
/// Sweep-only detail of one configuration of a single-machine pretraining validation sweep
/// (<see cref="ResultReport.Sweep"/>): what was run, its step times with warm-up excluded, throughput, model FLOPs
/// utilization, memory, loss trend and the GPU telemetry measured while it ran. Carries every number a chart of the
/// sweep needs (per-step times, per-configuration statistics, telemetry series).
/// </summary>
/// <param name="Configuration">The configuration as logged.</param>
/// <param name="Status">run_stop's metadata.status (<c>success</c>, <c>aborted</c>, ...), or <c>missing</c> when the log has no run_stop.</param>
/// <param name="AbortReason">Why the run stopped early (run_stop metadata <c>reason</c>/<c>error</c>, e.g. <c>out of memory</c>), when
/// logged.</param>
/// <param name="Window">When the run and its measured steps ran (Unix milliseconds, from the log's time_ms).</param>
/// <param name="StepTime">Statistics of the measured (non-warm-up) steps; null when none was measured.</param>
/// <param name="TokensPerStep">Tokens per optimizer step: tracked_stats.tokens_per_step, else global_batch_size × max_sequence_length.</param>
/// <param name="TokensPerSecond">TokensPerStep ÷ mean step time, in tokens/s for the whole configuration.</param>
/// <param name="TokensPerSecondPerGpu">TokensPerSecond ÷ Configuration.Gpus, in tokens/s per GPU.</param>
/// <param name="ModelFlopsUtilization">6 × model_parameters × TokensPerSecondPerGpu ÷ the accelerator's dense peak, as a fraction (0.39 =
/// 39%).</param>
/// <param name="ModelFlopsFormula">The utilization formula with its inputs and the peak's source.</param>
/// <param name="PeakMemoryGiB">tracked_stats.max_memory_allocated_gib: peak memory allocated by the framework, in GiB.</param>
/// <param name="MemoryCapacityGiB">The GPU's memory (telemetry or environment memory.total), in GiB.</param>
/// <param name="MemoryHeadroomGiB">MemoryCapacityGiB − PeakMemoryGiB, in GiB.</param>
/// <param name="Loss">The loss trend over the logged train_loss values.</param>
/// <param name="Telemetry">GPU telemetry matched to this run by time; null when the bundle has no telemetry.</param>
/// <param name="LogFormat">The log's format as detected: <c>MLLOG</c>, <c>NeMo 2</c>, <c>NeMo 1 (Lightning progress bar)</c>, <c>DLLogger</c>,
/// <c>Megatron-LM</c> or <c>TensorBoard event file</c>.</param>
/// <param name="ConfigurationSource">Where the configuration came from: the log's own printout (with its line), the manifest (with its line), what
/// was assumed, and the warm-up rule.</param>
/// <param name="ModelTflopsPerGpu">Model FLOPs per GPU per second the audit computes, in TFLOP/s: (6 × parameters + 12 × layers × hidden × sequence
/// when known) × tokens/s per GPU.</param>
/// <param name="ReportedTflopsPerGpu">The framework's own throughput per GPU over the measured iterations (Megatron-LM's TFLOP/s/GPU), weighted by
/// iterations, in TFLOP/s.</param>
public sealed record SweepDetails(
    SweepConfiguration Configuration,
    string Status,
    string? AbortReason,
    SweepWindow Window,
    SweepStepTimes? StepTime,
    double? TokensPerStep,
    double? TokensPerSecond,
    double? TokensPerSecondPerGpu,
    double? ModelFlopsUtilization,
    string? ModelFlopsFormula,
    double? PeakMemoryGiB,
    double? MemoryCapacityGiB,
    double? MemoryHeadroomGiB,
    SweepLoss? Loss,
    SweepTelemetry? Telemetry,
    string? LogFormat = null,
    string? ConfigurationSource = null,
    double? ModelTflopsPerGpu = null,
    double? ReportedTflopsPerGpu = null);

/// <summary>One configuration of a sweep, read from the logged sizes.</summary>
/// <param name="Label">Short name, e.g. <c>MBS=4,TP=1,PP=2,CP=1</c> (the form a claim uses).</param>
/// <param name="MicroBatchSize">micro_batch_size, in samples per GPU per micro-step.</param>
/// <param name="GlobalBatchSize">global_batch_size, in samples per optimizer step.</param>
/// <param name="TensorParallel">tensor_model_parallel_size (1 when not logged).</param>
/// <param name="PipelineParallel">pipeline_model_parallel_size (1 when not logged).</param>
/// <param name="ContextParallel">context_parallel_size (1 when not logged).</param>
/// <param name="DataParallel">data_parallel_size (1 when not logged).</param>
/// <param name="Gpus">GPUs the configuration uses: TP × PP × CP × DP.</param>
/// <param name="SequenceLength">max_sequence_length, in tokens.</param>
/// <param name="Precision">precision as logged, e.g. <c>bf16</c>; empty when not logged.</param>
/// <param name="ModelParameters">model_parameters, a count; null when not logged.</param>
/// <param name="Accelerator">submission_platform (or the telemetry's GPU name), e.g. <c>NVIDIA H200</c>.</param>
public sealed record SweepConfiguration(
    string Label,
    int MicroBatchSize,
    int GlobalBatchSize,
    int TensorParallel,
    int PipelineParallel,
    int ContextParallel,
    int DataParallel,
    int Gpus,
    int SequenceLength,
    string Precision,
    long? ModelParameters,
    string? Accelerator);

/// <summary>When a configuration ran, in Unix milliseconds (the log's time_ms).</summary>
/// <param name="RunStartMs">run_start.</param>
/// <param name="RunStopMs">run_stop (or the last record when there is none).</param>
/// <param name="MeasuredStartMs">End of the last warm-up step: the start of the first measured step.</param>
/// <param name="MeasuredStopMs">End of the last measured step.</param>
public sealed record SweepWindow(double RunStartMs, double RunStopMs, double MeasuredStartMs, double MeasuredStopMs);

/// <summary>Statistics of the measured steps (train_step_time with metadata.warmup false), in seconds per optimizer step. A single step is never "the
/// step time".</summary>
/// <param name="WarmupSteps">Steps marked warm-up and excluded.</param>
/// <param name="Steps">Measured steps.</param>
/// <param name="MeanSeconds">Mean, in seconds.</param>
/// <param name="MedianSeconds">Median, in seconds.</param>
/// <param name="P95Seconds">95th percentile (nearest rank), in seconds.</param>
/// <param name="MinSeconds">Fastest measured step, in seconds.</param>
/// <param name="MaxSeconds">Slowest measured step, in seconds.</param>
/// <param name="StdDevSeconds">Sample standard deviation, in seconds.</param>
/// <param name="CoefficientOfVariation">StdDevSeconds ÷ MeanSeconds, a fraction (0.05 = 5%).</param>
/// <param name="Seconds">Every measured step time in step order, in seconds (for charts).</param>
public sealed record SweepStepTimes(
    int WarmupSteps,
    int Steps,
    double MeanSeconds,
    double MedianSeconds,
    double P95Seconds,
    double MinSeconds,
    double MaxSeconds,
    double StdDevSeconds,
    double CoefficientOfVariation,
    IReadOnlyList<double> Seconds);

/// <summary>The loss over the run (train_loss, all steps in step order).</summary>
/// <param name="Points">Loss values logged.</param>
/// <param name="First">First value (NaN is written as null when non-finite).</param>
/// <param name="Last">Last value.</param>
/// <param name="Min">Smallest finite value.</param>
/// <param name="Max">Largest finite value.</param>
/// <param name="AllFinite">False when a value is NaN or infinite.</param>
/// <param name="Trend"><c>decreasing</c>, <c>flat</c>, <c>increasing</c> or <c>non-finite</c>.</param>
/// <param name="RelativeChange">(mean of the last fifth − mean of the first fifth) ÷ mean of the first fifth, a fraction; negative when the loss
/// falls.</param>
public sealed record SweepLoss(
    int Points, double? First, double? Last, double? Min, double? Max, bool AllFinite, string Trend, double? RelativeChange);

/// <summary>GPU telemetry (nvidia-smi CSV) matched to one configuration by time.</summary>
/// <param name="File">Bundle-relative path of the telemetry file.</param>
/// <param name="Samples">Samples (rows, over the configuration's GPUs) inside the measured window.</param>
/// <param name="MeanUtilizationPercent">Mean utilization.gpu over the measured window, in %.</param>
/// <param name="MeanSmClockMhz">Mean SM clock over the measured window, in MHz.</param>
/// <param name="MinSmClockMhz">Lowest SM clock over the measured window, in MHz.</param>
/// <param name="MaxSmClockMhz">The GPU's maximum SM clock (clocks.max.sm), in MHz.</param>
/// <param name="SmClockRatio">MeanSmClockMhz ÷ MaxSmClockMhz, a fraction (1 = never below the maximum).</param>
/// <param name="MeanPowerWatts">Mean power.draw over the measured window, in W.</param>
/// <param name="PowerLimitWatts">The GPU's power limit (power.limit), in W.</param>
/// <param name="PowerRatio">MeanPowerWatts ÷ PowerLimitWatts, a fraction.</param>
/// <param name="MeanTemperatureC">Mean temperature.gpu over the measured window, in °C.</param>
/// <param name="MaxTemperatureC">Highest temperature.gpu over the measured window, in °C.</param>
/// <param name="MaxMemoryUsedMiB">Highest memory.used over the whole run, in MiB.</param>
/// <param name="ThrottledSeconds">Longest stretch of busy samples with the SM clock under the throttle threshold, in seconds (0 when none).</param>
/// <param name="Series">Telemetry over the run, downsampled to at most the configured number of points (for charts).</param>
public sealed record SweepTelemetry(
    string File,
    int Samples,
    double? MeanUtilizationPercent,
    double? MeanSmClockMhz,
    double? MinSmClockMhz,
    double? MaxSmClockMhz,
    double? SmClockRatio,
    double? MeanPowerWatts,
    double? PowerLimitWatts,
    double? PowerRatio,
    double? MeanTemperatureC,
    double? MaxTemperatureC,
    double? MaxMemoryUsedMiB,
    double ThrottledSeconds,
    IReadOnlyList<TelemetryPoint> Series);

/// <summary>One telemetry sample of one GPU.</summary>
/// <param name="Seconds">Time since the configuration's run_start, in seconds (negative before it).</param>
/// <param name="Gpu">GPU index.</param>
/// <param name="UtilizationPercent">utilization.gpu, in %.</param>
/// <param name="SmClockMhz">clocks.sm, in MHz.</param>
/// <param name="PowerWatts">power.draw, in W.</param>
/// <param name="TemperatureC">temperature.gpu, in °C.</param>
/// <param name="MemoryUsedMiB">memory.used, in MiB.</param>
public sealed record TelemetryPoint(
    double Seconds, int Gpu, double? UtilizationPercent, double? SmClockMhz, double? PowerWatts, double? TemperatureC, double? MemoryUsedMiB);

/// <summary>Report-level data of a sweep audit (<see cref="AuditReport.Sweep"/>): the GPU limits used, the thresholds, the best configuration per
/// criterion and the recommendation check.</summary>
/// <param name="TelemetryFiles">Bundle-relative paths of the telemetry files read.</param>
/// <param name="MaxSmClockMhz">The GPU's maximum SM clock used for throttling, in MHz; null when unknown.</param>
/// <param name="PowerLimitWatts">The GPU's power limit, in W; null when unknown.</param>
/// <param name="LimitsSource">Where the two limits came from (file and line, or the data table and its source).</param>
/// <param name="TelemetryUtcOffsetMinutes">Offset added to the telemetry's local time stamps to get UTC, in minutes (0: they are UTC).</param>
/// <param name="Thresholds">The thresholds the findings were judged against.</param>
/// <param name="Best">The best audited configuration per criterion.</param>
/// <param name="Recommendation">The check of a claimed optimal configuration; null when none was claimed.</param>
public sealed record SweepSummary(
    IReadOnlyList<string> TelemetryFiles,
    double? MaxSmClockMhz,
    double? PowerLimitWatts,
    string LimitsSource,
    int TelemetryUtcOffsetMinutes,
    SweepThresholds Thresholds,
    IReadOnlyList<SweepBest> Best,
    SweepRecommendation? Recommendation);

/// <summary>The best configuration for one criterion, among completed configurations without error findings.</summary>
/// <param name="Criterion"><c>step-time</c>, <c>tokens-per-gpu</c> or <c>memory-headroom</c>.</param>
/// <param name="Label">The configuration's label.</param>
/// <param name="Value">Its value, in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>s/step</c>, <c>tokens/s per GPU</c> or <c>GiB</c>.</param>
public sealed record SweepBest(string Criterion, string Label, double Value, string Unit);

/// <summary>Whether the data supports a claimed optimal configuration.</summary>
/// <param name="Claimed">The claim as given, e.g. <c>MBS=2</c>.</param>
/// <param name="Criterion"><c>step-time</c>, <c>tokens-per-gpu</c> or <c>memory-headroom</c>.</param>
/// <param name="Outcome"><c>supported</c>, <c>tied</c> (within the tie tolerance of the best), <c>rejected</c> or <c>not-found</c>.</param>
/// <param name="ClaimedLabel">The configuration the claim matched; null when none or several did.</param>
/// <param name="ClaimedValue">Its value, in <paramref name="Unit"/>.</param>
/// <param name="Best">The best configuration other than the claimed one when the claim holds, or the best one when it does not.</param>
/// <param name="BestValue">Its value, in <paramref name="Unit"/>.</param>
/// <param name="DifferencePercent">How much better (positive) or worse (negative) <paramref name="Best"/> is than the claimed configuration, in % of
/// the claimed value.</param>
/// <param name="Unit"><c>s/step</c>, <c>tokens/s per GPU</c> or <c>GiB</c>.</param>
/// <param name="Message">One sentence saying what the data shows.</param>
public sealed record SweepRecommendation(
    string Claimed,
    string Criterion,
    string Outcome,
    string? ClaimedLabel,
    double? ClaimedValue,
    string? Best,
    double? BestValue,
    double? DifferencePercent,
    string Unit,
    string Message);

/// <summary>The thresholds of a sweep audit (from <see cref="Sweeps.SweepAuditOptions"/>), recorded so a reader can re-judge.</summary>
/// <param name="MaxStepTimeVariation">Coefficient of variation of measured step times above which they are unstable, a fraction.</param>
/// <param name="MinMeasuredSteps">Fewest measured steps for trustworthy statistics.</param>
/// <param name="ThrottleClockRatio">SM clock ÷ maximum under which a busy sample is throttled, a fraction.</param>
/// <param name="ThrottleMinSeconds">Shortest throttled stretch reported, in seconds.</param>
/// <param name="BusyUtilizationPercent">utilization.gpu at or above which a sample counts as busy, in %.</param>
/// <param name="LowUtilizationPercent">Mean utilization under which a configuration is reported as under-utilizing the GPU, in %.</param>
/// <param name="IdleUtilizationPercent">Mean utilization under which the GPU was idle while the log says it trained, in %.</param>
/// <param name="GapFactor">A pause between samples longer than this many median sample intervals is a gap.</param>
/// <param name="DivergenceRatio">Loss rise (last fifth over first fifth) above which the loss diverges, a fraction.</param>
/// <param name="TieTolerancePercent">Difference under which two configurations are tied, in %.</param>
public sealed record SweepThresholds(
    double MaxStepTimeVariation,
    int MinMeasuredSteps,
    double ThrottleClockRatio,
    double ThrottleMinSeconds,
    double BusyUtilizationPercent,
    double LowUtilizationPercent,
    double IdleUtilizationPercent,
    double GapFactor,
    double DivergenceRatio,
    double TieTolerancePercent);
