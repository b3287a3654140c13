using System.Globalization;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Systems;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// The rules on a v6.1 endpoints result (MLPerf Endpoints harness instead of LoadGen), as the official checker applies
/// them: the benchmark must be one of the round's endpoints models; <c>performance/result_summary.json</c> gives the
/// headline (Offline: n_samples_issued ÷ duration; Server/Interactive: qps, tps for LLMs; SingleStream/MultiStream: mean
/// latency), failed samples, seeds, p99 token latencies and p99 latency; <c>config.yaml</c> gives the minimum duration;
/// <c>accuracy/accuracy_results.json</c> gives the accuracy score and sample count; <c>audit/audit_&lt;test&gt;.json</c>
/// the compliance audits. LoadGen-only rules do not apply (INF-EP-001 says so on every such result).
/// </summary>
internal static class EndpointsRules
{
    private const double NsPerMs = 1e6;
    private const long MaxJsonBytes = 64L << 20;

    /// <summary>Applies the rules; returns the headline metric (if readable) and the accuracy text for the CSV.</summary>
    public static (Metric? Metric, string? Accuracy) Check(ResultContext context)
    {
        var folder = context.Location.Folder;
        var benchmark = context.Benchmark;
        context.Add(FindingCatalog.InfEndpointsResult,
            $"{context.Location.Id} holds MLPerf Endpoints files instead of LoadGen logs; it is judged from them, without the LoadGen-only rules.", $"{folder}/{EndpointsResults.PerformanceSummary}");
        if (!context.Round.AllowsEndpoints(benchmark.Name))
        {
            context.Add(FindingCatalog.InfEndpointsModelNotAllowed,
                $"{benchmark.Name} is not an endpoints model of {context.Round.Round} ({(context.Round.EndpointsModels is { Count: > 0 } m ? string.Join(", ", m) : "none")}).", folder);
        }

        CheckConfig(context, folder);
        Metric? metric = null;
        if (ReadJson(context, $"{folder}/{EndpointsResults.PerformanceSummary}") is { } summary && summary.Root is { } root)
        {
            metric = CheckPerformance(context, summary.File, root);
        }

        string? accuracy = null;
        if (ReadJson(context, $"{folder}/{EndpointsResults.AccuracyResults}") is { } results && results.Root is { } accuracyRoot)
        {
            accuracy = CheckAccuracy(context, results.File, accuracyRoot);
        }

        if (context.Location.IsClosedOrNetwork)
        {
            CheckAudits(context, folder);
        }

        return (metric, accuracy);
    }

    private static void CheckConfig(ResultContext context, string folder)
    {
        var entry = context.Index.File($"{folder}/config.yaml") ?? context.Index.File($"{folder}/config.yml");
        if (entry is null)
        {
            context.Add(FindingCatalog.InfEndpointsFiles, $"{folder}/config.yaml is missing.", $"{folder}/config.yaml");
            return;
        }

        YamlScalars yaml;
        try
        {
            using var stream = context.Index.Bundle.Open(entry);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            yaml = YamlScalars.Read(reader);
        }
        catch (YamlScalarsException ex)
        {
            context.Add(FindingCatalog.InfEndpointsFiles, $"config.yaml is not valid YAML: {ex.Reason}", entry.Path, ex.Line);
            return;
        }

        var minimum = context.Benchmark.MinDurationMs ?? context.Round.MinDurationMs;
        var duration = yaml.WholeNumber("settings.runtime.min_duration_ms");
        if (minimum > 0 && duration is null)
        {
            context.Add(FindingCatalog.InfEndpointsFiles, "config.yaml has no settings.runtime.min_duration_ms.", entry.Path);
        }
        else if (minimum > 0 && duration is { } d && d.Value < minimum)
        {
            context.Add(FindingCatalog.InfMinDurationTooShort, $"settings.runtime.min_duration_ms is {d.Value} ms; the minimum is {minimum} ms.", entry.Path, d.Line);
        }

        Seed(context, yaml, entry.Path, "settings.runtime.dataloader_random_seed", context.Round.Seeds.SampleIndexRngSeed);
        Seed(context, yaml, entry.Path, "settings.runtime.scheduler_random_seed", context.Round.Seeds.ScheduleRngSeed);
    }

    private static void Seed(ResultContext context, YamlScalars yaml, string file, string path, ulong expected)
    {
        var found = yaml.Find(path);
        if (found is not { } f || !ulong.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            context.Add(FindingCatalog.InfEndpointsFiles, $"config.yaml has no whole-number {path}.", file, found?.Line);
        }
        else if (seed != expected)
        {
            context.Add(FindingCatalog.InfSeedMismatch, $"{path} is {seed}; the {context.Round.Round} seed is {expected}.", file, f.Line);
        }
    }

