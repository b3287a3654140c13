namespace MlPerfAudit.Core.Baselines;

/// <summary>Which MLPerf suite a published table belongs to.</summary>
public enum BaselineSuite
{
    /// <summary>MLPerf Inference (<c>summary_results.json</c>).</summary>
    Inference = 1,

    /// <summary>MLPerf Training (per-submitter <c>summary.json</c>, or a score table in CSV).</summary>
    Training = 2,
}

/// <summary>
/// One row of a published results table, with the units as published. Immutable; where the table is silent
/// the value is null (training tables carry no result IDs; inference tables carry no batch size).
/// </summary>
/// <param name="Source">Name of the table the row was read from, as given to <see cref="BaselineLoader"/> (usually its path).</param>
/// <param name="Line">1-based line of the table where the row begins (the row's <c>{</c> in JSON, the record in CSV).</param>
/// <param name="Suite">Inference or training.</param>
/// <param name="Round">Round without a leading v, e.g. <c>5.1</c>.</param>
/// <param name="Id">Public result ID, e.g. <c>5.1-0008</c>; one per system, shared by its benchmark/scenario rows. Null for training.</param>
/// <param name="Division">closed, open or network.</param>
/// <param name="Submitter">Submitter as published.</param>
/// <param name="System">System name (system_name), e.g. <c>Azure ND GB200 v6</c>.</param>
/// <param name="Platform">System description id (folder under results/), e.g. <c>ND_GB200_v6</c>.</param>
/// <param name="Benchmark">Benchmark with its accuracy target (<c>llama2-70b-99</c>) or training benchmark (<c>llama31_405b</c>).</param>
/// <param name="Scenario">Inference scenario (<c>Offline</c>, <c>Server</c>, ...); empty for training.</param>
/// <param name="Nodes">Number of nodes, when published.</param>
/// <param name="Accelerators">Total accelerators (nodes × accelerators per node), when published; null for CPU-only systems.</param>
/// <param name="AcceleratorName">Accelerator model as published.</param>
/// <param name="Value">The official metric: throughput in <paramref name="Unit"/> (e.g. tokens/s), latency in ms, or time to train in
/// minutes.</param>
/// <param name="Unit">Unit as published: <c>Tokens/s</c>, <c>Samples/s</c>, <c>Queries/s</c>, <c>Latency (ms)</c>, or <c>minutes</c>.</param>
/// <param name="Inferred">True when the table marks the number as inferred from another scenario's run rather than measured.</param>
/// <param name="GlobalBatchSize">Training only: logged global_batch_size, in samples per step, when the table has it.</param>
/// <param name="StepTimeSeconds">Training only: median train_step_time, in seconds, when the table has it.</param>
/// <param name="Location">Where the logs live (submission-tree path), when published.</param>
public sealed record PublishedResult(
    string Source,
    int Line,
    BaselineSuite Suite,
    string Round,
    string? Id,
    string Division,
    string Submitter,
    string System,
    string Platform,
    string Benchmark,
    string Scenario,
    int? Nodes,
    int? Accelerators,
    string? AcceleratorName,
    double Value,
    string Unit,
    bool Inferred,
    double? GlobalBatchSize = null,
    double? StepTimeSeconds = null,
    string? Location = null)
{
    /// <summary>True when a larger <see cref="Value"/> is better (throughput); false for latency and time to train.</summary>
    public bool HigherIsBetter => Unit.EndsWith("/s", StringComparison.Ordinal);

    /// <summary><see cref="Value"/> ÷ <see cref="Accelerators"/> for throughputs, in <see cref="Unit"/> per accelerator; null otherwise.</summary>
    public double? PerAccelerator => HigherIsBetter && Accelerators is > 0 ? Value / Accelerators.Value : null;

    /// <summary>Where the row is, for provenance: <c>source:line</c>.</summary>
    public string Provenance => $"{Source}:{Line}";
}

/// <summary>A problem with one row or the whole table; the loader keeps going and reports every problem.</summary>
/// <param name="Source">Table name.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole table.</param>
/// <param name="Message">One sentence naming the field and what is wrong.</param>
public sealed record BaselineError(string Source, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Message}" : $"{Source}: {Message}";
}

/// <summary>What <see cref="BaselineLoader.Load"/> read: the rows, and every problem met (strict: a table with errors should not be used).</summary>
/// <param name="Rows">Rows read, in table order.</param>
/// <param name="Errors">Problems, in table order; empty when the table was read cleanly.</param>
public sealed record BaselineTable(IReadOnlyList<PublishedResult> Rows, IReadOnlyList<BaselineError> Errors);
