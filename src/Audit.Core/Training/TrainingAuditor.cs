using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Core.Training.Rcp;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// Audits MLPerf Training results as the official package checker, compliance checker, RCP checker and
/// result summarizer of mlcommons/logging do (spec: shared/spec/training-rules.md), and adds derived
/// metrics. Reads only through <see cref="IBundle"/>: no disk, clock or network.
/// </summary>
public static partial class TrainingAuditor
{
    /// <summary>
    /// True when the bundle holds training result logs: <c>result_N.txt</c> files in the training layout
    /// (<c>&lt;org&gt;/results/&lt;system&gt;/&lt;benchmark&gt;/</c>), in a single <c>&lt;system&gt;/&lt;benchmark&gt;</c>
    /// folder, or bare. Inference bundles (mlperf_log_detail.txt, no result_N.txt) are not recognised.
    /// </summary>
    public static bool Recognizes(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Entries.Any(e => ResultFileName().IsMatch(e.FileName));
    }

    /// <summary>Audits every training result folder in the bundle.</summary>
    /// <param name="bundle">The opened bundle.</param>
    /// <param name="options">Options; validated here, all problems reported in one <see cref="ArgumentException"/>.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    public static AuditReport Audit(OpenedBundle bundle, TrainingAuditOptions options, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid training audit options: " + string.Join(" ", problems), nameof(options));
        }

        var entries = bundle.Bundle.Entries;
        var bundleFindings = new List<Finding>(bundle.Bundle.OpeningFindings);
        var folders = entries.Where(e => ResultFileName().IsMatch(e.FileName)).GroupBy(e => e.Folder, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();

        var inferred = options.RuleSet is null ? RuleSetInference.Infer(bundle.Bundle, folders) : null;
        var ruleSetId = options.RuleSet ?? inferred!.RuleSet;
        var rules = TrainingRuleSet.Get(ruleSetId);
        if (rules is null)
        {
            bundleFindings.Add(Finding.Of(FindingCatalog.TrnRoundUnsupported, $"Rule set '{ruleSetId}' is not supported ({string.Join(", ", TrainingRuleSet.Supported)})."));
            return new AuditReport(tool, new RulesInfo("training", ruleSetId, string.Empty), new BundleInfo(bundle.Sha256, bundle.Bundle.Name), [], bundleFindings, new ReportSummary(0, 0));
        }

        // Without --round, a folder whose benchmark the bundle's rule set lacks is judged by the rule set that holds it.
        var findingsByFolder = inferred?.Findings.Where(f => f.File is not null).ToLookup(f => f.File!, StringComparer.Ordinal);
        bundleFindings.AddRange(inferred?.Findings.Where(f => f.File is null) ?? []);

        var systems = new Dictionary<string, (SystemDescription? Desc, List<Finding> Findings)>(StringComparer.Ordinal);
        var results = new List<ResultReport>();
        var deadline = AuditDeadline.Start(options.Clock, options.MaxAuditTime);
        var timeLimitHit = false;
        foreach (var folder in folders)
        {
            var layout = Layout.Of(folder.Key);
            if (deadline?.Passed == true)
            {
                // Out of time: the folder is reported as an invalid result with the reason; never left out.
                timeLimitHit = true;
                results.Add(NotJudged(bundle.Bundle.Name, folder.Key, layout, options.MaxAuditTime));
                continue;
            }

            (SystemDescription? Desc, List<Finding> Findings)? system = null;
            if (layout.SystemJsonPath is { } sysPath)
            {
                if (!systems.TryGetValue(sysPath, out var known))
                {
                    var found = new List<Finding>();
                    var entry = entries.FirstOrDefault(e => e.Path == sysPath);
                    SystemDescription? desc = null;
                    if (entry is null)
                    {
                        found.Add(Finding.Of(FindingCatalog.TrnSysMissing, $"No system description {sysPath} for results of system '{layout.System}'.", sysPath));
                    }
                    else
                    {
                        using var s = bundle.Bundle.Open(entry);
                        desc = SystemDescription.Read(s, sysPath, found);
                    }

                    systems[sysPath] = known = (desc, found);
                }

                system = known;
            }

            var folderRules = inferred is not null && inferred.PerFolder.TryGetValue(folder.Key, out var fit) ? TrainingRuleSet.Get(fit)! : rules;
            var result = AuditFolder(bundle.Bundle, folder.Key, [.. folder.OrderBy(e => e.FileName, StringComparer.Ordinal)], layout, system, folderRules, options, bundleFindings);
            if (result is not null)
            {
                results.Add(findingsByFolder is null || !findingsByFolder.Contains(folder.Key) ? result
                    : result with { Findings = [.. result.Findings, .. findingsByFolder[folder.Key]] });
            }
        }

        results.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var valid = results.Count(r => r.Verdict == Verdict.Valid);
        return new AuditReport(tool, new RulesInfo("training", rules.Round, rules.Digest), new BundleInfo(bundle.Sha256, bundle.Bundle.Name),
            results, bundleFindings, new ReportSummary(valid, results.Count - valid))
        {
            Limits = deadline is null ? null : ReportLimits.From(new BundleLimits { MaxLineBytes = options.MaxLineBytes, MaxAuditTime = options.MaxAuditTime },
                timed: true, timeLimitHit ? [nameof(BundleLimits.MaxAuditTime)] : []),
        };
    }

    private static ResultReport NotJudged(string bundleName, string folder, Layout layout, TimeSpan limit)
    {
        var id = folder.StartsWith("results/", StringComparison.Ordinal) ? $"{BundleNames.WithoutArchiveExtension(bundleName)}/{folder}" : folder;
        var finding = AuditDeadline.NotJudged(limit, folder);
        return new ResultReport(id, string.Empty, layout.Submitter ?? string.Empty, layout.System ?? string.Empty, layout.Benchmark ?? string.Empty,
            string.Empty, Verdict.Invalid, null, null, null, DerivedMetrics.None, [finding]);
    }

    private static ResultReport? AuditFolder(IBundle bundle, string folder, List<BundleEntry> files, Layout layout,
        (SystemDescription? Desc, List<Finding> Findings)? system, TrainingRuleSet rules, TrainingAuditOptions options, List<Finding> bundleFindings)
    {
        var findings = new List<Finding>();
        var logs = new List<TrainingLog>();
        foreach (var file in files)
        {
            if (file.Length > options.MaxFileBytes)
            {
                logs.Add(new TrainingLog(file.Path, [], [new TrainingLogProblem(0, $"the file is {file.Length} bytes, over the {options.MaxFileBytes}-byte limit")]));
                continue;
            }

            using var stream = bundle.Open(file);
            logs.Add(TrainingLogParser.Parse(stream, file.Path, options.MaxLineBytes));
        }

        var loggedBenchmark = logs.Select(l => l.First("submission_benchmark")).FirstOrDefault(r => r is { Value.ValueKind: JsonValueKind.String })?.Value.GetString();
        var benchmarkName = layout.Benchmark is { } named && (layout.SystemJsonPath is not null || rules.Benchmarks.ContainsKey(named))
            ? named
            : loggedBenchmark ?? layout.Benchmark ?? string.Empty;
        if (!rules.Benchmarks.TryGetValue(benchmarkName, out var benchmark))
        {
            bundleFindings.Add(Finding.Of(FindingCatalog.TrnPkgUnknownBenchmark, $"Benchmark folder '{benchmarkName}' is not a benchmark of rule set {rules.Id}; {folder} was skipped.", folder));
            return null;
        }

        if (loggedBenchmark is not null && loggedBenchmark != benchmarkName)
        {
            findings.Add(Finding.Of(FindingCatalog.TrnPkgBenchmarkMismatch, $"The folder is '{benchmarkName}' but the logs say submission_benchmark '{loggedBenchmark}'.", folder));
        }

        var desc = system?.Desc;
        if (system is { } sys)
        {
            findings.AddRange(sys.Findings);
        }

        var loggedDivision = logs.Select(l => l.First("submission_division")).FirstOrDefault(r => r is { Value.ValueKind: JsonValueKind.String })?.Value.GetString();
        var division = desc?.Division ?? loggedDivision ?? string.Empty;
        IdentityChecks(logs, desc, loggedDivision, folder, findings);

        // Package: run count and stray files (spec §11).
        if (files.Count != benchmark.Runs)
        {
            findings.Add(Finding.Of(FindingCatalog.TrnPkgRunCount, $"{files.Count} result_*.txt files found; {benchmark.Name} requires exactly {benchmark.Runs}.", folder));
        }

        var stray = bundle.Entries.Where(e => e.Folder == folder && !ResultFileName().IsMatch(e.FileName) && e.FileName is not "package_checker_params").ToList();
        foreach (var e in stray.Where(e => e.FileName != "scaling.json"))
        {
            findings.Add(Finding.Of(FindingCatalog.TrnPkgStrayFile, $"'{e.FileName}' is not a result_*.txt file.", e.Path));
        }

        // Compliance per run and run times (spec §3-§8).
        var runs = new List<(TrainingLog Log, ComplianceResult Compliance, double? Minutes, string? Status)>();
        foreach (var log in logs)
        {
            var compliance = ComplianceChecker.Check(log, rules, options.MaxParseFindings);
            double? minutes = null;
            double? start = null;
            double? stop = null;
            foreach (var r in log.Records)
            {
                if (r.Key == "run_start")
                {
                    start = r.TimeMs;
                }

                if (r.Key == "run_stop")
                {
                    stop = r.TimeMs;
                }

                if (start is not null && stop is not null)
                {
                    break;
                }
            }

            if (start is not null && stop is not null)
            {
                minutes = (stop.Value - start.Value) / 60 / 1000;
            }

            var stopRecord = log.First("run_stop");
            var status = stopRecord is not null && stopRecord.TryGetMetadata("status", out var st) ? (st.ValueKind == JsonValueKind.String ? st.GetString() : st.GetRawText()) : null;
            if (stopRecord is not null && status != "success")
            {
                findings.Add(Finding.Of(FindingCatalog.TrnRunNotSuccess, $"run_stop status is '{status ?? "missing"}'; the RCP check counts this run as not converged.", log.Path, stopRecord.Line));
            }

            var ok = compliance.Compliant && log.Problems.Count == 0 && minutes is not null;
            runs.Add((log, compliance with { Compliant = ok }, ok ? minutes : null, status));
        }

        var dropped = runs.Count(r => !r.Compliance.Compliant);
        if (dropped > benchmark.MaxDropped)
        {
            findings.Add(Finding.Of(FindingCatalog.TrnRunTooManyDropped, $"{dropped} of {runs.Count} runs fail compliance; at most {benchmark.MaxDropped} may.", folder));
            foreach (var r in runs.Where(r => !r.Compliance.Compliant))
            {
                findings.AddRange(r.Compliance.Findings.Where(f => f.Severity == Severity.Error));
            }
        }
        else if (dropped > 0)
        {
            var failed = runs.Where(r => !r.Compliance.Compliant).Select(r => r.Log.Path);
            findings.Add(Finding.Of(FindingCatalog.TrnRunDropped, $"{string.Join(", ", failed)} failed compliance and is dropped as the slowest run (olympic scoring); see its run findings.", folder));
        }

        // Seeds (closed, spec §10).
        var isClosed = division == "closed";
        if (isClosed)
        {
            SeedChecks(logs, folder, findings);
        }

        // RCP (closed, spec §9).
        var convergence = logs.Select(l => RcpChecker.ReadRun(l, rules)).ToList();
        RcpOutcome? rcp = null;
        double? published = ReadPublishedScaling(bundle, folder);
        if (isClosed)
        {
            rcp = RcpChecker.Check(convergence, rules, folder);
            findings.AddRange(rcp.Findings);
            if (published is { } p && Math.Abs(p - rcp.ScalingFactor) > 1e-9 * Math.Max(1, p))
            {
                findings.Add(Finding.Of(FindingCatalog.TrnRcpScalingMismatch,
                    $"scaling.json holds {Fmt(p)} but the RCP check gives {Fmt(rcp.ScalingFactor)}; the computed factor is used.", folder + "/scaling.json"));
            }
        }

        // Score (spec §8).
        // Outside the closed division no RCP check runs; the summarizer still applies a published scaling.json (measured: issue 16 harness).
        var scalingFactor = rcp?.ScalingFactor ?? (published is { } factor && factor > 0 && double.IsFinite(factor) ? factor : 1.0);
        TrainingScore? score = null;
        var times = runs.Where(r => r.Minutes is not null).Select(r => r.Minutes!.Value).Order().ToList();
        var counted = new List<double>();
        if (dropped <= benchmark.MaxDropped)
        {
            var take = times.Count - benchmark.MaxDropped - (benchmark.MaxDropped - dropped);
            counted = take > 0 ? times.Skip(benchmark.MaxDropped).Take(take).ToList() : [];
            if (counted.Count > 0)
            {
                var olympic = counted.Sum() / counted.Count;
                score = new TrainingScore(olympic, scalingFactor, olympic * scalingFactor, dropped, counted,
                    $"olympic = mean of the {counted.Count} run times left after dropping the {benchmark.MaxDropped} fastest and {benchmark.MaxDropped - dropped} slowest ({dropped} failed run(s) count as slowest) = {Fmt(olympic)} min; score = olympic x RCP scaling factor {Fmt(scalingFactor)} = {Fmt(olympic * scalingFactor)} min");
            }
        }

        var countedSet = new List<double>(counted);
        var runReports = new List<TrainingRun>();
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var inScore = r.Minutes is { } m && countedSet.Remove(m);
            var conv = convergence[i];
            runReports.Add(new TrainingRun(r.Log.Path, r.Compliance.Compliant, r.Minutes, r.Status, conv.Converged ? conv.SamplesToConverge : null,
                FirstSeed(r.Log), inScore, r.Compliance.Findings));
        }

        var stepTime = TrainingMetrics.StepTimes(logs);
        var derived = TrainingMetrics.Derive(benchmark, logs, runReports, score, desc, stepTime, options);
        var details = new TrainingDetails(rules.Id, benchmark.Runs, runReports, score,
            rcp is null ? null : new TrainingRcp(rcp.Passed, rcp.Status, rcp.Message, rcp.BatchSize, rcp.SubmissionMean, rcp.Reference?.BatchSize, rcp.Reference?.Mean,
                rcp.Reference?.Interpolated ?? false, rcp.Threshold, rcp.ScalingFactor, published),
            stepTime, derived);

        var ordered = findings.OrderByDescending(f => f.Severity).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? Verdict.Invalid : Verdict.Valid;
        var metricFile = runs.FirstOrDefault(r => r.Minutes is not null).Log?.Path;
        var metric = score is null ? null : new Metric("time_to_train", score.ScoreMinutes, "minutes", metricFile ?? folder, null);
        // A bundle whose root is the submitter folder (results/ at the top) is named after the submitter.
        var id = folder.StartsWith("results/", StringComparison.Ordinal) ? $"{BundleNames.WithoutArchiveExtension(bundle.Name)}/{folder}" : folder;
        return new ResultReport(id, division, desc?.Submitter ?? layout.Submitter ?? string.Empty, layout.System ?? string.Empty, benchmark.Name, string.Empty,
            verdict, metric, desc?.Accelerators, desc?.Nodes, DerivedMetrics.None, ordered, Training: details);
    }

    private static void IdentityChecks(List<TrainingLog> logs, SystemDescription? desc, string? loggedDivision, string folder, List<Finding> findings)
    {
        if (desc is null)
        {
            return;
        }

        var org = logs.Select(l => l.First("submission_org")).FirstOrDefault(r => r is not null);
        if (org is not null && org.Value.ValueKind == JsonValueKind.String && desc.Submitter is { } submitter && org.Value.GetString() != submitter)
        {
            findings.Add(Finding.Of(FindingCatalog.TrnSysIdentityMismatch, $"The logs give submission_org '{org.Value.GetString()}' but the system description says submitter '{submitter}'.", logs[0].Path, org.Line));
        }

        if (loggedDivision is not null && desc.Division is { } division && loggedDivision != division)
        {
            findings.Add(Finding.Of(FindingCatalog.TrnSysIdentityMismatch, $"The logs give submission_division '{loggedDivision}' but the system description says '{division}'.", folder));
        }
    }

    private static void SeedChecks(List<TrainingLog> logs, string folder, List<Finding> findings)
    {
        var seen = new Dictionary<(string, string, long), string>();
        foreach (var log in logs)
        {
            if (log.Problems.Count > 0)
            {
                findings.Add(Finding.Of(FindingCatalog.TrnSeedMissing, "Seeds cannot be read: the file has parse errors.", log.Path));
                continue;
            }

            var seeds = log.Records.Where(r => r.Key == "seed").ToList();
            if (seeds.Count == 0)
            {
                findings.Add(Finding.Of(FindingCatalog.TrnSeedMissing, "The run logs no seed.", log.Path));
                continue;
            }

            if (seeds.Count > 1)
            {
                findings.Add(Finding.Of(FindingCatalog.TrnSeedSeveral, $"The run logs {seeds.Count} seeds.", log.Path, seeds[1].Line));
            }

            foreach (var s in seeds)
            {
                var value = SeedValue(s.Value);
                if (value is null || !s.TryGetMetadata("file", out var file) || !s.TryGetMetadata("lineno", out var lineno))
                {
                    findings.Add(Finding.Of(FindingCatalog.TrnSeedMissing, $"Seed {ComplianceChecker.RuleValueText(s.Value)} is not an integer or lacks metadata file/lineno.", log.Path, s.Line));
                    continue;
                }

                var key = (file.ToString(), lineno.GetRawText(), value.Value);
                if (seen.TryGetValue(key, out var other))
                {
                    findings.Add(Finding.Of(FindingCatalog.TrnSeedRepeated, $"Seed {value} from {key.Item1}:{key.Item2} is also logged by {other}.", log.Path, s.Line));
                }
                else
                {
                    seen[key] = log.Path;
                }
            }
        }

        _ = folder;
    }

    /// <summary>int() of the seed value: integers, integral floats truncated, numeric strings.</summary>
    private static long? SeedValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.Number when v.GetDouble() is var d && double.IsFinite(d) && Math.Abs(d) < 9e18 => (long)Math.Truncate(d),
        JsonValueKind.String when long.TryParse(v.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    private static long? FirstSeed(TrainingLog log) => log.First("seed") is { } s ? SeedValue(s.Value) : null;

    private static double? ReadPublishedScaling(IBundle bundle, string folder)
    {
        var entry = bundle.Entries.FirstOrDefault(e => e.Folder == folder && e.FileName == "scaling.json");
        if (entry is null || entry.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var s = bundle.Open(entry);
            using var doc = JsonDocument.Parse(s);
            return doc.RootElement.TryGetProperty("scaling_factor", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Fmt(double v) => NumberText.Plain(v);

    [GeneratedRegex(@"^result_[^/]*\.txt$")]
    private static partial Regex ResultFileName();

    /// <summary>Where a result folder sits: <c>[prefix/]&lt;org&gt;/results/&lt;system&gt;/&lt;benchmark&gt;</c>, <c>&lt;system&gt;/&lt;benchmark&gt;</c> or bare.</summary>
    private sealed record Layout(string? Submitter, string? System, string? Benchmark, string? SystemJsonPath)
    {
        public static Layout Of(string folder)
        {
            var parts = folder.Length == 0 ? [] : folder.Split('/');
            if (parts.Length >= 4 && parts[^3] == "results")
            {
                var orgPath = string.Join('/', parts[..^3]);
                return new Layout(parts[^4], parts[^2], parts[^1], $"{orgPath}/systems/{parts[^2]}.json");
            }

            if (parts.Length == 3 && parts[0] == "results")
            {
                return new Layout(null, parts[1], parts[2], $"systems/{parts[1]}.json");
            }

            return parts.Length switch
            {
                >= 2 => new Layout(null, parts[^2], parts[^1], null),
                1 => new Layout(null, null, parts[0], null),
                _ => new Layout(null, null, null, null),
            };
        }
    }
}
