using System.Text;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>The log formats a sweep audit reads.</summary>
public enum SweepLogFormat
{
    /// <summary>MLPerf <c>:::MLLOG</c> lines with train_step_time (the corpus harness).</summary>
    Mllog = 1,

    /// <summary>NeMo 2.x ProgressPrinter: <c>Training epoch 0, iteration 1/249 | ... | train_step_timing in s: 2.505</c>.</summary>
    Nemo2 = 2,

    /// <summary>NeMo 1.x PyTorch Lightning progress bar, many updates on one line separated by carriage returns.</summary>
    Nemo1 = 3,

    /// <summary>DLLogger JSON lines: <c>DLLL {"timestamp": ..., "type": "LOG", "step": 16, "data": {...}}</c>.</summary>
    DlLogger = 4,

    /// <summary>Megatron-LM interval lines: <c>iteration 10/100 | ... | elapsed time per iteration (ms): 1234.5 | ...</c>.</summary>
    Megatron = 5,

    /// <summary>TensorBoard event files (<c>events.out.tfevents.*</c>): TFRecord framing, protobuf Event/Summary scalars.</summary>
    TensorBoard = 6,
}

/// <summary>What the detector found in a text file: the formats whose step lines it holds, each with its first line.</summary>
/// <param name="Found">Format → 1-based line of its first step line, in order of first appearance.</param>
internal sealed record SweepFormatScan(IReadOnlyList<(SweepLogFormat Format, int Line)> Found)
{
    /// <summary>The one format found; null when none or several.</summary>
    public SweepLogFormat? Single => Found.Count == 1 ? Found[0].Format : null;

    /// <summary>True when step lines of two or more formats appear in one file.</summary>
    public bool Mixed => Found.Count > 1;
}

/// <summary>
/// Says which sweep log format a text file is in by the step lines it holds (not by its name), and whether it mixes
/// formats. Configuration printouts (NeMo's config dump, Megatron's arguments) do not count as step lines.
/// </summary>
internal static partial class SweepFormatDetector
{
    /// <summary>The name used in findings and the report, e.g. <c>NeMo 2</c>.</summary>
    public static string Name(SweepLogFormat format) => format switch
    {
        SweepLogFormat.Mllog => "MLLOG",
        SweepLogFormat.Nemo2 => "NeMo 2",
        SweepLogFormat.Nemo1 => "NeMo 1 (Lightning progress bar)",
        SweepLogFormat.DlLogger => "DLLogger",
        SweepLogFormat.Megatron => "Megatron-LM",
        SweepLogFormat.TensorBoard => "TensorBoard event file",
        _ => format.ToString(),
    };

    /// <summary>True for a TensorBoard event file name (<c>events.out.tfevents.*</c>).</summary>
    public static bool IsEventFileName(string fileName) => fileName.StartsWith("events.out.tfevents", StringComparison.Ordinal);

    /// <summary>The format whose step line <paramref name="line"/> is; null when it is none.</summary>
    public static SweepLogFormat? Classify(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains(":::MLLOG ", StringComparison.Ordinal))
        {
            return SweepLogFormat.Mllog;
        }

        if (line.TrimStart().StartsWith("DLLL {", StringComparison.Ordinal))
        {
            return SweepLogFormat.DlLogger;
        }

        if (Nemo2Line().IsMatch(line))
        {
            return SweepLogFormat.Nemo2;
        }

        if (line.Contains("train_step_timing in s=", StringComparison.Ordinal))
        {
            return SweepLogFormat.Nemo1;
        }

        return MegatronLine().IsMatch(line) ? SweepLogFormat.Megatron : null;
    }

    /// <summary>Scans a text file's lines (LF, CRLF) for step lines of each format.</summary>
    public static SweepFormatScan Scan(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var found = new List<(SweepLogFormat, int)>();
        var text = Encoding.UTF8.GetString(bytes);
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (Classify(line) is { } format && !found.Exists(f => f.Item1 == format))
            {
                found.Add((format, number));
            }
        }

        return new SweepFormatScan(found);
    }

    [GeneratedRegex(@"^\s*Training epoch \d+, iteration \d+/\d+ \|", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    internal static partial Regex Nemo2Line();

    [GeneratedRegex(@"iteration\s+\d+/\s*\d+\s*\|.*elapsed time per iteration \(ms\):", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    internal static partial Regex MegatronLine();
}
