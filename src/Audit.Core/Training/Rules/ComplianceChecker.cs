using System.Globalization;
using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training.Logs;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>The compliance verdict on one result file.</summary>
/// <param name="Compliant">True when no error-severity finding was raised (warnings allowed, as the official checker without --werror).</param>
/// <param name="Findings">Errors and warnings, in the order raised.</param>
/// <param name="SectionsRun">Rule sections applied, in order (e.g. common, closed_common, closed_llama31_405b).</param>
internal sealed record ComplianceResult(bool Compliant, IReadOnlyList<Finding> Findings, IReadOnlyList<string> SectionsRun);

/// <summary>
/// Runs a rule set's sections over a parsed result file with the official compliance checker's
/// semantics (spec §3): sections are processed first-in first-out starting at <c>common</c>, each with a
/// fresh state and a full rescan of the log; a later section that redefines a key discards the earlier
/// sections' messages for that key; <c>submission_*</c> keys are checked on their first occurrence only;
/// exactly-one keys repeated with identical values are warnings. Pure: no I/O.
/// </summary>
internal static class ComplianceChecker
{
    /// <summary>Most findings kept per key and finding code, so a 2,048-rank log cannot flood a report.</summary>
    public const int MaxFindingsPerKey = 5;

    /// <summary>Checks one log.</summary>
    /// <param name="log">The parsed result file.</param>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxParseFindings">Most parse problems reported one by one.</param>
    public static ComplianceResult Check(TrainingLog log, TrainingRuleSet rules, int maxParseFindings = 20)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(rules);
        var run = new Run(log);
        foreach (var p in log.Problems.Take(maxParseFindings))
        {
            run.Fixed.Add(Finding.Of(FindingCatalog.TrnLogParse, $"Line {p.Line}: {p.Reason}.", log.Path, p.Line));
        }

        if (log.Problems.Count > maxParseFindings)
        {
            run.Fixed.Add(Finding.Of(FindingCatalog.TrnLogParse, $"{log.Problems.Count - maxParseFindings} more lines could not be parsed.", log.Path));
        }

        if (log.Records.Count == 0)
        {
            run.Fixed.Add(Finding.Of(FindingCatalog.TrnLogEmpty, "The file holds no :::MLLOG records.", log.Path));
        }

