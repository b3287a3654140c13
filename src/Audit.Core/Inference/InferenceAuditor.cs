using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Rules;
using MlPerfAudit.Core.Inference.Systems;
using MlPerfAudit.Core.Metrics;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference;

/// <summary>
/// Audits every MLPerf Inference result in a bundle against a round's rules and builds the report.
/// Pure: reads only through the bundle, no clock, no disk.
/// </summary>
public static class InferenceAuditor
{
    /// <summary>Audits the bundle. <paramref name="options"/> must have passed <see cref="InferenceAuditOptions.Validate"/>.</summary>
    /// <param name="opened">The bundle and its digest.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    /// <param name="progress">Told after each judged result: results done and the total.</param>
    public static AuditReport Audit(OpenedBundle opened, InferenceAuditOptions options, ToolInfo tool,
        IProgress<AuditProgress>? progress = null)
        => AuditAndIndex(opened, options, tool, progress).Report;

    /// <summary>
    /// Audits the bundle like <see cref="Audit"/> and also gives every detail log the audit read, as prior-logs index
    /// entries of the audit's round (<c>mlperf-audit index</c>).
    /// </summary>
    /// <param name="opened">The bundle and its digest.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    /// <param name="progress">Told after each judged result: results done and the total.</param>
    public static (AuditReport Report, IReadOnlyList<PriorLogEntry> Logs) AuditAndIndex(OpenedBundle opened,
        InferenceAuditOptions options, ToolInfo tool, IProgress<AuditProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(options);
        var deadline = AuditDeadline.Start(options.Clock, options.Limits.MaxAuditTime);
        var located = ResultLocator.Locate(opened.Bundle);
        var reportFindings = new List<Finding>(opened.Bundle.OpeningFindings);
        var index = new BundleIndex(opened.Bundle) { EntryDigests = opened.EntryDigests };
        // Without --round each result's head is read once, for the bundle's round and for the result's own evidence.
        var heads = options.Round is null ? ReadHeads(opened.Bundle, index, located) : null;
        var roundName = options.Round ?? DetectRound(heads!, located, reportFindings);
        var loaded = InferenceRoundCatalog.Find(roundName)
            ?? throw new ArgumentException($"round '{roundName}' has no rules; validate the options first", nameof(options));
        var round = loaded.Rules;
        var perResult = heads is not null && located.Count > 0 ? RoundEvidence.Weigh(index, located, heads, roundName) : null;
        var plan = Plan(located, round, perResult, index);
        var work = plan.Work;
        var priorLogs = options.PriorLogs is { } prior ? new PriorLogCheck(prior, round.Round, work.Select(w => w.Location)) : null;
        var judging = JudgeAll(opened.Bundle, work, index, options.Limits, priorLogs, deadline, progress);
        var results = RejectUntidySubmitters(opened.Bundle, [.. work.Select(w => (w.Location, w.Rules))], judging.Judged, reportFindings);
        if (perResult is not null)
        {
            results = RoundFindings.Apply(results, [.. work.Select(w => (w.Location.Folder, w.Location.Id))], perResult, round.Round, reportFindings);
        }

        AddBundleFindings(opened.Bundle, index, plan, results, judging.Hashes, reportFindings);
        var valid = results.Count(r => r.Verdict == Verdict.Valid);
        var report = new AuditReport(
            tool,
            new RulesInfo("inference", round.Round, loaded.Digest),
            new BundleInfo(opened.Sha256, opened.Bundle.Name),
            [.. results.OrderBy(r => r.Id, StringComparer.Ordinal)],
            Order(reportFindings),
            new ReportSummary(valid, results.Count - valid))
        {
            Limits = ReportLimits.From(options.Limits, deadline is not null, judging.LimitsHit),
            PriorLogs = options.PriorLogs?.Files,
        };
        return (report, IndexEntries(work, judging.Hashes));
    }

    /// <summary>What each located result's run records about its round, by result folder.</summary>
    private static Dictionary<string, ResultHead> ReadHeads(IBundle bundle, BundleIndex index, IReadOnlyList<ResultLocation> located)
    {
        var heads = new Dictionary<string, ResultHead>(StringComparer.Ordinal);
        foreach (var result in located)
        {
            heads[result.Folder] = ResultHead.Read(bundle, index.File, result);
        }

        return heads;
    }

