using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Reports;

/// <summary>Training-only detail of a result (<see cref="ResultReport.Training"/>): runs, score inputs, RCP outcome and derived metrics.</summary>
/// <param name="RuleSet">Rule set applied, e.g. <c>5.1.0</c>.</param>
/// <param name="RequiredRuns">result_*.txt files the benchmark requires.</param>
/// <param name="Runs">Every result file, in file-name order.</param>
/// <param name="Score">The olympic score and its inputs; null when too many runs failed.</param>
/// <param name="Rcp">The RCP check (closed division only); null when not run.</param>
/// <param name="StepTime">Training step time statistics over all runs, when the logs carry per-step times.</param>
/// <param name="Derived">Derived, non-official metrics, each with its formula.</param>
public sealed record TrainingDetails(
    string RuleSet,
    int RequiredRuns,
    IReadOnlyList<TrainingRun> Runs,
    TrainingScore? Score,
    TrainingRcp? Rcp,
    StepTimeStatistics? StepTime,
    IReadOnlyList<DerivedValue> Derived);

/// <summary>One run (one result_N.txt).</summary>
/// <param name="File">Bundle-relative path.</param>
/// <param name="Compliant">True when the file passed the compliance rules.</param>
/// <param name="TimeToTrainMinutes">(run_stop.time_ms − run_start.time_ms) ÷ 60 000, in minutes; null when either is missing.</param>
/// <param name="RunStopStatus">run_stop's metadata.status (success, aborted), or null.</param>
/// <param name="SamplesToConverge">Samples (or epochs, per benchmark) at the last evaluation before run_stop; null when not converged.</param>
/// <param name="Seed">The first logged seed, when any.</param>
/// <param name="CountedInScore">True when the run's time is one of the values averaged by the olympic score.</param>
/// <param name="Findings">Findings about this file (parse, compliance); the result's verdict counts them only beyond the one failure olympic scoring
/// allows.</param>
public sealed record TrainingRun(
    string File,
    bool Compliant,
    double? TimeToTrainMinutes,
    string? RunStopStatus,
    double? SamplesToConverge,
    long? Seed,
    bool CountedInScore,
    IReadOnlyList<Finding> Findings);

/// <summary>The benchmark score as the official result summarizer computes it.</summary>
/// <param name="OlympicMinutes">Mean of the counted run times, in minutes.</param>
/// <param name="ScalingFactor">RCP normalization factor applied (1 when none), dimensionless.</param>
/// <param name="ScoreMinutes">OlympicMinutes × ScalingFactor, in minutes: the headline metric.</param>
/// <param name="DroppedRuns">Runs that failed compliance and count as the slowest.</param>
/// <param name="CountedMinutes">The run times averaged, ascending, in minutes.</param>
/// <param name="Formula">How the score was computed.</param>
public sealed record TrainingScore(
    double OlympicMinutes, double ScalingFactor, double ScoreMinutes, int DroppedRuns, IReadOnlyList<double> CountedMinutes, string Formula);

/// <summary>The Reference Convergence Point check.</summary>
/// <param name="Passed">True when the runs converge no faster than the RCP allows.</param>
/// <param name="Status">Pass, Fail, Interp. Fail, Missing, No RCP or Unknown state (summarizer wording).</param>
/// <param name="Message">The official rcp_checker's message ('RCP found', 'RCP Interpolation', ...).</param>
/// <param name="GlobalBatchSize">Logged global_batch_size, in samples per step.</param>
/// <param name="SubmissionMean">Mean samples (epochs) to converge after dropping the fastest and slowest run.</param>
/// <param name="ReferenceBatchSize">Batch size of the RCP compared against.</param>
/// <param name="ReferenceMean">Its trimmed mean samples (epochs) to converge.</param>
/// <param name="Interpolated">True when the RCP was interpolated between two pruned RCPs.</param>
/// <param name="Threshold">Minimum acceptable submission mean, in samples (epochs).</param>
/// <param name="ScalingFactor">Factor applied to the score, dimensionless (≥ 1).</param>
/// <param name="PublishedScalingFactor">scaling.json's scaling_factor in the bundle, when present (compared, not used).</param>
public sealed record TrainingRcp(
    bool Passed,
    string Status,
    string Message,
    double? GlobalBatchSize,
    double? SubmissionMean,
    double? ReferenceBatchSize,
    double? ReferenceMean,
    bool Interpolated,
    double? Threshold,
    double ScalingFactor,
    double? PublishedScalingFactor);

/// <summary>Per-step training time statistics (tracked_stats.train_step_time), in seconds. A single step is never "the step time".</summary>
/// <param name="Steps">Steps measured, over all runs.</param>
/// <param name="MeanSeconds">Mean step time, in seconds.</param>
/// <param name="MedianSeconds">Median step time, in seconds.</param>
/// <param name="MinSeconds">Fastest step, in seconds.</param>
/// <param name="MaxSeconds">Slowest step, in seconds.</param>
/// <param name="Source">Which log values were used.</param>
public sealed record StepTimeStatistics(int Steps, double MeanSeconds, double MedianSeconds, double MinSeconds, double MaxSeconds, string Source);

/// <summary>A derived metric with the formula a reader can recompute it from. Non-official: MLPerf publishes none of these for Training.</summary>
/// <param name="Name">Metric name, e.g. <c>tokens_per_second_per_accelerator</c>.</param>
/// <param name="Value">The value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit, e.g. <c>tokens/s per accelerator</c>.</param>
/// <param name="Formula">The formula with the inputs substituted.</param>
public sealed record DerivedValue(string Name, double Value, string Unit, string Formula);
