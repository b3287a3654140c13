using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training.Rcp;

/// <summary>Convergence of one run as the RCP checker reads it (§9.1).</summary>
/// <param name="File">Bundle-relative path of the result file.</param>
/// <param name="Converged">run_stop reported success.</param>
/// <param name="SamplesToConverge">Samples (or epochs) at the last evaluation before run_stop; 1e9 when not converged.</param>
/// <param name="BatchSize">global_batch_size logged, or −1.</param>
/// <param name="Benchmark">submission_benchmark logged, or null.</param>
internal sealed record RunConvergence(string File, bool Converged, double SamplesToConverge, double BatchSize, string? Benchmark);

/// <summary>The outcome of the RCP check on one result folder.</summary>
/// <param name="Passed">True when the check passes (official rcp_checker).</param>
/// <param name="Status">Summarizer wording: Pass, Fail, Interp. Fail, Missing, No RCP, Unknown state.</param>
/// <param name="Message">rcp_checker message: 'RCP found', 'RCP Interpolation', 'Missing RCP ...', ...</param>
/// <param name="BatchSize">Global batch size of the runs, or null when it could not be read.</param>
/// <param name="SubmissionMean">Mean samples/epochs to converge after dropping the lowest and highest run.</param>
/// <param name="Reference">The RCP point compared against (exact, interpolated or smallest-batch), when any.</param>
/// <param name="Threshold">Minimum acceptable submission mean (RCP mean ÷ max speedup, after the 405B allowance).</param>
/// <param name="ScalingFactor">
/// Factor applied to the score: max(1, RCP mean ÷ submission mean) when the check passes and the runs converge faster than
/// the mean; else 1.
/// </param>
/// <param name="Runs">Per-run convergence.</param>
/// <param name="Findings">Findings raised (empty on pass).</param>
internal sealed record RcpOutcome(
    bool Passed,
    string Status,
    string Message,
    double? BatchSize,
    double? SubmissionMean,
    RcpPoint? Reference,
    double? Threshold,
    double ScalingFactor,
    IReadOnlyList<RunConvergence> Runs,
    IReadOnlyList<Finding> Findings);

/// <summary>The Reference Convergence Point check of the official rcp_checker (spec §9), side-effect free.</summary>
internal static class RcpChecker
{
    /// <summary>Reads one run's convergence the way rcp_checker does: substring matches on the record text, last eval before run_stop.</summary>
    public static RunConvergence ReadRun(TrainingLog log, TrainingRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(rules);
        var batchSize = -1.0;
        string? benchmark = null;
        double? conv = null;
        var converged = false;
        var result = 1e9;
        var fidClip = new Dictionary<double, Dictionary<string, double>>();
        foreach (var r in log.Records)
        {
            var text = Text(r);
            if (Mentions(text, "global_batch_size") && r.Value.ValueKind == JsonValueKind.Number)
            {
                batchSize = r.Value.GetDouble();
            }

            if (Mentions(text, "submission_benchmark") && r.Value.ValueKind == JsonValueKind.String)
            {
                benchmark = r.Value.GetString();
            }

            var unit = benchmark is not null && rules.Benchmarks.TryGetValue(benchmark, out var b) ? b.Convergence
                : benchmark == "stable_diffusion" ? ConvergenceUnit.FidClip
                : benchmark is "llama2_70b_lora" or "flux1" or "llama31_405b" or "llama31_8b" or "gpt_oss_20b" or "deepseekv3_671b"
                    ? ConvergenceUnit.Samples
                : ConvergenceUnit.Epochs;
            if (Mentions(text, "eval_error") || Mentions(text, "eval_accuracy"))
            {
                switch (unit)
                {
                    case ConvergenceUnit.FidClip:
                        if (Number(r, "samples_count") is { } step && r.TryGetMetadata("metric", out var metric)
                            && r.Value.ValueKind == JsonValueKind.Number)
                        {
                            if (!fidClip.TryGetValue(step, out var m))
                            {
                                fidClip[step] = m = new Dictionary<string, double>(StringComparer.Ordinal);
                            }

                            m[metric.ToString()] = r.Value.GetDouble();
                        }

                        break;
                    case ConvergenceUnit.Samples:
                        conv = Number(r, "samples_count");
                        break;
                    default:
                        conv = Number(r, "epoch_num") is { } e ? Math.Round(e, 3, MidpointRounding.ToEven) : null;
                        break;
                }
            }

            if (r.Key == "run_stop")
            {
                var success = r.TryGetMetadata("status", out var status) && status.ValueKind == JsonValueKind.String
                    && status.GetString() == "success";
                if (success && unit == ConvergenceUnit.FidClip)
                {
                    var passing = fidClip
                        .Where(kv => kv.Value.TryGetValue("FID", out var fid) && fid <= 90.0
                            && kv.Value.TryGetValue("CLIP", out var clip) && clip >= 0.15)
                        .Select(kv => kv.Key).ToList();
                    conv = passing.Count > 0 ? passing.Min() : null;
                }

                converged = success && conv is not null;
                result = converged ? conv!.Value : 1e9;
            }
        }

        return new RunConvergence(log.Path, converged, result, batchSize, benchmark);
    }

