using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Sweeps;
using NodaTime;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>
/// Rewrites the real H200 sweep (<c>shared/corpus/sweeps/h200-llama-0.9b-mbs</c>, read with the MLLOG reader) into the
/// formats teams really have, in a temporary folder: one folder per configuration with the log, a sweep manifest where
/// the format does not print its configuration or times, the original nvidia-smi telemetry (or DCGM dmon text made from
/// it) and environment.txt. Every number is printed as the real tool prints it (<see cref="PythonFormat"/>).
/// Nothing is written into the repository.
/// </summary>
internal static class SweepRewriter
{
    public const long Parameters = 886_114_304;
    public const int Sequence = 2048;
    public const int Layers = 16;
    public const int Hidden = 2048;
    public const int Warmup = 5;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>One corpus configuration as read from its MLLOG log.</summary>
    internal sealed record Run(int Mbs, SweepLog Log)
    {
        public string Folder => $"mbs{Mbs}";

        public double StartMs => Log.RunStartMs!.Value;
    }

    private static readonly int[] MicroBatchSizes = [1, 2, 4, 8, 16];

    public static IReadOnlyList<Run> Runs() => [.. MicroBatchSizes.Select(m =>
        new Run(m, SweepLog.Read(File.ReadAllBytes(Path.Combine(SweepCorpus.Folder, $"mbs{m}.txt")), $"mbs{m}.txt", 1 << 20)))];