    /// <summary>The round the bundle's seeds name (INF-RND-003 says which and why when there are results).</summary>
    private static string DetectRound(Dictionary<string, ResultHead> heads, IReadOnlyList<ResultLocation> located,
        List<Finding> reportFindings)
    {
        var detection = RoundDetector.Detect(located.Select(l => heads[l.Folder]));
        if (located.Count > 0)
        {
            reportFindings.Add(Finding.Of(FindingCatalog.InfRoundDetected, detection.Reason));
        }

        return detection.Round;
    }

    /// <summary>
    /// Gives each located result its round, benchmark rules and assessed system description (once per system), and sets aside
    /// the results of benchmarks this version does not judge.
    /// </summary>
    private static AuditPlan Plan(IReadOnlyList<ResultLocation> located, InferenceRound round,
        IReadOnlyDictionary<string, ResultRound>? perResult, BundleIndex index)
    {
        var plan = new AuditPlan();
        var mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var found in located)
        {
            var location = found;
            var mappingKey = location.SubmitterFolder ?? string.Empty;
            if (!mappings.TryGetValue(mappingKey, out var mapping))
            {
                mappings[mappingKey] = mapping = OpenModelMapping.Read(location, index);
            }

            var rules = perResult?.GetValueOrDefault(location.Folder) is { } own && own.Round != round.Round
                ? InferenceRoundCatalog.Find(own.Round)!.Rules
                : round;
            var benchmark = rules.FindBenchmark(location.Benchmark, mapping);
            if (benchmark is null && (rules.IsUnauditedOfficialBenchmark(location.Benchmark) || location.Division == "open"))
            {
                plan.NotAudited.Add(location.Id);
                continue;
            }

            var key = $"{rules.Round}|{location.SubmitterFolder}|{location.System}";
            if (!plan.Systems.TryGetValue(key, out var system))
            {
                system = SystemRules.Assess(location, rules, index);
                plan.Systems[key] = system = system with
                {
                    Findings = [.. system.Findings, .. ConsistencyRules.CheckAcceleratorCount(location, system, index)],
                };
            }

            location = ResultLocator.WithDivision(location, system.File?.Text("division"));
            plan.Work.Add(new AuditWork(location, benchmark, system, rules));
        }