    /// <summary>Checks one result folder's runs against the rule set's pruned RCPs.</summary>
    /// <param name="runs">Per-run convergence from <see cref="ReadRun"/>.</param>
    /// <param name="rules">The rule set.</param>
    /// <param name="folder">Bundle-relative result folder, for findings.</param>
    public static RcpOutcome Check(IReadOnlyList<RunConvergence> runs, TrainingRuleSet rules, string folder)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(rules);
        var bs = runs.Count > 0 ? runs[0].BatchSize : -1;
        var benchmark = runs.Count > 0 ? runs[0].Benchmark : null;
        if (runs.Any(r => r.BatchSize != bs || r.Benchmark != benchmark) || bs == -1)
        {
            var sizes = string.Join(", ", runs.Select(r => r.BatchSize).Distinct());
            return Fail("Unknown state", "Could not detect global_batch_size", null, runs,
                FindingCatalog.TrnRcpBatchSize.At(folder, null, sizes));
        }

        if (benchmark is null || !rules.Benchmarks.TryGetValue(benchmark, out var meta) || RcpTable.For(rules, meta) is not { } table)
        {
            return Fail("No RCP", "Cannot find any RCPs", bs, runs,
                FindingCatalog.TrnRcpNoData.At(folder, null, rules.Id, benchmark));
        }

        var notConverged = runs.Count(r => !r.Converged);
        if (notConverged > meta.MaxDropped)
        {
            return Fail("Unknown state", "Insufficient convergence", bs, runs,
                FindingCatalog.TrnRcpInsufficientConvergence.At(folder, null, notConverged, meta.MaxDropped));
        }

        var pruned = table.Pruned;
        var exact = pruned.FirstOrDefault(p => p.BatchSize == bs);
        if (exact is not null)
        {
            return Evaluate(exact, "RCP found", "Fail", runs, rules, meta, folder, bs);
        }

        var low = pruned.Where(p => p.BatchSize < bs && p.BatchSize > 0).MaxBy(p => p.BatchSize);
        var high = pruned.Where(p => p.BatchSize > bs && p.BatchSize < 1e9).MinBy(p => p.BatchSize);
        if (low is not null && high is not null)
        {
            return Evaluate(RcpTable.Interpolate(bs, low, high, meta.Runs), "RCP Interpolation", "Interp. Fail", runs, rules, meta, folder, bs);
        }

        var missing = $"Missing RCP, please submit RCP with BS = {ComplianceChecker.Number(bs)}";
        if (low is not null)
        {
            return Fail("Missing", missing, bs, runs,
                FindingCatalog.TrnRcpMissing.At(folder, null, bs, low.BatchSize));
        }

        if (high is not null)
        {
            var smallest = pruned.MinBy(p => p.BatchSize)!;
            var outcome = Evaluate(smallest, "RCP not found but slower convergence on smaller batch size", "Missing", runs, rules, meta, folder, bs);
            return outcome.Passed
                ? outcome
                : outcome with
                {
                    Message = missing,
                    Findings = [FindingCatalog.TrnRcpMissingBelowSmallest.At(folder, null, bs, outcome.SubmissionMean ?? 0, outcome.Threshold ?? 0)],
                };
        }

        return Fail("No RCP", "Cannot find any RCPs", bs, runs,
            FindingCatalog.TrnRcpNoPrunedData.At(folder, null, rules.Id, benchmark));
    }

    private static RcpOutcome Evaluate(
        RcpPoint point,
        string message,
        string failStatus,
        IReadOnlyList<RunConvergence> runs,
        TrainingRuleSet rules,
        BenchmarkRules meta,
        string folder,
        double bs)
    {
        var maxSpeedup = meta.RcpMinEpochsAllowance > 0 ? point.Mean / (point.MinEpochs - meta.RcpMinEpochsAllowance) : point.MaxSpeedup;
        var rejected = meta.Name == "unet3d" ? 4 : 1;
        var sorted = runs.Select(r => r.SamplesToConverge).Order().ToArray();
        var kept = sorted.Length > 2 * rejected ? sorted[rejected..^rejected] : [];
        var submissionMean = RcpTable.Mean(kept);
        var norm = point.Mean / submissionMean;
        norm = norm < 1 ? 1.0 : norm;
        var threshold = point.Mean / maxSpeedup;
        var passed = submissionMean >= threshold;
        var scaling = passed && submissionMean < point.Mean ? norm : 1.0;
        var findings = passed
            ? Array.Empty<Finding>()
            : [FindingCatalog.TrnRcpTooFast.At(folder, null,
                submissionMean, threshold, point.Interpolated ? "interpolated " : string.Empty, point.BatchSize, point.Mean, rules.Id)];
        return new RcpOutcome(passed, passed ? "Pass" : failStatus, message, bs, submissionMean, point, threshold, scaling, runs, findings);
    }

    private static RcpOutcome Fail(string status, string message, double? bs, IReadOnlyList<RunConvergence> runs, Finding finding) =>
        new(false, status, message, bs is -1 ? null : bs, null, null, null, 1.0, runs, [finding]);

    private static double? Number(TrainingRecord r, string name) =>
        r.TryGetMetadata(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>The record's key, value and metadata as text: rcp_checker matches substrings of the raw JSON line.</summary>
    private static string Text(TrainingRecord r) => string.Concat(r.Key, "\n", r.Value.GetRawText(), "\n", r.Metadata.GetRawText());

    private static bool Mentions(string recordText, string text) => recordText.Contains(text, StringComparison.Ordinal);
}
