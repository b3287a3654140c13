using System.Text.Json.Serialization;

namespace MlPerfAudit.Core.Sweeps.Manifest;

/// <summary>
/// A sweep manifest (<c>sweep.yaml</c> or <c>sweep.json</c>) the user writes next to the logs: for each log file, the
/// configuration it ran, where the log does not print it itself. Sizes are positive whole numbers.
/// </summary>
/// <param name="Version">Manifest version; this tool reads 1.</param>
/// <param name="Runs">One entry per log file.</param>
/// <param name="WarmupSteps">
/// Default number of first steps (iterations) excluded as warm-up for logs that do not mark warm-up themselves (all but MLLOG);
/// 0 when absent.
/// </param>
/// <param name="Telemetry">Time bases of telemetry files that print no time stamps (DCGM dmon).</param>
internal sealed record SweepManifestFile(
    int Version,
    IReadOnlyList<SweepManifestRun> Runs,
    int? WarmupSteps = null,
    IReadOnlyList<SweepManifestTelemetry>? Telemetry = null);

/// <summary>
/// One log file's configuration. Only <see cref="Log"/> is required; the log's own printout wins where it has a value, and a
/// disagreement is a finding.
/// </summary>
/// <param name="Log">
/// Path of the log inside the bundle (relative to the manifest's folder), e.g. <c>mbs4/nemo.log</c> or
/// <c>mbs4/events.out.tfevents.1.host</c>.
/// </param>
/// <param name="MicroBatchSize">MBS: samples per GPU per micro-step.</param>
/// <param name="GlobalBatchSize">GBS: samples per optimizer step.</param>
/// <param name="TensorParallel">TP size.</param>
/// <param name="PipelineParallel">PP size.</param>
/// <param name="ContextParallel">CP size.</param>
/// <param name="DataParallel">DP size.</param>
/// <param name="SequenceLength">Tokens per sample.</param>
/// <param name="Precision">e.g. <c>bf16</c>, <c>fp8</c>.</param>
/// <param name="ModelParameters">Parameter count of the model (not billions).</param>
/// <param name="Gpus">GPUs the run used; must equal TP × PP × CP × DP.</param>
/// <param name="WarmupSteps">First steps (iterations) excluded as warm-up for this log.</param>
/// <param name="Start">When the first step began, ISO 8601 with zone (e.g. <c>2026-11-22T00:00:40.120Z</c>), for logs without time stamps.</param>
/// <param name="Accelerator">GPU name, e.g. <c>NVIDIA H200</c>, for the dense peak and limits.</param>
/// <param name="NumLayers">Transformer layers (for the attention term of the FLOP count).</param>
/// <param name="HiddenSize">Hidden size (for the attention term of the FLOP count).</param>
internal sealed record SweepManifestRun(
    string Log,
    int? MicroBatchSize = null,
    int? GlobalBatchSize = null,
    int? TensorParallel = null,
    int? PipelineParallel = null,
    int? ContextParallel = null,
    int? DataParallel = null,
    int? SequenceLength = null,
    string? Precision = null,
    long? ModelParameters = null,
    int? Gpus = null,
    int? WarmupSteps = null,
    string? Start = null,
    string? Accelerator = null,
    int? NumLayers = null,
    int? HiddenSize = null);

/// <summary>The time base of a telemetry file without time stamps.</summary>
/// <param name="File">Path of the telemetry file inside the bundle (relative to the manifest's folder).</param>
/// <param name="Start">Time of the first sample, ISO 8601 with zone.</param>
/// <param name="IntervalMs">Time between samples in ms (dmon's <c>-d</c>).</param>
internal sealed record SweepManifestTelemetry(string File, string Start, double IntervalMs);

/// <summary>Source-generated metadata for manifests: camelCase, strict.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SweepManifestFile))]
internal sealed partial class SweepManifestJsonContext : JsonSerializerContext;