    private static Metric? CheckPerformance(ResultContext context, string file, JsonElement root)
    {
        var benchmark = context.Benchmark;
        var scenario = context.Location.Scenario;
        if (Number(root, "n_samples_failed") is { } failed && failed > 0)
        {
            context.Add(FindingCatalog.InfEndpointsFailedSamples, $"n_samples_failed is {failed}.", file);
        }

        if (benchmark.Llm && scenario is Scenarios.Server or Scenarios.Interactive
            && benchmark.TokenLatencyLimits.TryGetValue(scenario, out var limit))
        {
            var ttft = Percentile99(root, "ttft");
            var tpot = Percentile99(root, "tpot");
            if (ttft is null || tpot is null)
            {
                context.Add(FindingCatalog.InfEndpointsFiles, "result_summary.json lacks the 99th percentile TTFT or TPOT.", file);
            }

            if (ttft >= limit.TtftMs * NsPerMs)
            {
                context.Add(FindingCatalog.InfTtftOverLimit, $"The 99th percentile time to first token is {Ms(ttft.Value)} ms; {scenario} allows less than {limit.TtftMs} ms.", file);
            }

            if (tpot >= limit.TpotMs * NsPerMs)
            {
                context.Add(FindingCatalog.InfTpotOverLimit, $"The 99th percentile time per output token is {Ms(tpot.Value)} ms; {scenario} allows less than {limit.TpotMs} ms.", file);
            }

            context.Latency = new TokenLatency(ttft / NsPerMs, limit.TtftMs, tpot / NsPerMs, limit.TpotMs, file, null, null);
        }
        else if (benchmark.LatencyConstraintNs.TryGetValue(scenario, out var bound) && Percentile99(root, "latency") is { } p99 && p99 > bound)
        {
            context.Add(FindingCatalog.InfLatencyConstraint, $"The 99th percentile latency is {p99} ns; {benchmark.Name} {scenario} allows at most {bound} ns.", file);
        }

        return Headline(context, file, root);
    }

    private static Metric? Headline(ResultContext context, string file, JsonElement root)
    {
        var benchmark = context.Benchmark;
        var scenario = context.Location.Scenario;
        var unit = benchmark.Units is { } units && units.TryGetValue(scenario, out var u) ? u : null;
        switch (scenario)
        {
            case Scenarios.Offline when benchmark.Llm:
                context.Add(FindingCatalog.InfHeadlineMissing, "An endpoints Offline run of an LLM reports no tokens per second (the official checker reads result_tokens_per_second, which endpoints files do not map).", file);
                return null;
            case Scenarios.Offline:
                if (Number(root, "n_samples_issued") is { } issued && Number(root, "duration_ns") is { } ns && ns > 0)
                {
                    return new Metric("n_samples_issued ÷ (duration_ns ÷ 1e9)", issued / (ns / 1e9), unit ?? "Samples/s", file, null);
                }

                break;
            case Scenarios.Server or Scenarios.Interactive:
                var key = benchmark.Llm ? "tps" : "qps";
                if (Number(root, key) is { } rate)
                {
                    return new Metric(key, rate, unit ?? (benchmark.Llm ? "Tokens/s" : "Queries/s"), file, null);
                }

                break;
            default:
                if (Member(root, "latency", "avg") is { } mean)
                {
                    return benchmark.LatencyUnit == "s"
                        ? new Metric("latency.avg ÷ 1e9", mean / 1e9, unit ?? "Latency (s)", file, null)
                        : new Metric("latency.avg ÷ 1e6", mean / NsPerMs, unit ?? "Latency (ms)", file, null);
                }

                break;
        }

        context.Add(FindingCatalog.InfHeadlineMissing, $"result_summary.json does not give the {scenario} headline.", file);
        return null;
    }

    private static string? CheckAccuracy(ResultContext context, string file, JsonElement root)
    {
        if (!root.TryGetProperty("accuracy_scores", out var scores) || scores.ValueKind != JsonValueKind.Array
            || scores.EnumerateArray().FirstOrDefault(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("score", out var v) && v.ValueKind != JsonValueKind.Null) is not { ValueKind: JsonValueKind.Object } first)
        {
            context.Add(FindingCatalog.InfEndpointsNoAccuracy, "accuracy_results.json has no accuracy_scores entry with a score.", file);
            return null;
        }

        var score = first.GetProperty("score");
        var text = score.ValueKind == JsonValueKind.String ? score.GetString()! : score.GetRawText();
        var counts = scores.EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object && (!s.TryGetProperty("dataset_type", out var t) || t.ValueKind == JsonValueKind.Null || t.GetString() == "accuracy"))
            .Select(s => Number(s, "total_samples") ?? Member(s, "response_counts", "issued"))
            .Where(n => n is not null)
            .ToList();
        var expected = context.Benchmark.AccuracySamplesFor(context.Location.Scenario);
        if (counts.Count > 0 && counts.Sum() is { } covered && covered != expected)
        {
            context.Add(context.Round.AccuracySampleCountRequired ? FindingCatalog.InfAccuracySampleCount : FindingCatalog.InfAccuracyDatasetSize,
                $"The accuracy run covered {covered} samples; a {context.Benchmark.Name} {context.Location.Scenario} accuracy run covers {expected}.", file);
        }

