using System.Text.Json;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Core.Training.Rcp;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// Audits one training result folder: its logs, package layout, compliance per run, seeds and RCP (closed division), and
/// the score; builds its <see cref="ResultReport"/>. One instance per folder.
/// </summary>
internal sealed class ResultFolderAuditor(
    IBundle bundle, string folder, ResultFolderLayout layout, SystemDescriptionRead? system, TrainingRuleSet rules, TrainingAuditOptions options)
{
    private readonly List<Finding> findings = [];

    /// <summary>
    /// The folder's result; null when its benchmark is not one of the rule set's (TRN-PKG-003 in <paramref name="bundleFindings"/>).
    /// </summary>
    /// <param name="files">The folder's result_*.txt entries, by name.</param>
    /// <param name="bundleFindings">The bundle's findings, for a folder that is skipped.</param>
    public ResultReport? Audit(List<BundleEntry> files, List<Finding> bundleFindings)
    {
        var logs = ReadLogs(files);
        var loggedBenchmark = FirstString(logs, "submission_benchmark");
        var benchmarkName = layout.Benchmark is { } named && (layout.SystemJsonPath is not null || rules.Benchmarks.ContainsKey(named))
            ? named
            : loggedBenchmark ?? layout.Benchmark ?? string.Empty;
        if (!rules.Benchmarks.TryGetValue(benchmarkName, out var benchmark))
        {
            bundleFindings.Add(FindingCatalog.TrnPkgUnknownBenchmark.At(folder, null, benchmarkName, rules.Id, folder));
            return null;
        }

        if (loggedBenchmark is not null && loggedBenchmark != benchmarkName)
        {
            findings.Add(FindingCatalog.TrnPkgBenchmarkMismatch.At(folder, null, benchmarkName, loggedBenchmark));
        }

        var desc = system?.Description;
        findings.AddRange(system?.Findings ?? []);
        var loggedDivision = FirstString(logs, "submission_division");
        var division = desc?.Division ?? loggedDivision ?? string.Empty;
        IdentityCheck.Check(logs, desc, loggedDivision, folder, findings);
        CheckPackage(files.Count, benchmark);

        var runs = TrainingRunJudge.Judge(logs, rules, options.MaxParseFindings, findings);
        var dropped = TrainingRunJudge.CheckDropped(runs, benchmark, folder, findings);
        var isClosed = division == "closed";
        if (isClosed)
        {
            SeedCheck.Check(logs, findings);
        }

        var convergence = logs.Select(l => RcpChecker.ReadRun(l, rules)).ToList();
        var published = ReadPublishedScaling();
        var rcp = isClosed ? CheckRcp(convergence, published) : null;

        // Outside the closed division no RCP check runs; the summarizer still applies a published scaling.json (measured: issue 16 harness).
        var scalingFactor = rcp?.ScalingFactor ?? (published is { } factor && factor > 0 && double.IsFinite(factor) ? factor : 1.0);
        var (score, counted) = OlympicScore.Of(runs, benchmark, dropped, scalingFactor);
        var runReports = RunReports(runs, convergence, counted);
        var stepTime = TrainingMetrics.StepTimes(logs);
        var derived = TrainingMetrics.Derive(benchmark, logs, runReports, score, desc, stepTime, options);
        var details = new TrainingDetails(rules.Id, benchmark.Runs, runReports, score, RcpDetails(rcp, published), stepTime, derived);
        return Report(runs, benchmark, division, desc, score, details);
    }

    private List<TrainingLog> ReadLogs(List<BundleEntry> files)
    {
        var logs = new List<TrainingLog>();
        foreach (var file in files)
        {
            if (file.Length > options.MaxFileBytes)
            {
                var problem = new TrainingLogProblem(0, $"the file is {file.Length} bytes, over the {options.MaxFileBytes}-byte limit");
                logs.Add(new TrainingLog(file.Path, [], [problem]));
                continue;
            }

            using var stream = bundle.Open(file);
            logs.Add(TrainingLogParser.Parse(stream, file.Path, options.MaxLineBytes));
        }

        return logs;
    }

    private static string? FirstString(List<TrainingLog> logs, string key)
        => logs.Select(l => l.First(key)).FirstOrDefault(r => r is { Value.ValueKind: JsonValueKind.String })?.Value.GetString();

    /// <summary>Package: run count (TRN-PKG-001) and stray files (TRN-PKG-002), spec §11.</summary>
    private void CheckPackage(int resultFiles, BenchmarkRules benchmark)
    {
        if (resultFiles != benchmark.Runs)
        {
            findings.Add(FindingCatalog.TrnPkgRunCount.At(folder, null, resultFiles, benchmark.Name, benchmark.Runs));
        }

        var stray = bundle.Entries.Where(e => e.Folder == folder && !TrainingAuditor.IsResultFile(e.FileName)
            && e.FileName is not "package_checker_params" and not "scaling.json");
        foreach (var e in stray)
        {
            findings.Add(FindingCatalog.TrnPkgStrayFile.At(e.Path, null, e.FileName));
        }
    }

    /// <summary>The RCP check (closed, spec §9), and TRN-RCP-006 when a published scaling.json differs from its factor.</summary>
    private RcpOutcome CheckRcp(List<RunConvergence> convergence, double? published)
    {
        var rcp = RcpChecker.Check(convergence, rules, folder);
        findings.AddRange(rcp.Findings);
        if (published is { } p && Math.Abs(p - rcp.ScalingFactor) > 1e-9 * Math.Max(1, p))
        {
            findings.Add(FindingCatalog.TrnRcpScalingMismatch.At(
                folder + "/scaling.json", null, NumberText.Plain(p), NumberText.Plain(rcp.ScalingFactor)));
        }

        return rcp;
    }

    private static TrainingRcp? RcpDetails(RcpOutcome? rcp, double? published)
        => rcp is null ? null : new TrainingRcp(rcp.Passed, rcp.Status, rcp.Message, rcp.BatchSize, rcp.SubmissionMean,
            rcp.Reference?.BatchSize, rcp.Reference?.Mean, rcp.Reference?.Interpolated ?? false, rcp.Threshold, rcp.ScalingFactor, published);

    private static List<TrainingRun> RunReports(List<JudgedRun> runs, List<RunConvergence> convergence, List<double> counted)
    {
        var countedSet = new List<double>(counted);
        var runReports = new List<TrainingRun>();
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var inScore = r.Minutes is { } m && countedSet.Remove(m);
            var conv = convergence[i];
            runReports.Add(new TrainingRun(r.Log.Path, r.Compliance.Compliant, r.Minutes, r.Status, conv.Converged ? conv.SamplesToConverge : null,
                SeedCheck.FirstSeed(r.Log), inScore, r.Compliance.Findings));
        }

        return runReports;
    }

    private ResultReport Report(
        List<JudgedRun> runs, BenchmarkRules benchmark, string division, SystemDescription? desc, TrainingScore? score, TrainingDetails details)
    {
        var ordered = findings.OrderByDescending(f => f.Severity).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? Verdict.Invalid : Verdict.Valid;
        var metricFile = runs.FirstOrDefault(r => r.Minutes is not null)?.Log.Path;
        var metric = score is null ? null : new Metric("time_to_train", score.ScoreMinutes, "minutes", metricFile ?? folder, null);
        var submitter = desc?.Submitter ?? layout.Submitter ?? string.Empty;
        return new ResultReport(TrainingAuditor.ResultId(bundle.Name, folder), division, submitter, layout.System ?? string.Empty,
            benchmark.Name, string.Empty, verdict, metric, desc?.Accelerators, desc?.Nodes, DerivedMetrics.None, ordered, Training: details);
    }

    /// <summary>The folder's scaling.json <c>scaling_factor</c>, when there is a readable one of at most 64 KiB.</summary>
    private double? ReadPublishedScaling()
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
}
