using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training.Logs;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>
/// Reads a sweep log in the MLPerf <c>:::MLLOG</c> line format (the format of the harness that produced the corpus
/// sweep): sizes as keys, <c>train_step_time</c> and <c>train_loss</c> per step, <c>tracked_stats</c>, <c>run_stop</c>.
/// </summary>
internal static class MllogSweepReader
{
    private static readonly Regex NonFinite = new(@"(:\s*)(NaN|-?Infinity)(\s*[,}])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));

    /// <summary>
    /// Reads a sweep log. One named leniency over <see cref="TrainingLogParser"/>: Python's <c>json.dumps</c> writes
    /// non-finite floats as bare <c>NaN</c>/<c>Infinity</c>, which JSON forbids; they are read as non-finite numbers
    /// (so a NaN loss is a finding, not a parse error). Line numbers are unchanged.
    /// </summary>
    public static SweepLog Read(byte[] bytes, string path, int maxLineBytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var quoted = NonFinite.Replace(text, m => $"{m.Groups[1].Value}\"{m.Groups[2].Value}\"{m.Groups[3].Value}");
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(quoted), writable: false);
        return From(TrainingLogParser.Parse(stream, path, maxLineBytes));
    }

    private static SweepLog From(TrainingLog log)
    {
        var steps = new List<StepValue>();
        var losses = new List<StepValue>();
        foreach (var r in log.Records)
        {
            if (r.Key is not ("train_step_time" or "train_loss"))
            {
                continue;
            }

            var value = Number(r.Value);
            if (value is null)
            {
                continue;
            }

            var step = r.TryGetMetadata("step_num", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n)
                ? n : (r.Key == "train_loss" ? losses.Count : steps.Count) + 1;
            var warmup = r.TryGetMetadata("warmup", out var w) && w.ValueKind == JsonValueKind.True;
            (r.Key == "train_loss" ? losses : steps).Add(new StepValue(step, value.Value, warmup, r.TimeMs, r.Line));
        }

        var stats = log.Last("tracked_stats");
        double? tokensPerStep = null, peak = null;
        if (stats is { Value.ValueKind: JsonValueKind.Object })
        {
            tokensPerStep = stats.Value.TryGetProperty("tokens_per_step", out var t) ? Number(t) : null;
            peak = stats.Value.TryGetProperty("max_memory_allocated_gib", out var m) ? Number(m) : null;
        }

        var stop = log.Last("run_stop");
        string? reason = null;
        foreach (var name in new[] { "reason", "error", "message" })
        {
            if (stop is not null && stop.TryGetMetadata(name, out var why) && why.ValueKind == JsonValueKind.String)
            {
                reason = why.GetString();
                break;
            }
        }

        var status = stop is null ? "missing"
            : stop.TryGetMetadata("status", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString()! : "unknown";
        var config = new LoggedConfiguration
        {
            MicroBatchSize = Int(log, "micro_batch_size"),
            GlobalBatchSize = Int(log, "global_batch_size"),
            SequenceLength = Int(log, "max_sequence_length"),
            TensorParallel = Int(log, "tensor_model_parallel_size"),
            PipelineParallel = Int(log, "pipeline_model_parallel_size"),
            ContextParallel = Int(log, "context_parallel_size"),
            DataParallel = Int(log, "data_parallel_size"),
            Precision = Str(log, "precision"),
            ModelParameters = log.First("model_parameters") is { Value.ValueKind: JsonValueKind.Number } p && p.Value.TryGetInt64(out var count)
                ? count : null,
            Platform = Str(log, "submission_platform"),
            Benchmark = Str(log, "submission_benchmark"),
            Source = "log (MLLOG keys)",
            Line = log.First("micro_batch_size")?.Line,
        };
        return new SweepLog(
            log.Path,
            SweepLogFormat.Mllog,
            [.. log.Problems.Select(p => new SweepLogProblem(p.Line, FindingCatalog.SwpLogParse.Main, [p.Reason]))],
            config,
            steps,
            losses,
            tokensPerStep,
            peak,
            log.First("run_start")?.TimeMs,
            stop?.TimeMs ?? (log.Records.Count > 0 ? log.Records.Max(r => r.TimeMs) : null),
            status,
            reason,
            stop?.Line,
            []);
    }

    private static double? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" or "nan" => double.NaN,
            "Infinity" or "inf" => double.PositiveInfinity,
            "-Infinity" or "-inf" => double.NegativeInfinity,
            _ => null,
        },
        _ => null,
    };

    private static int? Int(TrainingLog log, string key)
        => log.First(key) is { Value.ValueKind: JsonValueKind.Number } r && r.Value.TryGetInt32(out var v) && v > 0 ? v : null;

    private static string? Str(TrainingLog log, string key)
        => log.First(key) is { Value.ValueKind: JsonValueKind.String } r ? r.Value.GetString() : null;
}
