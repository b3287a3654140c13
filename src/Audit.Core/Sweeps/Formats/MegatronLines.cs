using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using NodaTime;
using NodaTime.Text;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>
/// Megatron-LM's training_log lines. Each iteration line is an average over the iterations since the previous one
/// (<c>log-interval</c>), so it carries that many iterations as its weight. Elapsed time is printed in ms with one
/// decimal, TFLOP/s/GPU with one decimal, the loss as <c>%.6E</c>; a line may start with <c>[yyyy-MM-dd HH:mm:ss]</c>
/// (local time). Also read: <c>memory (MB) | ... | max allocated: X</c> and
/// <c>number of parameters on (tensor, pipeline) model parallel rank (t, p): N</c>.
/// </summary>
internal sealed partial class MegatronLines(TextLogState state, int utcOffsetMinutes)
{
    private const string Elapsed = "elapsed time per iteration (ms)";
    private static readonly LocalDateTimePattern Stamp = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");
    private readonly Dictionary<(int, int), long> _parameters = [];
    private int _previous;

    /// <summary>One iteration line.</summary>
    public void Iteration(string line, int number)
    {
        var parts = line.Split('|');
        var head = TextSweepReader.IterationHead().Match(parts[0]);
        if (!head.Success)
        {
            state.Problem(number, FindingCatalog.SwpLogFormatParseMegatronIteration);
            return;
        }

        var iteration = int.Parse(head.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        state.PlannedIterations ??= int.Parse(head.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var fields = TextSweepReader.Fields(parts.Skip(1), ": ");
        if (iteration <= _previous)
        {
            state.Problem(number, FindingCatalog.SwpStepDuplicateInterval, iteration, _previous);
            return;
        }

        if (!fields.TryGetValue(Elapsed, out var elapsed) || !TextLogState.TryNumber(elapsed, out var ms))
        {
            if (fields.ContainsKey(Elapsed))
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseNotNumber, Elapsed, elapsed);
            }
            else
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseNoField, Elapsed);
            }

            return;
        }

        var weight = iteration - _previous;
        _previous = iteration;
        var time = double.NaN;
        if (StampPrefix().Match(parts[0]) is { Success: true } s && Stamp.Parse(s.Groups[1].Value) is { Success: true } parsed)
        {
            time = (parsed.Value.InUtc().ToInstant().ToUnixTimeTicks() / (double)NodaConstants.TicksPerMillisecond) - (utcOffsetMinutes * 60_000.0);
        }

        state.Steps.Add(new StepValue(iteration, ms / 1000, false, time, number, weight));
        if (fields.TryGetValue("lm loss", out var loss))
        {
            if (TextLogState.TryNumber(loss, out var l))
            {
                state.Losses.Add(new StepValue(iteration, l, false, time, number, weight));
            }
            else
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseNotNumber, "lm loss", loss);
            }
        }

        if (fields.TryGetValue("number of nan iterations", out var nan)
            && int.TryParse(nan, NumberStyles.None, CultureInfo.InvariantCulture, out var nans) && nans > 0)
        {
            // Megatron leaves NaN losses out of "lm loss" and counts them here.
            state.Losses.Add(new StepValue(iteration, double.NaN, false, time, number, nans));
        }

        if (fields.TryGetValue("throughput per GPU (TFLOP/s/GPU)", out var tflops) && TextLogState.TryNumber(tflops, out var t))
        {
            state.Tflops.Add(new StepValue(iteration, t, false, time, number, weight));
        }

        if (fields.TryGetValue("global batch size", out var gbs) && int.TryParse(gbs, NumberStyles.None, CultureInfo.InvariantCulture, out var g)
            && state.Config.GlobalBatchSize is null)
        {
            state.Config = state.Config with { GlobalBatchSize = g, Source = "log (global batch size on its iteration lines)", Line = number };
        }
    }

    /// <summary>Reads a memory report or a parameter count line, when <paramref name="line"/> is one.</summary>
    public void Memory(string line)
    {
        if (MemoryLine().Match(line) is { Success: true } m && TextLogState.TryNumber(m.Groups[1].Value, out var mb))
        {
            var gib = mb / 1024; // Megatron's MB is 1024 × 1024 bytes
            state.PeakMemoryGiB = Math.Max(state.PeakMemoryGiB ?? 0, gib);
        }
        else if (ParameterLine().Match(line) is { Success: true } p)
        {
            var rank = (int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture));
            _parameters.TryAdd(rank, long.Parse(p.Groups[3].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Model parameters: the sum over every (tensor, pipeline) rank printed, when all TP × PP ranks are; else null.</summary>
    public long? Parameters(LoggedConfiguration config)
    {
        var ranks = (config.TensorParallel ?? 1) * (config.PipelineParallel ?? 1);
        return _parameters.Count > 0 && _parameters.Count == ranks ? _parameters.Values.Sum() : config.ModelParameters;
    }

    [GeneratedRegex(@"^\s*\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StampPrefix();

    [GeneratedRegex(@"memory \(MB\) \|.*\| max allocated: ([0-9.eE+-]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MemoryLine();

    [GeneratedRegex(
        @"number of parameters on \(tensor, pipeline\) model parallel rank \((\d{1,6}), (\d{1,6})\): (\d{1,15})",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex ParameterLine();
}
