using System.Globalization;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Sweeps.Manifest;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>A log's configuration after the manifest is applied: what the audit computes with, and where each part came from.</summary>
internal sealed record ResolvedRun(
    SweepLog Log,
    int? MicroBatchSize,
    int? GlobalBatchSize,
    int? SequenceLength,
    int TensorParallel,
    int PipelineParallel,
    int ContextParallel,
    int DataParallel,
    int Gpus,
    string Precision,
    long? ModelParameters,
    int? NumLayers,
    int? HiddenSize,
    int WarmupSteps,
    double? StartMs,
    string? Accelerator,
    string Source,
    IReadOnlyList<Finding> Findings);

/// <summary>
/// Applies the sweep manifest to a log: the log's own printout wins where it has a value, the manifest fills the rest,
/// and a disagreement (or TP × PP × CP × DP ≠ GPUs) is SWP-CFG-005. Nothing is guessed from a file name. Parallel sizes
/// neither gives are 1, and the report says so.
/// </summary>
internal static class SweepConfigResolver
{
    public static ResolvedRun Resolve(SweepLog log, SweepManifestFile? manifest, string? manifestPath, int manifestLine)
    {
        var findings = new List<Finding>();
        var run = manifest?.Runs.FirstOrDefault(r => SweepInputs.Resolve(manifestPath, r.Log) == log.Path);
        var c = log.Config;
        T? Pick<T>(string name, T? logged, T? listed)
            where T : struct
        {
            if (logged is { } l && listed is { } m && !EqualityComparer<T>.Default.Equals(l, m))
            {
                findings.Add(FindingCatalog.SwpConfigConflict.At(manifestPath, manifestLine, log.Path, name, l, c.Source, m));
            }

            return logged ?? listed;
        }

        var mbs = Pick("micro_batch_size", c.MicroBatchSize, run?.MicroBatchSize);
        var gbs = Pick("global_batch_size", c.GlobalBatchSize, run?.GlobalBatchSize);
        var seq = Pick("sequence length", c.SequenceLength, run?.SequenceLength);
        var tp = Pick("TP", c.TensorParallel, run?.TensorParallel);
        var pp = Pick("PP", c.PipelineParallel, run?.PipelineParallel);
        var cp = Pick("CP", c.ContextParallel, run?.ContextParallel);
        var dp = Pick("DP", c.DataParallel, run?.DataParallel);
        var gpus = Pick("GPU count", c.Gpus, run?.Gpus);
        var parameters = Pick("model parameters", c.ModelParameters, run?.ModelParameters);
        var layers = Pick("num_layers", c.NumLayers, run?.NumLayers);
        var hidden = Pick("hidden_size", c.HiddenSize, run?.HiddenSize);
        var precision = c.Precision ?? run?.Precision;
        if (c.Precision is { } lp && run?.Precision is { } mp
            && !string.Equals(AcceleratorData.PrecisionKey(lp) ?? lp, AcceleratorData.PrecisionKey(mp) ?? mp, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(FindingCatalog.SwpConfigConflictPrecision.At(manifestPath, manifestLine, log.Path, lp, mp));
        }

        var assumed = new List<string>();
        if (dp is null && gpus is { } g && (tp ?? 1) * (pp ?? 1) * (cp ?? 1) is var model && model > 0 && g % model == 0)
        {
            dp = g / model; // DP is what the GPUs leave after the model-parallel sizes
            assumed.Add(string.Create(CultureInfo.InvariantCulture, $"DP = GPUs / (TP × PP × CP) = {dp}"));
        }

        foreach (var (name, value) in new[] { ("TP", tp), ("PP", pp), ("CP", cp), ("DP", dp) })
        {
            if (value is null)
            {
                assumed.Add($"{name} not given: 1 assumed");
            }
        }

        var (t, p, x, d) = (tp ?? 1, pp ?? 1, cp ?? 1, dp ?? 1);
        var product = (long)t * p * x * d;
        if (gpus is { } count && product != count)
        {
            var fromLog = c.Gpus is not null || run is null;
            findings.Add(FindingCatalog.SwpConfigConflictGpus.At(
                fromLog ? log.Path : manifestPath, fromLog ? c.Line : manifestLine, log.Path, t, p, x, d, product, count));
        }

        var warmup = run?.WarmupSteps ?? manifest?.WarmupSteps ?? 0;
        var sources = new List<string> { c.Source };
        if (run is not null)
        {
            sources.Add($"manifest {manifestPath} line {manifestLine}");
        }

        sources.AddRange(assumed);
        if (log.Format != SweepLogFormat.Mllog)
        {
            var from = run?.WarmupSteps is not null || manifest?.WarmupSteps is not null ? "manifest" : "default, none";
            sources.Add($"warm-up: first {warmup} steps ({from})");
        }

        return new ResolvedRun(log, mbs, gbs, seq, t, p, x, d, (int)Math.Min(product, int.MaxValue), precision ?? string.Empty, parameters,
            layers, hidden, warmup, SweepManifestReader.ParseTime(run?.Start), c.Platform ?? run?.Accelerator, string.Join("; ", sources), findings);
    }

    /// <summary>Manifest entries that name no log of the bundle.</summary>
    public static IEnumerable<Finding> Unmatched(
        SweepManifestFile manifest, string manifestPath, IReadOnlyList<SweepLog> logs, IReadOnlyList<int> lines)
    {
        for (var i = 0; i < manifest.Runs.Count; i++)
        {
            var path = SweepInputs.Resolve(manifestPath, manifest.Runs[i].Log);
            if (!logs.Any(l => l.Path == path))
            {
                yield return FindingCatalog.SwpManifestUnmatched.At(manifestPath, i < lines.Count ? lines[i] : null, manifest.Runs[i].Log, path);
            }
        }
    }
}
