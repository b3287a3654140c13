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
        context.Add(FindingCatalog.InfEndpointsResult.At($"{folder}/{EndpointsResults.PerformanceSummary}", null, context.Location.Id));
        if (!context.Round.AllowsEndpoints(benchmark.Name))
        {
            var models = context.Round.EndpointsModels is { Count: > 0 } m ? string.Join(", ", m) : "none";
            context.Add(FindingCatalog.InfEndpointsModelNotAllowed.At(folder, null, benchmark.Name, context.Round.Round, models));
        }

        CheckConfig(context, folder);
        Metric? metric = null;
        if (ReadJson(context, $"{folder}/{EndpointsResults.PerformanceSummary}") is { } summary && summary.Root is { } root)
        {
            metric = CheckPerformance(context, summary.File, root);
        }

        string? accuracy = null;
        if (ReadJson(context, $"{folder}/{EndpointsResults.AccuracyResults}") is { } results
            && results.Root is { } accuracyRoot)
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
            context.Add(FindingCatalog.InfEndpointsFiles.At($"{folder}/config.yaml", null, $"{folder}/config.yaml"));
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
            context.Add(FindingCatalog.InfEndpointsFilesYaml.At(entry.Path, ex.Line, ex.Reason));
            return;
        }

        var minimum = context.Benchmark.MinDurationMs ?? context.Round.MinDurationMs;
        var duration = yaml.WholeNumber("settings.runtime.min_duration_ms");
        if (minimum > 0 && duration is null)
        {
            context.Add(FindingCatalog.InfEndpointsFilesNoMinDuration.At(entry.Path, null));
        }
        else if (minimum > 0 && duration is { } d && d.Value < minimum)
        {
            context.Add(FindingCatalog.InfMinDurationTooShortEndpoints.At(entry.Path, d.Line, d.Value, minimum));
        }

        Seed(context, yaml, entry.Path, "settings.runtime.dataloader_random_seed", context.Round.Seeds.SampleIndexRngSeed);
        Seed(context, yaml, entry.Path, "settings.runtime.scheduler_random_seed", context.Round.Seeds.ScheduleRngSeed);
    }

    private static void Seed(ResultContext context, YamlScalars yaml, string file, string path, ulong expected)
    {
        var found = yaml.Find(path);
        if (found is not { } f || !ulong.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            context.Add(FindingCatalog.InfEndpointsFilesNoSeed.At(file, found?.Line, path));
        }
        else if (seed != expected)
        {
            context.Add(FindingCatalog.InfSeedMismatch.At(file, f.Line, path, seed, context.Round.Round, expected));
        }
    }

    private static Metric? CheckPerformance(ResultContext context, string file, JsonElement root)
    {
        var benchmark = context.Benchmark;
        var scenario = context.Location.Scenario;
        if (Number(root, "n_samples_failed") is { } failed && failed > 0)
        {
            context.Add(FindingCatalog.InfEndpointsFailedSamples.At(file, null, failed));
        }

        if (benchmark.Llm && scenario is Scenarios.Server or Scenarios.Interactive
            && benchmark.TokenLatencyLimits.TryGetValue(scenario, out var limit))
        {
            var ttft = Percentile99(root, "ttft");
            var tpot = Percentile99(root, "tpot");
            if (ttft is null || tpot is null)
            {
                context.Add(FindingCatalog.InfEndpointsFilesNoTokenLatency.At(file, null));
            }

            if (ttft >= limit.TtftMs * NsPerMs)
            {
                context.Add(FindingCatalog.InfTtftOverLimit.At(file, null, ttft.Value / NsPerMs, scenario, limit.TtftMs));
            }

            if (tpot >= limit.TpotMs * NsPerMs)
            {
                context.Add(FindingCatalog.InfTpotOverLimit.At(file, null, tpot.Value / NsPerMs, scenario, limit.TpotMs));
            }

            context.Latency = new TokenLatency(ttft / NsPerMs, limit.TtftMs, tpot / NsPerMs, limit.TpotMs, file, null, null);
        }
        else if (benchmark.LatencyConstraintNs.TryGetValue(scenario, out var bound)
            && Percentile99(root, "latency") is { } p99 && p99 > bound)
        {
            context.Add(FindingCatalog.InfLatencyConstraintEndpoints.At(file, null, p99, benchmark.Name, scenario, bound));
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
                context.Add(FindingCatalog.InfHeadlineMissingEndpointsLlmOffline.At(file, null));
                return null;
            case Scenarios.Offline:
                if (Number(root, "n_samples_issued") is { } issued && Number(root, "duration_ns") is { } ns && ns > 0)
                {
                    return new Metric(
                        "n_samples_issued ÷ (duration_ns ÷ 1e9)", issued / (ns / 1e9), unit ?? "Samples/s", file, null);
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

        context.Add(FindingCatalog.InfHeadlineMissingEndpoints.At(file, null, scenario));
        return null;
    }

    private static string? CheckAccuracy(ResultContext context, string file, JsonElement root)
    {
        if (!root.TryGetProperty("accuracy_scores", out var scores) || scores.ValueKind != JsonValueKind.Array
            || scores.EnumerateArray().FirstOrDefault(HasScore) is not { ValueKind: JsonValueKind.Object } first)
        {
            context.Add(FindingCatalog.InfEndpointsNoAccuracy.At(file, null));
            return null;
        }

        var score = first.GetProperty("score");
        var text = score.ValueKind == JsonValueKind.String ? score.GetString()! : score.GetRawText();
        var counts = scores.EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object
                && (!s.TryGetProperty("dataset_type", out var t) || t.ValueKind == JsonValueKind.Null || t.GetString() == "accuracy"))
            .Select(s => Number(s, "total_samples") ?? Member(s, "response_counts", "issued"))
            .Where(n => n is not null)
            .ToList();
        var expected = context.Benchmark.AccuracySamplesFor(context.Location.Scenario);
        if (counts.Count > 0 && counts.Sum() is { } covered && covered != expected)
        {
            var message = context.Round.AccuracySampleCountRequired
                ? FindingCatalog.InfAccuracySampleCountEndpoints
                : FindingCatalog.InfAccuracyDatasetSizeEndpoints;
            context.Add(message.At(file, null, covered, context.Benchmark.Name, context.Location.Scenario, expected));
        }

        // The official checker compares the score with the target for qwen3-vl-235b-a22b only; other endpoints models need a score.
        if (context.Location.IsClosedOrNetwork && context.Benchmark.Name == "qwen3-vl-235b-a22b")
        {
            CheckScore(context, file, score, text);
        }

        return text;
    }

    private static bool HasScore(JsonElement s)
        => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("score", out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>The score against the benchmark's accuracy target (qwen3-vl-235b-a22b, as the official checker).</summary>
    private static void CheckScore(ResultContext context, string file, JsonElement score, string text)
    {
        var value = score.ValueKind == JsonValueKind.Number ? score.GetDouble()
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
        foreach (var target in context.Benchmark.AccuracyFor(context.Location.Scenario).Where(t => t.Lower is not null))
        {
            if (value is null)
            {
                context.Add(FindingCatalog.InfEndpointsNoAccuracyNotNumber.At(file, null, text));
            }
            else if (value < target.Lower!.Value)
            {
                context.Add(FindingCatalog.InfAccuracyBelowTargetEndpoints.At(
                    file, null, target.Metric, text, context.Benchmark.Name, context.Location.Scenario, target.Lower.Value));
            }
        }
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
                        context.Add(FindingCatalog.InfEndpointsAudit.At(path, null, path));
                    }
                }
                else if (ReadJson(context, path) is { Root: { } audit })
                {
                    var named = audit.TryGetProperty("test", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == name;
                    var passed = audit.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True;
                    if (!named || !passed)
                    {
                        context.Add(named
                            ? FindingCatalog.InfEndpointsAuditFailed.At(path, null, path)
                            : FindingCatalog.InfEndpointsAuditUnnamed.At(path, null, path, name));
                    }
                }
            }

            if (test == "TEST09" && context.Round.EndpointsTest09MeanOutputTokens is [var low, var high]
                && ReadJson(context, $"{folder}/{EndpointsResults.PerformanceSummary}", report: false) is { Root: { } summary })
            {
                var mean = Member(summary, "output_sequence_lengths", "avg");
                if (mean is null || mean < low || mean > high)
                {
                    var file = $"{folder}/{EndpointsResults.PerformanceSummary}";
                    context.Add(mean is { } m
                        ? FindingCatalog.InfEndpointsOutputLength.At(file, null, m, low, high)
                        : FindingCatalog.InfEndpointsOutputLengthMissing.At(file, null, low, high));
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
                context.Add(FindingCatalog.InfEndpointsFiles.At(path, null, path));
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
                context.Add(json.Error is { } error
                    ? FindingCatalog.InfEndpointsFilesUnreadable.At(path, json.ErrorLine, path, error)
                    : FindingCatalog.InfEndpointsFilesNotObject.At(path, json.ErrorLine, path));
            }

            return null;
        }

        return json;
    }

    /// <summary>
    /// The 99th percentile of a distribution, preferring the early-stopping estimate when the file has one, in ns.
    /// </summary>
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
}
