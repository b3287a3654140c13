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
            run.Fixed.Add(FindingCatalog.TrnLogParse.At(log.Path, p.Line, p.Line, p.Reason));
        }

        if (log.Problems.Count > maxParseFindings)
        {
            run.Fixed.Add(FindingCatalog.TrnLogParseMore.At(log.Path, null, log.Problems.Count - maxParseFindings));
        }

        if (log.Records.Count == 0)
        {
            run.Fixed.Add(FindingCatalog.TrnLogEmpty.At(log.Path, null));
        }

        var queue = new Queue<string>();
        queue.Enqueue("common");
        var sectionsRun = new List<string>();
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!rules.Sections.TryGetValue(name, out var section))
            {
                run.Fixed.Add(FindingCatalog.TrnCmpNoRules.At(log.Path, null, rules.Id, name));
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
            var pass = new SectionPass(section);
            var records = section.AggregateEvalMetrics ? WithAggregatedEvals(log.Records) : log.Records;
            foreach (var key in pass.KeyRules.Keys)
            {
                ByKey.Remove(key);
            }

            foreach (var record in records)
            {
                if (pass.KeyRules.TryGetValue(record.Key, out var rule))
                {
                    Apply(pass, rule, record, queue);
                }
            }

            foreach (var (key, (passed, rule, last)) in pass.AtLeastOne)
            {
                if (passed == 0)
                {
                    Fixed.Add(FindingCatalog.TrnCmpTargetNotReached.At(
                        log.Path, last.Line, key, rule.AtLeastOneCheck, RuleValueText(last.Value), section.Name));
                }
            }

            CheckOccurrences(pass);
        }

        /// <summary>Runs a key's rules on one of its records: PRE, checks, POST and enqueue once; first-occurrence and at-least-one checks.</summary>
        private void Apply(SectionPass pass, KeyRule rule, TrainingRecord record, Queue<string> queue)
        {
            var section = pass.Section;
            pass.Reported[record.Key].Add(record);
            var context = new RuleContext(record.Value, record.Metadata, record.TimeMs, pass.State);
            if (!pass.Executed.Contains(record.Key))
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

            if (rule.FirstCheck is { } first && pass.FirstSeen.Add(record.Key))
            {
                Evaluate(first, FindingCatalog.TrnCmpCheck, context, record, section);
            }

            if (rule.AtLeastOneCheck is { } alc)
            {
                var passed = pass.AtLeastOne.TryGetValue(record.Key, out var seen) ? seen.Passed : 0;
                bool ok;
                try
                {
                    ok = alc.IsTrue(context);
                }
                catch (RuleEvaluationException)
                {
                    ok = false;
                }

                pass.AtLeastOne[record.Key] = (passed + (ok ? 1 : 0), rule, record);
            }

            if (record.Key.Contains("submission_", StringComparison.Ordinal))
            {
                pass.Executed.Add(record.Key);
            }
        }

        /// <summary>How often each key occurred against its requirement (exactly one, at least n, one of a group).</summary>
        private void CheckOccurrences(SectionPass pass)
        {
            var section = pass.Section;
            var groups = new List<HashSet<string>>();
            foreach (var (key, rule) in pass.KeyRules)
            {
                var seen = pass.Reported[key];
                switch (rule.Requirement)
                {
                    case KeyRequirement.ExactlyOne when seen.Count != 1:
                        CheckExactlyOne(key, seen, section);
                        break;
                    case KeyRequirement.AtLeastOne or KeyRequirement.AtLeastN when seen.Count < rule.AtLeast:
                        AddKeyed(key, FindingCatalog.TrnCmpMissingAtLeast.At(log.Path, null, key, rule.AtLeast, seen.Count, section.Name));
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
                if (!group.Any(k => pass.Reported.TryGetValue(k, out var r) && r.Count > 0))
                {
                    var keys = string.Join(" or ", group.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
                    Fixed.Add(FindingCatalog.TrnCmpMissingOneOf.At(log.Path, null, keys));
                }
            }
        }

        /// <summary>An exactly-one key logged never (TRN-CMP-002), repeated alike (TRN-CMP-004) or with other values (TRN-CMP-003).</summary>
        private void CheckExactlyOne(string key, List<TrainingRecord> seen, RuleSection section)
        {
            if (seen.Count > 1 && seen.All(r => RuleExpression.PyEquals(r.Value, seen[0].Value)))
            {
                Warnings[section.Name + "/" + key] = FindingCatalog.TrnCmpRepeatedSame.At(
                    log.Path, seen[1].Line, key, seen.Count, RuleValueText(seen[0].Value));
            }
            else if (seen.Count == 0)
            {
                AddKeyed(key, FindingCatalog.TrnCmpMissing.At(log.Path, null, key, section.Name));
            }
            else
            {
                var values = string.Join(", ", seen.Select(r => RuleValueText(r.Value)).Distinct(StringComparer.Ordinal).Take(5));
                AddKeyed(key, FindingCatalog.TrnCmpRepeatedDiffering.At(log.Path, seen[1].Line, key, seen.Count, values));
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
                AddKeyed(record.Key, finding.At(log.Path, record.Line, record.Key, RuleValueText(record.Value), failure, expression, section.Name));
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
                AddKeyed(record.Key, FindingCatalog.TrnCmpCheckStatement.At(
                    log.Path, record.Line, record.Key, RuleValueText(record.Value), phase, statements.Text, ex.Message, section.Name));
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
                if (r.Key != "eval_accuracy" || !r.TryGetMetadata("metric", out var metric)
                    || !r.TryGetMetadata("samples_count", out var sc) || sc.ValueKind != JsonValueKind.Number)
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

    /// <summary>The state of one rule section's pass over a log: the rule state, the key rules and what was seen.</summary>
    private sealed class SectionPass
    {
        public SectionPass(RuleSection section)
        {
            Section = section;
            State = new Dictionary<string, object?>(section.InitialState, StringComparer.Ordinal);
            foreach (var k in section.Keys)
            {
                KeyRules[k.Key] = k;
            }

            Reported = KeyRules.Keys.ToDictionary(k => k, _ => new List<TrainingRecord>(), StringComparer.Ordinal);
        }

        public RuleSection Section { get; }

        public Dictionary<string, object?> State { get; }

        public Dictionary<string, KeyRule> KeyRules { get; } = new(StringComparer.Ordinal);

        /// <summary>Each key's records, in log order.</summary>
        public Dictionary<string, List<TrainingRecord>> Reported { get; }

        /// <summary>submission_* keys whose rules ran on their first occurrence.</summary>
        public HashSet<string> Executed { get; } = new(StringComparer.Ordinal);

        /// <summary>Keys whose first-occurrence check ran.</summary>
        public HashSet<string> FirstSeen { get; } = new(StringComparer.Ordinal);

        /// <summary>Per at-least-one key: how many records passed its check, its rule and its last record.</summary>
        public Dictionary<string, (int Passed, KeyRule Rule, TrainingRecord Last)> AtLeastOne { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A value for a message: strings quoted, long values cut.</summary>
    internal static string RuleValueText(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
