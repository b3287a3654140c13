using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>
/// Streams a NeMo 2, NeMo 1, DLLogger or Megatron-LM text log line by line (the format comes from
/// <see cref="SweepFormatDetector"/>), strictly: a step line that cannot be read is a problem with its line, never skipped
/// silently. Configuration printouts are read on the way (<see cref="ConfigPrintout"/>), as is an out-of-memory error.
/// </summary>
internal static partial class TextSweepReader
{
    private const string StepTiming = "train_step_timing in s";

    /// <summary>Reads a text sweep log of a known format.</summary>
    /// <param name="stream">The log; read forward once, not disposed.</param>
    /// <param name="path">Bundle-relative path.</param>
    /// <param name="format">Its format (not MLLOG or TensorBoard).</param>
    /// <param name="maxLineBytes">Longest accepted line, in bytes.</param>
    /// <param name="utcOffsetMinutes">Minutes added to time stamps printed without a zone (Megatron's) to get UTC.</param>
    public static SweepLog Read(Stream stream, string path, SweepLogFormat format, int maxLineBytes, int utcOffsetMinutes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = new TextLogState(path, format);
        var config = new ConfigPrintout();
        var megatron = new MegatronLines(state, utcOffsetMinutes);
        var previousIteration = -1;
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            var number = reader.LineNumber;
            if (tooLong)
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParse.Main, maxLineBytes);
                continue;
            }

            var line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
            config.Feed(line, number);
            state.CheckAbort(line, number);
            megatron.Memory(line);
            if (SweepFormatDetector.Classify(line) != format && format != SweepLogFormat.Nemo1)
            {
                continue;
            }

            if (reader.LastLineUnterminated && format != SweepLogFormat.Nemo1)
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseCut);
                continue;
            }

            switch (format)
            {
                case SweepLogFormat.Nemo2:
                    previousIteration = Nemo2(state, line, number, previousIteration);
                    break;
                case SweepLogFormat.Nemo1:
                    Nemo1(state, Encoding.UTF8.GetString(bytes), number, reader.LastLineUnterminated);
                    break;
                case SweepLogFormat.DlLogger:
                    DlLoggerLines.Read(state, line, number);
                    break;
                case SweepLogFormat.Megatron:
                    megatron.Iteration(line, number);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "not a text sweep format");
            }
        }

        if (config.Result() is { } printed)
        {
            state.Config = printed with
            {
                ModelParameters = megatron.Parameters(printed),
                GlobalBatchSize = printed.GlobalBatchSize ?? state.Config.GlobalBatchSize,
            };
        }

        return state.Build();
    }

    /// <summary>
    /// One NeMo 2 ProgressPrinter line; values are averages over the iterations since the previous line (printed with 4 significant
    /// digits).
    /// </summary>
    private static int Nemo2(TextLogState state, string line, int number, int previous)
    {
        var parts = line.Split(" | ");
        var head = IterationHead().Match(parts[0]);
        if (!head.Success)
        {
            state.Problem(number, FindingCatalog.SwpLogFormatParseNemo2Iteration);
            return previous;
        }

        var fields = Fields(parts.Skip(1), ": ");
        var iteration = int.Parse(head.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        state.PlannedIterations ??= int.Parse(head.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        state.ZeroBased = true;
        if (!fields.TryGetValue("train_step_timing in s", out var timing) || !TextLogState.TryNumber(timing, out var seconds))
        {
            if (fields.ContainsKey(StepTiming))
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseNotNumber, StepTiming, timing);
            }
            else
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseNoField, StepTiming);
            }

            return previous;
        }

        var weight = iteration > previous ? iteration - previous : 1;
        state.Steps.Add(new StepValue(iteration, seconds, false, double.NaN, number, weight));
        if (fields.TryGetValue("reduced_train_loss", out var loss))
        {
            if (TextLogState.TryNumber(loss, out var l))
            {
                state.Losses.Add(new StepValue(iteration, l, false, double.NaN, number, weight));
            }
            else
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseNotNumber, "reduced_train_loss", loss);
            }
        }

        if (fields.TryGetValue("global_batch_size", out var gbs) && int.TryParse(gbs, NumberStyles.None, CultureInfo.InvariantCulture, out var g)
            && state.Config.GlobalBatchSize is null)
        {
            state.Config = state.Config with { GlobalBatchSize = g, Source = "log (global_batch_size on its step lines)", Line = number };
        }

        return Math.Max(previous, iteration);
    }

    /// <summary>
    /// One NeMo 1 line: tqdm redraws separated by carriage returns; each update with a step time is one step (3 significant digits).
    /// </summary>
    private static void Nemo1(TextLogState state, string raw, int number, bool unterminated)
    {
        var updates = raw.TrimEnd('\r').Split('\r');
        for (var k = 0; k < updates.Length; k++)
        {
            var update = updates[k];
            var at = update.IndexOf("train_step_timing in s=", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var open = update.LastIndexOf('[', at);
            var close = update.IndexOf(']', at);
            if (open < 0 || close < 0)
            {
                var cut = unterminated ? FindingCatalog.SwpLogFormatParseUpdateCutAtEnd : FindingCatalog.SwpLogFormatParseUpdateCut;
                state.Problem(number, cut, k + 1);
                continue;
            }

            var fields = Fields(update[(open + 1)..close].Split(", "), "=");
            if (!fields.TryGetValue("global_step", out var stepText) || !TextLogState.TryNumber(stepText, out var stepValue)
                || stepValue < 0 || stepValue > int.MaxValue)
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseUpdateStep, k + 1);
                continue;
            }

            if (!TextLogState.TryNumber(fields["train_step_timing in s"], out var seconds))
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseUpdateNotNumber, k + 1, StepTiming, fields[StepTiming]);
                continue;
            }

            var step = (int)stepValue;
            double? loss = fields.TryGetValue("reduced_train_loss", out var lossText) && TextLogState.TryNumber(lossText, out var l) ? l : null;
            if (state.Steps.Count > 0 && state.Steps[^1].Step == step && state.Steps[^1].Value.Equals(seconds)
                && (loss is null || (state.Losses.Count > 0 && state.Losses[^1].Value.Equals(loss.Value))))
            {
                continue; // the same update drawn again (tqdm refresh): one step, not two
            }

            state.Steps.Add(new StepValue(step, seconds, false, double.NaN, number));
            if (loss is { } value)
            {
                state.Losses.Add(new StepValue(step, value, false, double.NaN, number));
            }
            else if (lossText is not null)
            {
                state.Problem(number, FindingCatalog.SwpLogFormatParseUpdateNotNumber, k + 1, "reduced_train_loss", lossText);
            }
        }
    }

    /// <summary><c>key{separator}value</c> parts into a map (first wins); parts without the separator are skipped.</summary>
    internal static Dictionary<string, string> Fields(IEnumerable<string> parts, string separator)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var at = part.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
            {
                fields.TryAdd(part[..at].Trim(), part[(at + separator.Length)..].Trim().TrimEnd('|').Trim());
            }
        }

        return fields;
    }

    [GeneratedRegex(@"iteration\s+(\d{1,9})/\s*(\d{1,9})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    internal static partial Regex IterationHead();
}
