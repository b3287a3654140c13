using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Reports;

/// <summary>The verdict on one result.</summary>
public enum Verdict
{
    /// <summary>No error-severity finding.</summary>
    Valid = 1,

    /// <summary>At least one error-severity finding.</summary>
    Invalid = 2,
}

/// <summary>One audited result: a <c>&lt;benchmark&gt;/&lt;scenario&gt;</c> folder of a system.</summary>
/// <param name="Id">Path of the result in the submission tree, e.g. <c>closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline</c>.</param>
/// <param name="Division">closed, open or network; empty when the bundle does not say.</param>
/// <param name="Submitter">Submitter folder name.</param>
/// <param name="System">System description id (folder under results/).</param>
/// <param name="Benchmark">Benchmark folder name, e.g. <c>llama2-70b-99</c>.</param>
/// <param name="Scenario">Scenario folder name, e.g. <c>Offline</c>.</param>
/// <param name="Verdict">valid or invalid.</param>
/// <param name="Metric">The headline metric, when it could be read.</param>
/// <param name="Accelerators">number_of_nodes × accelerators_per_node from the system description, when known.</param>
/// <param name="Nodes">number_of_nodes from the system description, when known.</param>
/// <param name="Derived">Values derived from the headline metric.</param>
/// <param name="Findings">Everything found about this result, errors first.</param>
/// <param name="SystemDescription">Key fields of the system description, when it could be read.</param>
/// <param name="Accuracy">Accuracy values as the official results table writes them, e.g. <c>ROUGE1: 44.7494  ROUGE2: 22.3586</c>.</param>
/// <param name="WeightDataTypes">weight_data_types from the implementation JSON, e.g. <c>fp4</c>.</param>
/// <param name="Training">Training results only: runs, olympic score inputs, RCP outcome, step times and derived metrics; null for inference.</param>
/// <param name="Latency">LLM Server/Interactive results only: p99 TTFT and TPOT beside the scenario's limits, in ms; null otherwise.</param>
/// <param name="Sweep">Sweep configurations only: step times, throughput, utilization, memory, loss and telemetry of one configuration; null
/// otherwise.</param>
/// <param name="Power">Power results only: the power metric of the performance run, with its inputs; null when the result has no power folder or the
/// metric cannot be computed.</param>
/// <param name="RulesBenchmark">Inference only: the round's benchmark whose rules judged the result, after aliases and open-division model mapping
/// (e.g. <c>resnet</c> for a <c>resnet50</c> folder, the official table's MlperfModel); null when no rules applied.</param>
public sealed record ResultReport(
    string Id,
    string Division,
    string Submitter,
    string System,
    string Benchmark,
    string Scenario,
    Verdict Verdict,
    Metric? Metric,
    int? Accelerators,
    int? Nodes,
    DerivedMetrics Derived,
    IReadOnlyList<Finding> Findings,
    SystemSummary? SystemDescription = null,
    string? Accuracy = null,
    string? WeightDataTypes = null,
    TrainingDetails? Training = null,
    TokenLatency? Latency = null,
    SweepDetails? Sweep = null,
    string? RulesBenchmark = null,
    PowerMetric? Power = null);

/// <summary>A headline value with its unit and where it was read.</summary>
/// <param name="Name">Log key, e.g. <c>result_tokens_per_second</c>.</param>
/// <param name="Value">The value as logged (throughput in units per second, latency in ms).</param>
/// <param name="Unit">Unit as the published tables write it: <c>Tokens/s</c>, <c>Samples/s</c>, <c>Queries/s</c>, <c>Latency (ms)</c>.</param>
/// <param name="File">Bundle-relative path of the detail log it was read from.</param>
/// <param name="Line">1-based line of the record in that file.</param>
/// <param name="InferredFrom">When the value was inferred from a run of another scenario (edge rules: SingleStream → MultiStream or Offline,
/// MultiStream → Offline), that scenario.</param>
public sealed record Metric(string Name, double Value, string Unit, string? File, int? Line, string? InferredFrom = null);

/// <summary>Values derived from the headline metric; null when they do not apply (latency metrics, unknown counts).</summary>
/// <param name="PerAccelerator">Headline ÷ accelerators, in the headline unit per accelerator (e.g. tokens/s per GPU).</param>
/// <param name="PerNode">Headline ÷ number_of_nodes, in the headline unit per node.</param>
/// <param name="Formula">How the values were computed, in words a reader can check.</param>
public sealed record DerivedMetrics(double? PerAccelerator, double? PerNode, string? Formula)
{
    /// <summary>No derived values.</summary>
    public static DerivedMetrics None { get; } = new(null, null, null);
}

/// <summary>The system description fields a reader of a result needs (and the official results table carries), as written.</summary>
/// <param name="File">Bundle-relative path of the system description JSON.</param>
/// <param name="SystemName">system_name.</param>
/// <param name="Status">status: available, preview or rdi.</param>
/// <param name="SystemType">system_type: datacenter, edge or both.</param>
/// <param name="NumberOfNodes">number_of_nodes as written.</param>
/// <param name="AcceleratorModelName">accelerator_model_name, e.g. <c>NVIDIA GB200</c>.</param>
/// <param name="AcceleratorsPerNode">accelerators_per_node as written.</param>
/// <param name="HostProcessorModelName">host_processor_model_name.</param>
/// <param name="HostProcessorsPerNode">host_processors_per_node as written.</param>
/// <param name="HostProcessorCoreCount">host_processor_core_count as written.</param>
/// <param name="Framework">framework.</param>
/// <param name="OperatingSystem">operating_system.</param>
/// <param name="Notes">hw_notes and sw_notes joined by ". ", as the official table does.</param>
public sealed record SystemSummary(
    string File,
    string SystemName,
    string Status,
    string SystemType,
    string NumberOfNodes,
    string AcceleratorModelName,
    string AcceleratorsPerNode,
    string HostProcessorModelName,
    string HostProcessorsPerNode,
    string HostProcessorCoreCount,
    string Framework,
    string OperatingSystem,
    string Notes);
