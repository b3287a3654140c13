using System.Globalization;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Sweeps.Formats;

/// <summary>What a text-format reader collects while it streams a log; <see cref="Build"/> makes the <see cref="SweepLog"/>.</summary>
internal sealed class TextLogState(string path, SweepLogFormat format)
{
    public List<StepValue> Steps { get; } = [];

    public List<StepValue> Losses { get; } = [];

    public List<StepValue> Tflops { get; } = [];

    public List<SweepLogProblem> Problems { get; } = [];

    public LoggedConfiguration Config { get; set; } = new() { Source = "none in the log" };

    public double? PeakMemoryGiB { get; set; }

    /// <summary>Iterations the run was planned for (NeMo's and Megatron's "iteration n/total"); null when not logged.</summary>
    public int? PlannedIterations { get; set; }

    /// <summary>True when the planned total counts from 0 (NeMo 2: the last iteration is total − 1).</summary>
    public bool ZeroBased { get; set; }

    public string? AbortReason { get; set; }

    public int? AbortLine { get; set; }

    /// <summary>Notes a problem on <paramref name="line"/>: a catalogue message and the values for its holes.</summary>
    public void Problem(int? line, FindingMessage message, params object?[] values)
        => Problems.Add(new SweepLogProblem(line, message, values));

    /// <summary>Parses a finite or non-finite number as Python prints it (<c>nan</c>, <c>NAN</c>, <c>inf</c>, <c>1.0E+01</c>).</summary>
    public static bool TryNumber(string text, out double value)
    {
        var t = text.Trim();
        switch (t.ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf":
                value = double.PositiveInfinity;
                return true;
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
    }

    /// <summary>
    /// The log, with its status: aborted (out of memory), success (reached the planned iterations, or steps read when none is planned)
    /// or incomplete.
    /// </summary>
    public SweepLog Build()
    {
        var times = Steps.Where(s => double.IsFinite(s.TimeMs)).ToList();
        string status;
        if (AbortReason is not null)
        {
            status = "aborted";
        }
        else if (Steps.Count == 0)
        {
            status = "missing";
        }
        else if (PlannedIterations is { } planned)
        {
            status = Steps[^1].Step >= (ZeroBased ? planned - 1 : planned) ? "success" : "incomplete";
        }
        else
        {
            status = "success";
        }

        double? start = times.Count > 0 ? times[0].TimeMs - (times[0].Value * times[0].Weight * 1000) : null;
        return new SweepLog(path, format, Problems, Config, Steps, Losses, null, PeakMemoryGiB, start, times.Count > 0 ? times[^1].TimeMs : null,
            status, AbortReason, AbortLine ?? (Steps.Count > 0 ? Steps[^1].Line : null), Tflops);
    }

    /// <summary>Notes an out-of-memory error line (PyTorch's "CUDA out of memory", OutOfMemoryError).</summary>
    public void CheckAbort(string line, int number)
    {
        if (AbortReason is null
            && (line.Contains("CUDA out of memory", StringComparison.Ordinal) || line.Contains("OutOfMemoryError", StringComparison.Ordinal)))
        {
            AbortReason = "out of memory";
            AbortLine = number;
        }
    }
}