        return plan;
    }

    /// <summary>Judges the results in parallel (they are independent), keeping their order; past the deadline, a result is not judged.</summary>
    private static Judging JudgeAll(IBundle bundle, List<AuditWork> work, BundleIndex index, BundleLimits limits,
        PriorLogCheck? priorLogs, AuditDeadline? deadline, IProgress<AuditProgress>? progress)
    {
        var judged = new ResultReport[work.Count];
        var hashes = new IReadOnlyList<DetailLogHash>[work.Count];
        var lineLimitHit = 0;
        var timeLimitHit = 0;
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = bundle.SupportsConcurrentReads ? Environment.ProcessorCount : 1 };
        Parallel.For(0, work.Count, parallel, i =>
        {
            var w = work[i];
            if (deadline?.Passed == true)
            {
                // Out of time: the result is reported, invalid, with the reason; never left out.
                judged[i] = NotJudged(w.Location, w.System, limits.MaxAuditTime);
                hashes[i] = [];
                Interlocked.Exchange(ref timeLimitHit, 1);
            }
            else
            {
                (judged[i], hashes[i], var hit) = AuditResult(w.Location, w.Rules, w.Benchmark, w.System, index, limits, priorLogs);
                if (hit)
                {
                    Interlocked.Exchange(ref lineLimitHit, 1);
                }
            }

            progress?.Report(new AuditProgress(Interlocked.Increment(ref done), work.Count));
        });
        string[] limitsHit =
        [
            .. lineLimitHit == 1 ? [nameof(BundleLimits.MaxLineBytes)] : Array.Empty<string>(),
            .. timeLimitHit == 1 ? [nameof(BundleLimits.MaxAuditTime)] : Array.Empty<string>(),
        ];
        return new Judging(judged, hashes, limitsHit);
    }

    /// <summary>The findings about the bundle as a whole: no results, results not audited, scenario sets, the submission tree, reused logs.</summary>
    private static void AddBundleFindings(IBundle bundle, BundleIndex index, AuditPlan plan, List<ResultReport> results,
        IReadOnlyList<DetailLogHash>[] hashes, List<Finding> reportFindings)
    {
        var work = plan.Work;
        if (results.Count == 0 && plan.NotAudited.Count == 0)
        {
            reportFindings.Add(FindingCatalog.BundleNoInferenceResults.Of(bundle.Name));
        }

        if (plan.NotAudited.Count > 0)
        {
            reportFindings.Add(FindingCatalog.InfNotAudited.Of(plan.NotAudited.Count, plan.NotAudited[0]));
        }

        foreach (var rules in work.Select(w => w.Rules).Distinct())
        {
            reportFindings.AddRange(ScenarioSetRules.Check([.. results.Where((_, i) => work[i].Rules == rules)], rules, plan.Systems));
        }

        reportFindings.AddRange(SubmissionRules.Check(index, work.Select(w => w.Location).ToList()));
        reportFindings.AddRange(ConsistencyRules.CheckDuplicateLogs(
            Enumerable.Range(0, work.Count).SelectMany(i => hashes[i].Select(h => (work[i].Location.Id, h)))));
    }

    /// <summary>Every detail log the audit read, as a prior-logs index entry of its result's round.</summary>
    private static List<PriorLogEntry> IndexEntries(List<AuditWork> work, IReadOnlyList<DetailLogHash>[] hashes)
        => [.. Enumerable.Range(0, work.Count).SelectMany(i => hashes[i].Select(h =>
        {
            var l = work[i].Location;
            return new PriorLogEntry(h.Sha256, work[i].Rules.Round, l.Id, l.Division, l.Submitter, l.System, l.Benchmark, l.Scenario, h.File);
        }))];

    private static (ResultReport Report, IReadOnlyList<DetailLogHash> Hashes, bool LineLimitHit) AuditResult(ResultLocation location,
        InferenceRound round, BenchmarkRules? benchmark, SystemAssessment system, BundleIndex index, BundleLimits limits,
        PriorLogCheck? priorLogs)
    {
        if (benchmark is null)
        {
            var unknown = FindingCatalog.InfUnknownBenchmark.At(location.Folder, null, location.Benchmark, round.Round);
            return (Build(location, system, [unknown, .. system.Findings], null, null, null), [], false);
        }

        var context = new ResultContext(location, round, benchmark, index, limits, system.File);
        context.AddRange(system.Findings);
        if (location.Division.Length == 0 || location.Submitter.Length == 0)
        {
            context.Add(FindingCatalog.InfLayoutIncomplete.At(location.Folder, null, location.Folder));
        }

        if (!ScenarioAllowed(location, benchmark, system))
        {
            context.Add(FindingCatalog.InfScenarioNotAllowed.At(location.Folder, null, benchmark.Name, location.Scenario, system.SystemType));
        }

        ScenarioFolderRules.Check(context, system.File is null ? null : system.SystemType);
        if (EndpointsResults.Is(index, location))
        {
            var measured = MeasurementRules.Check(context, endpoints: true);
            var (headline, scores) = EndpointsRules.Check(context);
            var endpoints = Build(location, system, context.Findings, headline, scores, measured);
            return (endpoints with { Latency = context.Latency, RulesBenchmark = context.Benchmark.Name }, [], false);
        }

        var weightDataTypes = MeasurementRules.Check(context);
        var accuracy = CheckAccuracy(context);
        var (metric, power) = CheckPerformance(context);
        ComplianceRules.Check(context);
        if (priorLogs is not null)
        {
            ConsistencyRules.CheckPriorLogs(context, priorLogs);
        }

        var report = Build(location, system, context.Findings, metric, accuracy, weightDataTypes);
        return (report with { Latency = context.Latency, RulesBenchmark = context.Benchmark.Name, Power = power },
            context.DetailLogHashes, context.LineLimitHit);
    }

    /// <summary>
    /// The accuracy folder of a LoadGen result; in the open division accuracy problems are accepted (INF-ACC-009). Returns the
    /// CSV's accuracy string, or null when the folder lacks a required file.
    /// </summary>
    private static string? CheckAccuracy(ResultContext context)
    {
        var round = context.Round;
        string? accuracy = null;
        var mark = context.Mark;
        if (FileSetRules.Check(context, context.AccuracyFolder, round.Files.AccuracyRequired, round.Files.AlwaysTolerated))
        {
            accuracy = round.OpenDivisionLeniencyCoversTargetsOnly ? AccuracyRules.CheckTargets(context) : AccuracyRules.Check(context);
        }

        if (context.Location.Division == "open" && !string.IsNullOrEmpty(accuracy))
        {
            context.Downgrade(mark, FindingCatalog.InfOpenAccuracyAccepted.Main);
        }

        if (accuracy is not null && round.OpenDivisionLeniencyCoversTargetsOnly)
        {
            // v6.x: the open division's leniency covers the accuracy targets only, not the accuracy run.
            AccuracyRules.CheckRun(context);
        }

        return accuracy;
    }

    /// <summary>The performance run of a LoadGen result (and its power files): the headline metric and the power metric.</summary>
    private static (Metric? Metric, PowerMetric? Power) CheckPerformance(ResultContext context)
    {
        var files = context.Round.Files;
        var hasPower = PowerRules.HasPower(context);
        var performanceRequired = hasPower ? [.. files.PerformanceRequired, .. files.PowerRunRequired] : files.PerformanceRequired;
        if (hasPower)
        {
            PowerRules.Check(context);
        }

        if (FileSetRules.Check(context, context.PerformanceFolder, performanceRequired, files.AlwaysTolerated)
            && context.ReadDetailLog(context.PerformanceFolder + "/mlperf_log_detail.txt") is { } log)
        {
            var metric = PerformanceRules.Check(context, log);
            ConsistencyRules.CheckSummary(context, log);
            return (metric, hasPower ? PowerRules.Metric(context, log) : null);
        }

        return (null, null);
    }

    /// <summary>
    /// Submitter-folder hygiene (<see cref="SubmitterHygieneRules"/>), by the round each result is judged by (a v6.x result in a
    /// v5.x bundle is not rejected for it): a result of a round that rejects on it gets its submitter's findings and becomes
    /// invalid; for a submitter's results of the other rounds the warnings join the report's own findings.
    /// </summary>
    private static List<ResultReport> RejectUntidySubmitters(IBundle bundle, List<(ResultLocation Location, InferenceRound Rules)> work,
        ResultReport[] judged, List<Finding> reportFindings)
    {
        var submitters = work.Select(w => w.Location.SubmitterFolder).OfType<string>().Distinct().ToList();
        var byRound = work.Select(w => w.Rules).Distinct().ToDictionary(r => r, r => SubmitterHygieneRules.Check(bundle, submitters, r));
        foreach (var (rules, untidy) in byRound.Where(r => !r.Key.SubmitterHygiene))
        {
            var own = work.Where(w => w.Rules == rules).Select(w => w.Location.SubmitterFolder).ToHashSet();
            reportFindings.AddRange(untidy.Where(u => own.Contains(u.Key)).OrderBy(u => u.Key, StringComparer.Ordinal)
                .SelectMany(u => u.Value));
        }

        return [.. judged.Select((r, i) => work[i].Rules.SubmitterHygiene && work[i].Location.SubmitterFolder is { } folder
            && byRound[work[i].Rules].TryGetValue(folder, out var found)
            ? r with { Verdict = Verdict.Invalid, Findings = Order([.. r.Findings, .. found]) }
            : r)];
    }

    private static ResultReport NotJudged(ResultLocation location, SystemAssessment system, TimeSpan limit)
        => Build(location, system, [AuditDeadline.NotJudged(limit, location.Folder)],
            null, null, null);

    private static bool ScenarioAllowed(ResultLocation location, BenchmarkRules benchmark, SystemAssessment system)
    {
        if (!location.IsClosedOrNetwork || system.File is null)
        {
            return true;
        }

        var rule = benchmark.ScenariosFor(system.SystemType);
        return rule is not null && (rule.Required.Contains(location.Scenario) || rule.Optional.Contains(location.Scenario));
    }

    private static ResultReport Build(ResultLocation location, SystemAssessment system, IReadOnlyList<Finding> findings,
        Metric? metric, string? accuracy, string? weightDataTypes)
    {
        var ordered = Order(findings);
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? Verdict.Invalid : Verdict.Valid;
        return new ResultReport(
            location.Id, location.Division, location.Submitter, location.System, location.Benchmark, location.Scenario,
            verdict, metric, system.Accelerators, system.Nodes,
            DerivedMetricsCalculator.ForInference(metric, system.Accelerators, system.Nodes),
            ordered, SystemSummaries.From(system.File), accuracy, weightDataTypes);
    }

    private static List<Finding> Order(IEnumerable<Finding> findings)
        => [.. findings.OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)];

    /// <summary>One result to judge: where it is, the rules of its round and benchmark, and its system.</summary>
    private sealed record AuditWork(ResultLocation Location, BenchmarkRules? Benchmark, SystemAssessment System, InferenceRound Rules);

    /// <summary>The results to judge, the system assessments by round/submitter/system, and the results left out.</summary>
    private sealed class AuditPlan
    {
        public List<AuditWork> Work { get; } = [];

        public Dictionary<string, SystemAssessment> Systems { get; } = new(StringComparer.Ordinal);

        public List<string> NotAudited { get; } = [];
    }

    /// <summary>The judged results in order, the detail logs each read, and the limits that were hit.</summary>
    private sealed record Judging(ResultReport[] Judged, IReadOnlyList<DetailLogHash>[] Hashes, string[] LimitsHit);
}
