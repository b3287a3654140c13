using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>One logged step value (a step time, a loss, or a framework's own TFLOP/s).</summary>
/// <param name="Step">The step (iteration) number the log gives; for an interval line, its last iteration.</param>
/// <param name="Value">The value; NaN or ±∞ when the log wrote a non-finite number. Step times in seconds.</param>
/// <param name="Warmup">
/// True when the log marks the step as warm-up (MLLOG metadata.warmup); other formats decide by count.
/// </param>
/// <param name="TimeMs">When the step ended, Unix milliseconds; NaN when the log has no time for it.</param>
/// <param name="Line">1-based line (record index for TensorBoard event files).</param>
/// <param name="Weight">Iterations the value stands for: 1 for one step, N for an average over an interval of N iterations.</param>
internal sealed record StepValue(int Step, double Value, bool Warmup, double TimeMs, int Line, int Weight = 1);

/// <summary>A problem reading a sweep log: its line (record index for TFRecord) and what was wrong, as a catalogue message.</summary>
/// <param name="Line">1-based line or record index; null when none applies.</param>
/// <param name="Message">The catalogue message (its code is the finding the problem is reported as).</param>
/// <param name="Values">The values for the message's holes.</param>
internal sealed record SweepLogProblem(int? Line, FindingMessage Message, IReadOnlyList<object?> Values)
{
    /// <summary>The finding the problem is reported as.</summary>
    public FindingDefinition Code => Message.Definition;

    /// <summary>The sentence.</summary>
    public string Reason => Message.Text([.. Values]);

    /// <summary>The problem as a finding on <paramref name="path"/>.</summary>
    public Finding ToFinding(string path) => Message.At(path, Line, [.. Values]);
}

/// <summary>
/// The configuration a log states about itself (MLLOG keys, NeMo's config dump, Megatron's argument printout), before any
/// manifest is applied. Null where the log does not say.
/// </summary>
internal sealed record LoggedConfiguration
{
    public int? MicroBatchSize { get; init; }

    public int? GlobalBatchSize { get; init; }

    public int? SequenceLength { get; init; }

    public int? TensorParallel { get; init; }

    public int? PipelineParallel { get; init; }

    public int? ContextParallel { get; init; }

    public int? DataParallel { get; init; }

    public int? Gpus { get; init; }

    public string? Precision { get; init; }

    public long? ModelParameters { get; init; }

    /// <summary>Transformer layers (Megatron num_layers, NeMo num_layers), for the attention term of the FLOP count.</summary>
    public int? NumLayers { get; init; }

    /// <summary>Hidden size (Megatron hidden_size, NeMo hidden_size).</summary>
    public int? HiddenSize { get; init; }

    public string? Platform { get; init; }

    public string? Benchmark { get; init; }

    /// <summary>Where these values came from, e.g. <c>log (Megatron argument printout, line 3)</c>.</summary>
    public string Source { get; init; } = "log";

    /// <summary>1-based line where the log states its configuration; null when it does not.</summary>
    public int? Line { get; init; }
}

/// <summary>What one sweep log says, in any supported format: configuration, steps, losses, memory and how the run ended.</summary>
/// <param name="Path">Bundle-relative path.</param>
/// <param name="Format">The format the detector found.</param>
/// <param name="Problems">Lines (records) that could not be read.</param>
/// <param name="Config">The configuration the log states.</param>
/// <param name="StepTimes">Step times in seconds, in log order.</param>
/// <param name="Losses">Training losses, in log order.</param>
/// <param name="TokensPerStep">Tokens per optimizer step when the log states it (MLLOG tracked_stats).</param>
/// <param name="PeakMemoryGiB">Peak memory allocated, in GiB, when the log states it.</param>
/// <param name="RunStartMs">Start of the run, Unix ms; null when unknown.</param>
/// <param name="RunStopMs">End of the run, Unix ms; null when unknown.</param>
/// <param name="Status"><c>success</c>, <c>aborted</c>, <c>incomplete</c>, <c>missing</c> (MLLOG without run_stop) or as logged.</param>
/// <param name="AbortReason">Why the run stopped early, when the log says.</param>
/// <param name="RunStopLine">Line of the record or text that ended the run.</param>
/// <param name="ReportedTflops">The framework's own TFLOP/s per GPU (Megatron's "throughput per GPU"), weighted like step times.</param>
internal sealed record SweepLog(
    string Path,
    SweepLogFormat Format,
    IReadOnlyList<SweepLogProblem> Problems,
    LoggedConfiguration Config,
    IReadOnlyList<StepValue> StepTimes,
    IReadOnlyList<StepValue> Losses,
    double? TokensPerStep,
    double? PeakMemoryGiB,
    double? RunStartMs,
    double? RunStopMs,
    string Status,
    string? AbortReason,
    int? RunStopLine,
    IReadOnlyList<StepValue> ReportedTflops)
{
    /// <summary>Reads an MLLOG sweep log (kept for callers that know the format; see <see cref="Formats.MllogSweepReader"/>).</summary>
    public static SweepLog Read(byte[] bytes, string path, int maxLineBytes) => Formats.MllogSweepReader.Read(bytes, path, maxLineBytes);

    /// <summary>True when every step time and loss carries a time.</summary>
    public bool HasTimes => StepTimes.Count > 0 && StepTimes.All(s => double.IsFinite(s.TimeMs));
}