    /// <summary>Writes the sweep in <paramref name="format"/> into a new folder under <paramref name="root"/> and returns it.</summary>
    /// <param name="format">The log format.</param>
    /// <param name="root">Where to create the folder.</param>
    /// <param name="dcgm">Telemetry as DCGM dmon text instead of nvidia-smi CSV.</param>
    /// <param name="interval">Megatron-LM log interval (iterations per line).</param>
    public static string Write(SweepLogFormat format, string root, bool dcgm = false, int interval = 1)
    {
        var folder = Path.Combine(root, $"{format}-{(dcgm ? "dcgm" : "smi")}-{interval}".ToLowerInvariant());
        Directory.CreateDirectory(folder);
        var yaml = format is SweepLogFormat.Nemo2 or SweepLogFormat.Nemo1 or SweepLogFormat.TensorBoard;
        var entries = new List<string>();
        foreach (var run in Runs())
        {
            Directory.CreateDirectory(Path.Combine(folder, run.Folder));
            var (file, bytes, fields) = format switch
            {
                SweepLogFormat.Nemo2 => ("nemo.log", Nemo2(run), Full(run, start: true)),
                SweepLogFormat.Nemo1 => ("nemo.log", Nemo1(run), [("modelParameters", Parameters), ("start", Iso(run.StartMs))]),
                SweepLogFormat.DlLogger => ("dllogger.json", DlLogger(run), Full(run, start: false)),
                SweepLogFormat.Megatron => ("megatron.log", Megatron(run, interval), [("start", Iso(run.StartMs))]),
                SweepLogFormat.TensorBoard
                    => ($"events.out.tfevents.{(long)(run.StartMs / 1000)}.h200.1.0", TensorBoard(run), Full(run, start: false)),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
            File.WriteAllBytes(Path.Combine(folder, run.Folder, file), bytes);
            entries.Add(Mapping([("log", $"{run.Folder}/{file}"), .. fields], yaml));
        }

        string? telemetry = null;
        File.Copy(Path.Combine(SweepCorpus.Folder, "environment.txt"), Path.Combine(folder, "environment.txt"));
        if (dcgm)
        {
            var (text, start, step) = Dcgm();
            File.WriteAllText(Path.Combine(folder, "dcgm-dmon.txt"), text);
            telemetry = Mapping([("file", "dcgm-dmon.txt"), ("start", Iso(start)), ("intervalMs", step)], yaml);
        }
        else
        {
            File.Copy(Path.Combine(SweepCorpus.Folder, "telemetry.csv"), Path.Combine(folder, "telemetry.csv"));
        }

        var manifest = yaml
            ? $"# Sweep manifest: what each log ran (the log does not print it).\nversion: 1\nwarmupSteps: "
                + $"{Warmup}\nruns:\n{string.Concat(entries.Select(e => $"  - {e}\n"))}"
                + (telemetry is null ? string.Empty : $"telemetry:\n  - {telemetry}\n")
            : $"{{\n  \"version\": 1,\n  \"warmupSteps\": {Warmup},\n  \"runs\": [\n    {string.Join(",\n    ", entries)}\n  ]"
                + (telemetry is null ? string.Empty : $",\n  \"telemetry\": [{telemetry}]") + "\n}\n";
        File.WriteAllText(Path.Combine(folder, yaml ? "sweep.yaml" : "sweep.json"), manifest);
        return folder;
    }

    /// <summary>A flow mapping (YAML) or object (JSON) on one line; strings quoted.</summary>
    private static string Mapping(IEnumerable<(string Key, object Value)> fields, bool yaml)
    {
        static string Value(object v) => v switch
        {
            string s => $"\"{s}\"",
            double d => d.ToString("R", C),
            IFormattable f => f.ToString(null, C),
            _ => v.ToString()!,
        };

        return "{" + string.Join(", ", fields.Select(f => yaml ? $"{f.Key}: {Value(f.Value)}" : $"\"{f.Key}\": {Value(f.Value)}")) + "}";
    }

    /// <summary>Every size in the manifest (formats that print no configuration).</summary>
    private static List<(string, object)> Full(Run run, bool start)
    {
        List<(string, object)> fields =
        [
            ("microBatchSize", run.Mbs), ("globalBatchSize", run.Mbs), ("tensorParallel", 1), ("pipelineParallel", 1), ("contextParallel", 1),
            ("dataParallel", 1), ("sequenceLength", Sequence), ("precision", "bf16"), ("modelParameters", Parameters), ("gpus", 1),
                ("accelerator", "NVIDIA H200"),
        ];
        if (start)
        {
            fields.Add(("start", Iso(run.StartMs)));
        }

        return fields;
    }

    public static string Iso(double ms)
        => Instant.FromUnixTimeTicks((long)Math.Round(ms * NodaConstants.TicksPerMillisecond)).ToString("uuuu-MM-dd'T'HH:mm:ss.fff'Z'", C);

    private static byte[] Nemo2(Run run)
    {
        var text = new StringBuilder("[NeMo I 2026-11-22 00:00:40 nemo_logging:393] Experiments will be logged at /results/llama\n");
        var n = run.Log.StepTimes.Count;
        for (var i = 0; i < n; i++)
        {
            text.Append(C,
                $"Training epoch 0, iteration {i}/{n} | lr: {PythonFormat.Nemo2(3e-4)} | global_batch_size: {run.Mbs} | global_step: {i} | ")
                .Append(C, $"reduced_train_loss: {PythonFormat.Nemo2(run.Log.Losses[i].Value)} | train_step_timing in s: "
                    + $"{PythonFormat.Nemo2(run.Log.StepTimes[i].Value)}")
                .Append(i == 0 ? "\n" : $" | consumed_samples: {(i + 1) * run.Mbs}\n"); // NeMo's first line has no consumed_samples
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Nemo1(Run run)
    {
        var text = new StringBuilder();
        text.Append("[NeMo I 2026-11-22 00:00:40 megatron_gpt_pretraining:37] \n\n************** Experiment configuration ***********\n");
        text.Append("[NeMo I 2026-11-22 00:00:40 megatron_gpt_pretraining:38] \n");
        text.Append(C,
            $"trainer:\n  devices: 1\n  num_nodes: 1\n  precision: bf16-mixed\n  max_steps: 30\nmodel:\n  micro_batch_size: {run.Mbs}\n  "
            + $"global_batch_size: {run.Mbs}\n")
            .Append(C, $"  tensor_model_parallel_size: 1\n  pipeline_model_parallel_size: 1\n  context_parallel_size: 1\n  encoder_seq_length: "
                + $"{Sequence}\n")
            .Append(C, $"  num_layers: {Layers}\n  hidden_size: {Hidden}\n  optim:\n    name: fused_adam\n    lr: 0.0003\n\n");
        text.Append("[NeMo I 2026-11-22 00:00:41 nlp_overrides:1220] Model GPTModel was successfully restored.\n");
        var n = run.Log.StepTimes.Count;
        text.Append("Epoch 0: :   0%|          | 0/30 [00:00<?, ?it/s]");
        for (var i = 0; i < n; i++)
        {
            var bar = new string('█', (i + 1) * 10 / n).PadRight(10);
            var postfix = $"reduced_train_loss={PythonFormat.Nemo1(run.Log.Losses[i].Value)}, global_step={PythonFormat.Nemo1(i)}, "
                + $"consumed_samples={PythonFormat.Nemo1((i + 1.0) * run.Mbs)}, train_step_timing in "
                    + $"s={PythonFormat.Nemo1(run.Log.StepTimes[i].Value)}";
            text.Append(C, $"\rEpoch 0: : {(i + 1) * 100 / n,3}%|{bar}| {i + 1}/{n} [00:{i:00}<00:{n - i - 1:00}, {postfix}]");
            if (i == n - 1)
            {
                text.Append(C, $"\rEpoch 0: : 100%|{bar}| {n}/{n} [00:{i:00}<00:00, {postfix}]"); // tqdm's final refresh draws the last state again
            }
        }

        text.Append("\n`Trainer.fit` stopped: `max_steps=30` reached.\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] DlLogger(Run run)
    {
        var text = new StringBuilder();
        var t0 = run.StartMs / 1000;
        text.Append(C, $"DLLL {{\"timestamp\": \"{PythonFormat.Repr(t0)}\", \"datetime\": \"{Iso(run.StartMs)}\", \"elapsedtime\": \"0.0\", ")
            .Append(C, $"\"type\": \"PARAMETER\", \"data\": {{\"micro_batch_size\": {run.Mbs}}}}}\n");
        for (var i = 0; i < run.Log.StepTimes.Count; i++)
        {
            var s = run.Log.StepTimes[i];
            var ts = s.TimeMs / 1000;
            text.Append(C, $"DLLL {{\"timestamp\": \"{PythonFormat.Repr(ts)}\", \"datetime\": \"{Iso(s.TimeMs)}\", ")
                .Append(C, $"\"elapsedtime\": \"{PythonFormat.Repr(ts - t0)}\", \"type\": \"LOG\", \"step\": {s.Step}, ")
                .Append(C, $"\"data\": {{\"reduced_train_loss\": {PythonFormat.Repr(run.Log.Losses[i].Value)}, \"lr\": 0.0003, ")
                .Append(C, $"\"global_step\": {PythonFormat.Repr(s.Step)}, ")
                .Append(C, $"\"consumed_samples\": {PythonFormat.Repr(s.Step * (double)run.Mbs)}, \"train_step_timing in s\": "
                    + $"{PythonFormat.Repr(s.Value)}, \"epoch\": 0}}}}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Megatron's TFLOP/s/GPU as the audit counts it (6N + 12 × L × h × s per token).</summary>
    public static double Tflops(double seconds, int gbs)
        => ((6.0 * Parameters) + (12.0 * Layers * Hidden * Sequence)) * gbs * Sequence / seconds / 1e12;

    private static byte[] Megatron(Run run, int interval)
    {
        var text = new StringBuilder("------------------------ arguments ------------------------\n");
        foreach (var (name, value) in new (string, string)[]
        {
            ("bf16", "True"), ("context_parallel_size", "1"), ("data_parallel_size", "1"), ("fp16", "False"), ("fp8", "None"),
            ("global_batch_size", run.Mbs.ToString(C)), ("hidden_size", Hidden.ToString(C)), ("log_interval", interval.ToString(C)),
            ("micro_batch_size", run.Mbs.ToString(C)), ("num_layers", Layers.ToString(C)), ("pipeline_model_parallel_size", "1"),
            ("seq_length", Sequence.ToString(C)), ("tensor_model_parallel_size", "1"), ("train_iters", "30"), ("world_size", "1"),
        })
        {
            text.Append(C, $"  {name} {new string('.', 48 - name.Length)} {value}\n");
        }

        text.Append("-------------------- end of arguments ---------------------\n");
        text.Append(C, $" > number of parameters on (tensor, pipeline) model parallel rank (0, 0): {Parameters}\n");
        var steps = run.Log.StepTimes;
        for (var end = interval; end <= steps.Count; end += interval)
        {
            var slice = steps.Skip(end - interval).Take(interval).ToList();
            var ms = slice.Average(s => s.Value) * 1000;
            var loss = run.Log.Losses.Skip(end - interval).Take(interval).Average(s => s.Value);
            text.Append(C,
                $" iteration {end,8}/{steps.Count,8} | consumed samples: {end * run.Mbs,12} | elapsed time per iteration (ms): "
                + $"{PythonFormat.F1(ms)} | ")
                .Append(C, $"throughput per GPU (TFLOP/s/GPU): {PythonFormat.F1(Tflops(ms / 1000, run.Mbs))} | learning rate: 3.000000E-04 | "
                    + $"global batch size: {run.Mbs,5} | ")
                .Append(C, $"lm loss: {PythonFormat.E6(loss)} | loss scale: 1.0 | grad norm: 1.000 | number of skipped iterations:   0 | number of "
                    + $"nan iterations:   0 |\n");
            if (end == interval)
            {
                text.Append(C,
                    $"[Rank 0] (after {end} iterations) memory (MB) | allocated: 12000.0 | max allocated: "
                    + $"{PythonFormat.Repr(run.Log.PeakMemoryGiB!.Value * 1024)} | reserved: 20000.0 | max reserved: 20000.0\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] TensorBoard(Run run)
    {
        var events = new List<byte[]> { TfEvents.Event(run.StartMs / 1000, 0, fileVersion: "brain.Event:2") };
        for (var i = 0; i < run.Log.StepTimes.Count; i++)
        {
            var s = run.Log.StepTimes[i];
            events.Add(TfEvents.Event(s.TimeMs / 1000, s.Step, scalar: ("train_step_timing in s", (float)s.Value)));
            events.Add(TfEvents.Event(s.TimeMs / 1000, s.Step, scalar: ("reduced_train_loss", (float)run.Log.Losses[i].Value)));
        }

        return TfEvents.File(events);
    }

    /// <summary>The corpus telemetry as <c>dcgmi dmon -e 203,155,150,100,252,250 -d 500</c> text, with the time of its first sample and its mean
    /// interval.</summary>
    private static (string Text, double StartMs, double IntervalMs) Dcgm()
    {
        var telemetry = NvidiaSmiCsv.Parse(File.OpenRead(Path.Combine(SweepCorpus.Folder, "telemetry.csv")), "telemetry.csv", 0, 1 << 20);
        var samples = telemetry.Samples;
        var text = new StringBuilder();
        for (var i = 0; i < samples.Count; i++)
        {
            if (i % 20 == 0)
            {
                text.Append("#Entity   GPUTL        POWER        TMPTR        SMCLK        FBUSD        FBTTL\n");
                text.Append("ID                     W            C            MHZ                           \n");
            }

            var s = samples[i];
            text.Append(C,
                $"GPU {s.Gpu}     {s.UtilizationPercent,-12} {s.PowerWatts!.Value,-12:0.000} {s.TemperatureC,-12} {s.SmClockMhz,-12} "
                + $"{s.MemoryUsedMiB,-12} {s.MemoryTotalMiB}\n");
        }

        return (text.ToString(), samples[0].TimeMs, (samples[^1].TimeMs - samples[0].TimeMs) / (samples.Count - 1));
    }
}