        // The official checker compares the score with the target for qwen3-vl-235b-a22b only; other endpoints models need a score.
        if (context.Location.IsClosedOrNetwork && context.Benchmark.Name == "qwen3-vl-235b-a22b")
        {
            var value = score.ValueKind == JsonValueKind.Number ? score.GetDouble()
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
            foreach (var target in context.Benchmark.AccuracyFor(context.Location.Scenario).Where(t => t.Lower is not null))
            {
                if (value is null)
                {
                    context.Add(FindingCatalog.InfEndpointsNoAccuracy, $"The accuracy score {text} is not a number.", file);
                }
                else if (value < target.Lower!.Value)
                {
                    context.Add(FindingCatalog.InfAccuracyBelowTarget,
                        $"{target.Metric} is {text}; {context.Benchmark.Name} {context.Location.Scenario} needs at least {target.Lower.Value.ToString("0.######", CultureInfo.InvariantCulture)}.", file);
                }
            }
        }

        return text;
    }

    private static void CheckAudits(ResultContext context, string folder)
    {
        var names = context.Round.EndpointsAuditTests ?? new Dictionary<string, string>();
        foreach (var test in context.Benchmark.Compliance)
        {
            if (names.TryGetValue(test, out var name))
            {
                var path = $"{folder}/audit/audit_{name}.json";
                if (context.Index.File(path) is null)
                {
                    // As the official checker: only TEST04 is required of endpoints results (wan-2.2-t2v-a14b).
                    if (test == "TEST04")
                    {
                        context.Add(FindingCatalog.InfEndpointsAudit, $"{path} is missing.", path);
                    }
                }
                else if (ReadJson(context, path) is { Root: { } audit })
                {
                    var named = audit.TryGetProperty("test", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == name;
                    var passed = audit.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True;
                    if (!named || !passed)
                    {
                        context.Add(FindingCatalog.InfEndpointsAudit, $"{path} {(named ? "did not pass" : $"does not name the test {name}")}.", path);
                    }
                }
            }

            if (test == "TEST09" && context.Round.EndpointsTest09MeanOutputTokens is [var low, var high]
                && ReadJson(context, $"{folder}/{EndpointsResults.PerformanceSummary}", report: false) is { Root: { } summary })
            {
                var mean = Member(summary, "output_sequence_lengths", "avg");
                if (mean is null || mean < low || mean > high)
                {
                    context.Add(FindingCatalog.InfEndpointsOutputLength,
                        $"TEST09: the mean output length is {(mean is { } m ? m.ToString(CultureInfo.InvariantCulture) : "missing")} tokens; it must lie in [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}].",
                        $"{folder}/{EndpointsResults.PerformanceSummary}");
                }
            }
        }
    }

    private static JsonFile? ReadJson(ResultContext context, string path, bool report = true)
    {
        if (context.Index.File(path) is not { } entry)
        {
            if (report)
            {
                context.Add(FindingCatalog.InfEndpointsFiles, $"{path} is missing.", path);
            }

            return null;
        }

        JsonFile json;
        using (var stream = context.Index.Bundle.Open(entry))
        {
            json = JsonFile.Read(stream, path, MaxJsonBytes);
        }

        if (json.Error is not null || json.Root is not { ValueKind: JsonValueKind.Object })
        {
            if (report)
            {
                context.Add(FindingCatalog.InfEndpointsFiles, $"{path} cannot be read: {json.Error ?? "not a JSON object"}.", path, json.ErrorLine);
            }

            return null;
        }

        return json;
    }

    /// <summary>The 99th percentile of a distribution, preferring the early-stopping estimate when the file has one, in ns.</summary>
    private static double? Percentile99(JsonElement root, string name)
        => Member(root, name, "early_stopping_percentiles", "99.0") ?? Member(root, name, "early_stopping_percentiles", "99")
            ?? Member(root, name, "percentiles", "99.0") ?? Member(root, name, "percentiles", "99");

    private static double? Number(JsonElement element, string name) => Member(element, name);

    private static double? Member(JsonElement element, params string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var d) ? d : null;
    }

    private static string Ms(double ns) => (ns / NsPerMs).ToString("0.###", CultureInfo.InvariantCulture);
}
