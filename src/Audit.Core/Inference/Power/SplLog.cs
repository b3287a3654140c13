using System.Globalization;
using System.Text;

namespace MlPerfAudit.Core.Inference.Power;

/// <summary>
/// The power analyzer's samples of one run (<c>spl.txt</c>) averaged over a window. Only lines starting with
/// <c>Time</c> are samples: comma-separated, field 2 the timestamp (<see cref="PowerTimestamp"/>), field 4 the
/// power in watts. Every sample's timestamp must parse; the watts are read only for samples strictly inside the
/// window, and only positive watts count.
/// </summary>
/// <param name="Samples">Number of positive samples strictly inside the window.</param>
/// <param name="AverageWatts">Mean of those samples, in W; 0 when there are none.</param>
/// <param name="FirstLine">1-based line of the first counted sample; null when there are none.</param>
/// <param name="LastLine">1-based line of the last counted sample; null when there are none.</param>
/// <param name="ProblemLine">1-based line that cannot be read; null when the file is well formed.</param>
/// <param name="Problem">Why that line cannot be read.</param>
internal sealed record SplLog(int Samples, double AverageWatts, int? FirstLine, int? LastLine, int? ProblemLine, string? Problem)
{
    /// <summary>Reads the samples of <paramref name="stream"/> between <paramref name="begin"/> and <paramref name="end"/> (both excluded).</summary>
    /// <param name="stream">spl.txt.</param>
    /// <param name="begin">power_begin.</param>
    /// <param name="end">power_end.</param>
    /// <param name="maxLineBytes">Longest line read; a longer one is a problem.</param>
    public static SplLog Read(Stream stream, DateTime begin, DateTime end, int maxLineBytes)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        var sum = 0.0;
        var count = 0;
        int? first = null, last = null;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > maxLineBytes)
            {
                return Failed(number, $"the line is longer than {maxLineBytes} bytes");
            }

            if (!line.StartsWith("Time", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length < 2 || !PowerTimestamp.TryParse(fields[1], out var time))
            {
                return Failed(number, "field 2 is not a timestamp MM-DD-YYYY HH:MM:SS.ffffff");
            }

            if (time <= begin || time >= end)
            {
                continue;
            }

            if (fields.Length < 4 || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var watts)
                || !double.IsFinite(watts))
            {
                return Failed(number, "field 4 is not a finite number of watts");
            }

            if (watts > 0)
            {
                sum += watts;
                count++;
                first ??= number;
                last = number;
            }
        }

        return new SplLog(count, count == 0 ? 0 : sum / count, first, last, null, null);
    }

    private static SplLog Failed(int line, string problem) => new(0, 0, null, null, line, problem);
}
