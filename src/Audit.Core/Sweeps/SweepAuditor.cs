using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// Audits a single-machine pretraining validation sweep: one log per configuration (MLLOG, NeMo 2, NeMo 1, DLLogger,
/// Megatron-LM or TensorBoard event files; see <see cref="SweepFormatDetector"/>), the configuration from the log's own
/// printout or a sweep manifest, plus telemetry of the whole sweep (nvidia-smi CSV or DCGM dmon), matched by time.
/// One result per configuration (step times with warm-up excluded, throughput, model FLOPs utilization, memory, loss,
/// telemetry), findings SWP-*, and the check of a claimed optimal configuration. Reads only through
/// <see cref="IBundle"/>: no disk, clock or network.
/// </summary>
internal static class SweepAuditor
{
    private const int PeekBytes = 64 * 1024;

    /// <summary>
    /// True when the bundle holds a sweep log in a format the audit reads (MLLOG with micro_batch_size and train_step_time, NeMo 2,
    /// NeMo 1, DLLogger, Megatron-LM, a TensorBoard event file) or a sweep manifest, and no MLPerf training result_N.txt.
    /// </summary>
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
            if (SweepInputs.IsSweepLog(entry, Encoding.UTF8.GetString(buffer, 0, read)))
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
        var inputs = SweepInputs.Read(bundle.Bundle, options);
        reportFindings.AddRange(inputs.Findings);
        TelemetryFindings(inputs, options, reportFindings);
        var telemetry = new TelemetryIndex([.. inputs.Telemetry.Where(f => f.Samples.Count > 0)]);
        if (inputs.Manifest is { } manifest)
        {
            reportFindings.AddRange(SweepConfigResolver.Unmatched(manifest, inputs.ManifestPath!, inputs.Logs, inputs.ManifestRunLines));
        }