        var queue = new Queue<string>();
        queue.Enqueue("common");
        var sectionsRun = new List<string>();
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!rules.Sections.TryGetValue(name, out var section))
            {
                run.Fixed.Add(Finding.Of(FindingCatalog.TrnCmpNoRules, $"Rule set {rules.Id} has no rules '{name}' for the logged division or benchmark.", log.Path));
                continue;
            }

            sectionsRun.Add(name);
            run.RunSection(section, queue);
        }

        var findings = new List<Finding>(run.Fixed);
        findings.AddRange(run.ByKey.Values.SelectMany(v => v));
        findings.AddRange(run.Warnings.Values);
        var compliant = findings.All(f => f.Severity != Severity.Error);
        return new ComplianceResult(compliant, findings, sectionsRun);
    }

    private sealed class Run(TrainingLog log)
    {
        public List<Finding> Fixed { get; } = [];

        public Dictionary<string, List<Finding>> ByKey { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Finding> Warnings { get; } = new(StringComparer.Ordinal);

        public void RunSection(RuleSection section, Queue<string> queue)
        {
            var state = new Dictionary<string, object?>(section.InitialState, StringComparer.Ordinal);
            var records = section.AggregateEvalMetrics ? WithAggregatedEvals(log.Records) : log.Records;
            var keyRules = new Dictionary<string, KeyRule>(StringComparer.Ordinal);
            foreach (var k in section.Keys)
            {
                keyRules[k.Key] = k;
            }

            foreach (var key in keyRules.Keys)
            {
                ByKey.Remove(key);
            }

            var reported = keyRules.Keys.ToDictionary(k => k, _ => new List<TrainingRecord>(), StringComparer.Ordinal);
            var executed = new HashSet<string>(StringComparer.Ordinal);
            var firstSeen = new HashSet<string>(StringComparer.Ordinal);
            var atLeastOne = new Dictionary<string, (int Passed, KeyRule Rule, TrainingRecord Last)>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (!keyRules.TryGetValue(record.Key, out var rule))
                {
                    continue;
                }

                reported[record.Key].Add(record);
                var context = new RuleContext(record.Value, record.Metadata, record.TimeMs, state);
                if (!executed.Contains(record.Key))
                {
                    Exec(rule.Pre, context, record, section, "PRE");
                    foreach (var check in rule.Checks)
                    {
                        Evaluate(check.Expression, check.Finding, context, record, section);
                    }

                    Exec(rule.Post, context, record, section, "POST");
                    if (rule.Enqueue is { } template)
                    {
                        queue.Enqueue(template.Replace("{value}", ValueText(record.Value), StringComparison.Ordinal));
                    }
                }

                if (rule.FirstCheck is { } first && firstSeen.Add(record.Key))
                {
                    Evaluate(first, FindingCatalog.TrnCmpCheck, context, record, section);
                }

                if (rule.AtLeastOneCheck is { } alc)
                {
                    var passed = atLeastOne.TryGetValue(record.Key, out var seen) ? seen.Passed : 0;
                    bool ok;
                    try
                    {
                        ok = alc.IsTrue(context);
                    }
                    catch (RuleEvaluationException)
                    {
                        ok = false;
                    }

                    atLeastOne[record.Key] = (passed + (ok ? 1 : 0), rule, record);
                }

                if (record.Key.Contains("submission_", StringComparison.Ordinal))
                {
                    executed.Add(record.Key);
                }
            }

            foreach (var (key, (passed, rule, last)) in atLeastOne)
            {
                if (passed == 0)
                {
                    Fixed.Add(Finding.Of(FindingCatalog.TrnCmpTargetNotReached,
                        $"No '{key}' line satisfies '{rule.AtLeastOneCheck}' (last logged value {RuleValueText(last.Value)}; rules {section.Name}).",
                        log.Path, last.Line));
                }
            }

            var groups = new List<HashSet<string>>();
            foreach (var (key, rule) in keyRules)
            {
                var seen = reported[key];
                switch (rule.Requirement)
                {
                    case KeyRequirement.ExactlyOne when seen.Count != 1:
                        if (seen.Count > 1 && seen.All(r => RuleExpression.PyEquals(r.Value, seen[0].Value)))
                        {
                            Warnings[section.Name + "/" + key] = Finding.Of(FindingCatalog.TrnCmpRepeatedSame,
                                $"'{key}' must occur exactly once but occurs {seen.Count} times, all with value {RuleValueText(seen[0].Value)}.", log.Path, seen[1].Line);
                        }
                        else if (seen.Count == 0)
                        {
                            AddKeyed(key, Finding.Of(FindingCatalog.TrnCmpMissing, $"'{key}' must occur exactly once but is not logged (rules {section.Name}).", log.Path));
                        }
                        else
                        {
                            var values = string.Join(", ", seen.Select(r => RuleValueText(r.Value)).Distinct(StringComparer.Ordinal).Take(5));
                            AddKeyed(key, Finding.Of(FindingCatalog.TrnCmpRepeatedDiffering,
                                $"'{key}' must occur exactly once but occurs {seen.Count} times with different values: {values}.", log.Path, seen[1].Line));
                        }

                        break;
                    case KeyRequirement.AtLeastOne or KeyRequirement.AtLeastN when seen.Count < rule.AtLeast:
                        AddKeyed(key, Finding.Of(FindingCatalog.TrnCmpMissing,
                            $"'{key}' must occur at least {rule.AtLeast} time(s) but occurs {seen.Count} (rules {section.Name}).", log.Path));
                        break;
                    case KeyRequirement.AtLeastOneOf:
                        var group = new HashSet<string>(rule.Alternatives, StringComparer.Ordinal) { key };
                        if (!groups.Any(g => g.SetEquals(group)))
                        {
                            groups.Add(group);
                        }

                        break;
                }
            }

            foreach (var group in groups)
            {
                if (!group.Any(k => reported.TryGetValue(k, out var r) && r.Count > 0))
                {
                    Fixed.Add(Finding.Of(FindingCatalog.TrnCmpMissing,
                        $"At least one of {string.Join(" or ", group.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))} must be logged.", log.Path));
                }
            }
        }

        private void Evaluate(RuleExpression expression, FindingDefinition finding, RuleContext context, TrainingRecord record, RuleSection section)
        {
            string? failure;
            try
            {
                failure = expression.IsTrue(context) ? null : "fails";
            }
            catch (RuleEvaluationException ex)
            {
                failure = $"cannot be checked ({ex.Message})";
            }

            if (failure is not null)
            {
                AddKeyed(record.Key, Finding.Of(finding,
                    $"'{record.Key}' = {RuleValueText(record.Value)} {failure}: '{expression}' (rules {section.Name}).", log.Path, record.Line));
            }
        }

        private void Exec(RuleStatements? statements, RuleContext context, TrainingRecord record, RuleSection section, string phase)
        {
            if (statements is null)
            {
                return;
            }

            try
            {
                statements.Execute(context);
            }
            catch (RuleEvaluationException ex)
            {
                AddKeyed(record.Key, Finding.Of(FindingCatalog.TrnCmpCheck,
                    $"'{record.Key}' = {RuleValueText(record.Value)}: {phase} '{statements.Text}' cannot run ({ex.Message}; rules {section.Name}).", log.Path, record.Line));
            }
        }

        private void AddKeyed(string key, Finding finding)
        {
            if (!ByKey.TryGetValue(key, out var list))
            {
                ByKey[key] = list = [];
            }

            if (list.Count(f => f.Code == finding.Code) < MaxFindingsPerKey)
            {
                list.Add(finding);
            }
        }

        private static string ValueText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

        private static IReadOnlyList<TrainingRecord> WithAggregatedEvals(IReadOnlyList<TrainingRecord> records)
        {
            var order = new List<double>();
            var merged = new Dictionary<double, (Dictionary<string, JsonElement> Values, double Time, int Line)>();
            foreach (var r in records)
            {
                if (r.Key != "eval_accuracy" || !r.TryGetMetadata("metric", out var metric) || !r.TryGetMetadata("samples_count", out var sc) || sc.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }

                var samples = sc.GetDouble();
                if (!merged.TryGetValue(samples, out var entry))
                {
                    order.Add(samples);
                    entry = (new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["samples_count"] = sc }, r.TimeMs, r.Line);
                }

                entry.Values[metric.ValueKind == JsonValueKind.String ? metric.GetString()! : metric.GetRawText()] = r.Value;
                merged[samples] = (entry.Values, Math.Max(entry.Time, r.TimeMs), r.Line);
            }

            if (order.Count == 0)
            {
                return records;
            }

            var all = new List<TrainingRecord>(records);
            using var empty = JsonDocument.Parse("{}");
            foreach (var samples in order)
            {
                var (values, time, line) = merged[samples];
                var value = JsonSerializer.SerializeToElement(values, TrainingJsonContext.Default.DictionaryStringJsonElement);
                all.Add(new TrainingRecord("aggregated_eval_accuracy", value, empty.RootElement.Clone(), time, line));
            }

            return all;
        }
    }

    /// <summary>A value for a message: strings quoted, long values cut.</summary>
    internal static string RuleValueText(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
