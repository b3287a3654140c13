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
    public static AuditReport Audit(OpenedBundle opened, InferenceAuditOptions options, ToolInfo tool, IProgress<AuditProgress>? progress = null)
        => AuditAndIndex(opened, options, tool, progress).Report;

    /// <summary>
    /// Audits the bundle like <see cref="Audit"/> and also gives every detail log the audit read, as prior-logs index
    /// entries of the audit's round (<c>mlperf-audit index</c>).
    /// </summary>
    /// <param name="opened">The bundle and its digest.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    /// <param name="progress">Told after each judged result: results done and the total.</param>
    public static (AuditReport Report, IReadOnlyList<PriorLogEntry> Logs) AuditAndIndex(OpenedBundle opened, InferenceAuditOptions options, ToolInfo tool,
        IProgress<AuditProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(options);
        var deadline = AuditDeadline.Start(options.Clock, options.Limits.MaxAuditTime);
        var located = ResultLocator.Locate(opened.Bundle);
        var reportFindings = new List<Finding>(opened.Bundle.OpeningFindings);
        var roundName = options.Round;
        if (roundName is null)
        {
            var detection = RoundDetector.Detect(opened.Bundle, located);
            roundName = detection.Round;
            if (located.Count > 0)
            {
                reportFindings.Add(Finding.Of(FindingCatalog.InfRoundDetected, detection.Reason));
            }
        }

        var loaded = InferenceRoundCatalog.Find(roundName)
            ?? throw new ArgumentException($"round '{roundName}' has no rules; validate the options first", nameof(options));
        var round = loaded.Rules;
        var index = new BundleIndex(opened.Bundle) { EntryDigests = opened.EntryDigests };
        var perResult = options.Round is null && located.Count > 0 ? RoundEvidence.Weigh(opened.Bundle, index, located, roundName) : null;
        var systems = new Dictionary<string, SystemAssessment>(StringComparer.Ordinal);
        var work = new List<(ResultLocation Location, BenchmarkRules? Benchmark, SystemAssessment System, InferenceRound Rules)>();
        var notAudited = new List<string>();
        var mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

        foreach (var found in located)
        {
            var location = found;
            var mappingKey = location.SubmitterFolder ?? string.Empty;
            if (!mappings.TryGetValue(mappingKey, out var mapping))
            {
                mappings[mappingKey] = mapping = OpenModelMapping.Read(location, index);
            }

            var rules = perResult?.GetValueOrDefault(location.Folder) is { } own && own.Round != round.Round ? InferenceRoundCatalog.Find(own.Round)!.Rules : round;
            var benchmark = rules.FindBenchmark(location.Benchmark, mapping);
            if (benchmark is null && (rules.IsUnauditedOfficialBenchmark(location.Benchmark) || location.Division == "open"))
            {
                notAudited.Add(location.Id);
                continue;
            }

            var key = $"{rules.Round}|{location.SubmitterFolder}|{location.System}";
            if (!systems.TryGetValue(key, out var system))
            {
                system = SystemRules.Assess(location, rules, index);
                systems[key] = system = system with { Findings = [.. system.Findings, .. ConsistencyRules.CheckAcceleratorCount(location, system, index)] };
            }

            location = ResultLocator.WithDivision(location, system.File?.Text("division"));
            work.Add((location, benchmark, system, rules));
        }

        var priorLogs = options.PriorLogs is { } prior ? new PriorLogCheck(prior, round.Round, work.Select(w => w.Location)) : null;

        // Results are independent: judge them in parallel, keep the order deterministic.
        var judged = new ResultReport[work.Count];
        var hashes = new IReadOnlyList<DetailLogHash>[work.Count];
        var lineLimitHit = 0;
        var timeLimitHit = 0;
        var done = 0;
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = opened.Bundle.SupportsConcurrentReads ? Environment.ProcessorCount : 1 }, i =>
        {
            if (deadline?.Passed == true)
            {
                // Out of time: the result is reported, invalid, with the reason; never left out.
                judged[i] = NotJudged(work[i].Location, work[i].System, options.Limits.MaxAuditTime);
                hashes[i] = [];
                Interlocked.Exchange(ref timeLimitHit, 1);
            }
            else
            {
                (judged[i], hashes[i], var hit) = AuditResult(work[i].Location, work[i].Rules, work[i].Benchmark, work[i].System, index, options.Limits, priorLogs);
                if (hit)
                {
                    Interlocked.Exchange(ref lineLimitHit, 1);
                }
            }

            progress?.Report(new AuditProgress(Interlocked.Increment(ref done), work.Count));
        });
        var results = RejectUntidySubmitters(opened.Bundle, [.. work.Select(w => (w.Location, w.Rules))], judged, reportFindings);
        if (perResult is not null)
        {
            results = RoundFindings.Apply(results, [.. work.Select(w => (w.Location.Folder, w.Location.Id))], perResult, round.Round, reportFindings);
        }

        if (results.Count == 0 && notAudited.Count == 0)
        {
            reportFindings.Add(Finding.Of(FindingCatalog.BundleNoResults,
                $"No inference result folder (<benchmark>/<scenario>/performance or accuracy) was found in {opened.Bundle.Name}."));
        }

        if (notAudited.Count > 0)
        {
            reportFindings.Add(Finding.Of(FindingCatalog.InfNotAudited,
                $"{notAudited.Count} result(s) of benchmarks this version does not judge yet were left out, e.g. {notAudited[0]}."));
        }

        foreach (var rules in work.Select(w => w.Rules).Distinct())
        {
            reportFindings.AddRange(ScenarioSetRules.Check([.. results.Where((_, i) => work[i].Rules == rules)], rules, systems));
        }

        reportFindings.AddRange(SubmissionRules.Check(index, work.Select(w => w.Location).ToList()));
        reportFindings.AddRange(ConsistencyRules.CheckDuplicateLogs(
            Enumerable.Range(0, work.Count).SelectMany(i => hashes[i].Select(h => (work[i].Location.Id, h)))));
        var valid = results.Count(r => r.Verdict == Verdict.Valid);
        var logs = Enumerable.Range(0, work.Count).SelectMany(i => hashes[i].Select(h => new PriorLogEntry(h.Sha256, work[i].Rules.Round, work[i].Location.Id,
            work[i].Location.Division, work[i].Location.Submitter, work[i].Location.System, work[i].Location.Benchmark, work[i].Location.Scenario, h.File))).ToList();
        var report = new AuditReport(
            tool,
            new RulesInfo("inference", round.Round, loaded.Digest),
            new BundleInfo(opened.Sha256, opened.Bundle.Name),
            [.. results.OrderBy(r => r.Id, StringComparer.Ordinal)],
            Order(reportFindings),
            new ReportSummary(valid, results.Count - valid))
        {
            Limits = ReportLimits.From(options.Limits, deadline is not null,
                [.. lineLimitHit == 1 ? [nameof(BundleLimits.MaxLineBytes)] : Array.Empty<string>(), .. timeLimitHit == 1 ? [nameof(BundleLimits.MaxAuditTime)] : Array.Empty<string>()]),
            PriorLogs = options.PriorLogs?.Files,
        };
        return (report, logs);
    }

    private static (ResultReport Report, IReadOnlyList<DetailLogHash> Hashes, bool LineLimitHit) AuditResult(ResultLocation location, InferenceRound round, BenchmarkRules? benchmark,
        SystemAssessment system, BundleIndex index, BundleLimits limits, PriorLogCheck? priorLogs)
    {
        if (benchmark is null)
        {
            var unknown = Finding.Of(FindingCatalog.InfUnknownBenchmark,
                $"'{location.Benchmark}' is not an official {round.Round} benchmark.", location.Folder);
            return (Build(location, system, [unknown, .. system.Findings], null, null, null), [], false);
        }

        var context = new ResultContext(location, round, benchmark, index, limits, system.File);
        context.AddRange(system.Findings);
        if (location.Division.Length == 0 || location.Submitter.Length == 0)
        {
            context.Add(FindingCatalog.InfLayoutIncomplete,
                $"The bundle holds {location.Folder} without its division and submitter folders; folder-level rules that need them are skipped.", location.Folder);
        }

        if (!ScenarioAllowed(location, benchmark, system))
        {
            context.Add(FindingCatalog.InfScenarioNotAllowed,
                $"{benchmark.Name} allows no {location.Scenario} result for system type '{system.SystemType}'.", location.Folder);
        }

        ScenarioFolderRules.Check(context, system.File is null ? null : system.SystemType);
        if (EndpointsResults.Is(index, location))
        {
            var measured = MeasurementRules.Check(context, endpoints: true);
            var (headline, scores) = EndpointsRules.Check(context);
            return (Build(location, system, context.Findings, headline, scores, measured) with { Latency = context.Latency, RulesBenchmark = context.Benchmark.Name }, [], false);
        }

        var weightDataTypes = MeasurementRules.Check(context);
        string? accuracy = null;
        var mark = context.Mark;
        if (FileSetRules.Check(context, context.AccuracyFolder, round.Files.AccuracyRequired, round.Files.AlwaysTolerated))
        {
            accuracy = round.OpenDivisionLeniencyCoversTargetsOnly ? AccuracyRules.CheckTargets(context) : AccuracyRules.Check(context);
        }

        if (location.Division == "open" && !string.IsNullOrEmpty(accuracy))
        {
            context.Downgrade(mark, FindingCatalog.InfOpenAccuracyAccepted, " (accepted in the open division)");
        }

        if (accuracy is not null && round.OpenDivisionLeniencyCoversTargetsOnly)
        {
            // v6.x: the open division's leniency covers the accuracy targets only, not the accuracy run.
            AccuracyRules.CheckRun(context);
        }

        var hasPower = PowerRules.HasPower(context);
        var performanceRequired = hasPower ? [.. round.Files.PerformanceRequired, .. round.Files.PowerRunRequired] : round.Files.PerformanceRequired;
        if (hasPower)
        {
            PowerRules.Check(context);
        }

        Metric? metric = null;
        PowerMetric? power = null;
        if (FileSetRules.Check(context, context.PerformanceFolder, performanceRequired, round.Files.AlwaysTolerated)
            && context.ReadDetailLog(context.PerformanceFolder + "/mlperf_log_detail.txt") is { } log)
        {
            metric = PerformanceRules.Check(context, log);
            ConsistencyRules.CheckSummary(context, log);
            power = hasPower ? PowerRules.Metric(context, log) : null;
        }

        ComplianceRules.Check(context);
        if (priorLogs is not null)
        {
            ConsistencyRules.CheckPriorLogs(context, priorLogs);
        }

        return (Build(location, system, context.Findings, metric, accuracy, weightDataTypes) with { Latency = context.Latency, RulesBenchmark = context.Benchmark.Name, Power = power },
            context.DetailLogHashes, context.LineLimitHit);
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
            reportFindings.AddRange(untidy.Where(u => own.Contains(u.Key)).OrderBy(u => u.Key, StringComparer.Ordinal).SelectMany(u => u.Value));
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
        => [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)];
}