        var runs = inputs.Logs.Select(l => SweepConfigResolver.Resolve(l, inputs.Manifest, inputs.ManifestPath, RunLine(inputs, l))).ToList();
        var envLimits = inputs.EnvironmentLimits;
        var accelerator = runs.Select(r => r.Accelerator).FirstOrDefault(p => p is not null) ?? telemetry.GpuName ?? envLimits?.Limits.Name;
        var limits = ResolveLimits(envLimits, telemetry, accelerator, reportFindings);
        var deadline = AuditDeadline.Start(options.Clock, options.MaxAuditTime);
        var (results, timeLimitHit) = AuditRuns(runs, deadline, telemetry, limits, accelerator, envLimits?.Limits.MemoryTotalMiB, options);
        CrossChecks(results, reportFindings);
        results.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var recommendation = CheckClaim(results, options, reportFindings);
        var summary = new SweepSummary([.. inputs.Telemetry.Select(f => f.Path)], limits.MaxSmClockMhz, limits.PowerLimitWatts, limits.Source,
            options.TelemetryUtcOffsetMinutes, options.Thresholds, Best(results), recommendation);
        var valid = results.Count(r => r.Verdict == Verdict.Valid);
        var rules = new RulesInfo("sweep", "sweep-1", AcceleratorData.Digest);
        return new AuditReport(tool, rules, new BundleInfo(bundle.Sha256, bundle.Bundle.Name),
            results, reportFindings, new ReportSummary(valid, results.Count - valid), summary)
        {
            Limits = deadline is null ? null : ReportLimits.From(
                new BundleLimits { MaxLineBytes = options.MaxLineBytes, MaxAuditTime = options.MaxAuditTime },
                timed: true,
                timeLimitHit ? [nameof(BundleLimits.MaxAuditTime)] : []),
        };
    }

    /// <summary>Telemetry rows not read (up to the reporting limit, then a count), and a finding when there is no telemetry.</summary>
    private static void TelemetryFindings(SweepInputs inputs, SweepAuditOptions options, List<Finding> findings)
    {
        foreach (var file in inputs.Telemetry)
        {
            foreach (var p in file.Problems.Take(options.MaxParseFindings))
            {
                findings.Add(FindingCatalog.SwpTelParse.At(file.Path, p.Line, p.Reason));
            }

            if (file.Problems.Count > options.MaxParseFindings)
            {
                findings.Add(FindingCatalog.SwpTelParseMore.At(file.Path, null, file.Problems.Count - options.MaxParseFindings));
            }
        }

        if (inputs.Telemetry.Count == 0)
        {
            findings.Add(FindingCatalog.SwpTelMissing.Of());
        }
    }

    /// <summary>Audits each configuration; once the deadline has passed the rest are reported as not judged (never left out).</summary>
    private static (List<ResultReport> Results, bool TimeLimitHit) AuditRuns(List<ResolvedRun> runs, AuditDeadline? deadline,
        TelemetryIndex telemetry, Limits limits, string? accelerator, double? envMemoryMiB, SweepAuditOptions options)
    {
        var results = new List<ResultReport>();
        var timeLimitHit = false;
        foreach (var run in runs)
        {
            if (deadline?.Passed == true)
            {
                // Out of time: the configuration is reported, invalid, with the reason; never left out (nor ranked).
                results.Add(NotJudged(run.Log, accelerator, options.MaxAuditTime));
                timeLimitHit = true;
                continue;
            }

            results.Add(SweepRunAudit.Audit(run, telemetry, limits, accelerator, envMemoryMiB, options));
        }

        return (results, timeLimitHit);
    }

    /// <summary>The best configuration by each criterion.</summary>
    private static List<SweepBest> Best(List<ResultReport> results)
    {
        var best = new List<SweepBest>();
        foreach (var criterion in new[] { SweepCriterion.StepTime, SweepCriterion.TokensPerGpu, SweepCriterion.MemoryHeadroom })
        {
            var ranked = RecommendationCheck.Rank(results, criterion);
            if (ranked.Count > 0)
            {
                var label = ranked[0].Result.Sweep!.Configuration.Label;
                best.Add(new SweepBest(RecommendationCheck.Name(criterion), label, ranked[0].Value, RecommendationCheck.Unit(criterion)));
            }
        }

        return best;
    }

    /// <summary>Checks the claimed optimal configuration, when one is claimed.</summary>
    private static SweepRecommendation? CheckClaim(List<ResultReport> results, SweepAuditOptions options, List<Finding> findings)
    {
        if (options.ClaimedOptimal is not { } claim)
        {
            return null;
        }

        var outcome = RecommendationCheck.Check(results, claim, options.Criterion, options.TieTolerancePercent);
        if (outcome.Finding is { } f)
        {
            findings.Add(f);
        }

        return outcome.Recommendation;
    }

    private static int RunLine(SweepInputs inputs, SweepLog log)
    {
        var index = inputs.Manifest?.Runs.ToList().FindIndex(r => SweepInputs.Resolve(inputs.ManifestPath, r.Log) == log.Path) ?? -1;
        return index >= 0 && index < inputs.ManifestRunLines.Count ? inputs.ManifestRunLines[index] : 1;
    }

    private static ResultReport NotJudged(SweepLog log, string? accelerator, TimeSpan limit)
    {
        var path = log.Path;
        return new ResultReport(path, string.Empty, string.Empty, log.Config.Platform ?? accelerator ?? string.Empty,
            log.Config.Benchmark ?? string.Empty, string.Empty, Verdict.Invalid, null, null, null, DerivedMetrics.None,
            [AuditDeadline.NotJudged(limit, path, "configuration")]);
    }

    private static Limits ResolveLimits(
        (GpuLimits Limits, string File)? env, TelemetryIndex telemetry, string? accelerator, List<Finding> findings)
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

        if ((clock is null || power is null) && AcceleratorData.Find(accelerator) is { } entry
            && (entry.MaxSmClockMhz is not null || entry.PowerLimitWatts is not null))
        {
            clock ??= entry.MaxSmClockMhz;
            power ??= entry.PowerLimitWatts;
            sources.Add($"Rounds/training-metrics.json '{entry.Match}': {entry.LimitsSource}");
        }

        if (clock is null && Positive(telemetry.HighestSmClock) is { } seen)
        {
            clock = seen;
            sources.Add("highest SM clock seen in the telemetry (the GPU's maximum is unknown)");
            findings.Add(FindingCatalog.SwpTelLimitsUnknown.Of(accelerator ?? "unknown GPU", seen));
        }

        return new Limits(clock, power, sources.Count == 0 ? "unknown" : string.Join("; ", sources));
    }

    private static void CrossChecks(List<ResultReport> results, List<Finding> findings)
    {
        var groups = results.Where(r => r.Sweep is not null)
            .GroupBy(r => r.Sweep!.Configuration.Label, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var files = string.Join(", ", group.Select(r => r.Id));
            findings.Add(FindingCatalog.SwpConfigDuplicate.At(group.First().Id, null, group.Key, group.Count(), files));
        }

        var shapes = results.Where(r => r.Sweep is not null).Select(r => r.Sweep!.Configuration)
            .Select(c => (c.ModelParameters, c.SequenceLength, c.Precision)).Distinct().ToList();
        if (shapes.Count > 1)
        {
            var listed = shapes.Select(s => $"{s.ModelParameters?.ToString(CultureInfo.InvariantCulture) ?? "?"}, {s.SequenceLength}, {s.Precision}");
            findings.Add(FindingCatalog.SwpConfigIncomparable.Of(string.Join("; ", listed)));
        }
    }

    /// <summary>
    /// The configuration label a claim names: MBS, TP, PP, CP always; DP when not 1; GBS when it is not MBS × DP (gradient accumulation).
    /// </summary>
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

    /// <summary>Slack on "more than the limit" comparisons so a value at the limit, computed in floating point, passes.</summary>
    internal const double LimitTolerance = 1e-9;

    /// <summary>The GPU limits used for throttling and power.</summary>
    internal sealed record Limits(double? MaxSmClockMhz, double? PowerLimitWatts, string Source);
}
