using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// Reads DCGM's <c>dcgmi dmon -e &lt;field ids&gt; [-d ms]</c> text output strictly: a header <c>#Entity  GPUTL  POWER ...</c>
/// (dmon's short field names), a units line starting <c>ID</c>, then one row per entity and sample (<c>GPU 0  75  185.300 ...</c>)
/// with one value per field or <c>N/A</c>; dmon repeats the header now and then. Fields used: GPUTL (203, %), POWER (155, W),
/// TMPTR (150, °C), SMCLK (100, MHz), FBUSD (252, MiB), FBTTL (250, MiB); others (SMACT 1002, SMOCC 1003, TENSO 1004, ...)
/// are read and ignored. dmon prints no time stamps: sample k is at the start + k × interval, which the
/// sweep manifest gives (<c>telemetry: [{file, start, intervalMs}]</c>); without them the samples have no time (NaN).
/// </summary>
internal static class DcgmDmon
{
    /// <summary>True when the first non-empty line is dmon's header.</summary>
    public static bool IsHeader(string firstLine) => firstLine.TrimStart().StartsWith("#Entity", StringComparison.Ordinal);

    /// <summary>Parses dmon output.</summary>
    /// <param name="stream">The file; read forward once, not disposed.</param>
    /// <param name="path">Bundle-relative path.</param>
    /// <param name="startMs">Time of the first sample, Unix ms (from the manifest); null when unknown.</param>
    /// <param name="intervalMs">dmon's -d delay in ms (from the manifest; dmon's default is 1000).</param>
    /// <param name="maxLineBytes">Longest accepted line, in bytes.</param>
    public static TelemetryFile Parse(Stream stream, string path, double? startMs, double intervalMs, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var samples = new List<TelemetrySample>();
        var problems = new List<CsvProblem>();
        string[]? fields = null;
        var seen = new HashSet<int>();
        var sample = 0;
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            var number = reader.LineNumber;
            if (tooLong)
            {
                problems.Add(new CsvProblem(number, FindingCatalog.SwpTelParseLineTooLong.Text(maxLineBytes)));
                continue;
            }

            var line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
            var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || tokens[0] == "ID")
            {
                continue;
            }

            if (tokens[0] == "#Entity")
            {
                var header = tokens[1..];
                if (fields is not null && !header.SequenceEqual(fields))
                {
                    var reason = FindingCatalog.SwpTelParseDcgmHeader.Text(string.Join(' ', header), string.Join(' ', fields));
                    problems.Add(new CsvProblem(number, reason));
                }

                fields ??= header;
                continue;
            }

            var (gpu, values) = (0, (Dictionary<string, double?>?)null);
            var problem = fields is null ? FindingCatalog.SwpTelParseDcgmEarlyRow.Text() : Row(fields, tokens, line, out gpu, out values);
            if (problem is not null)
            {
                problems.Add(new CsvProblem(number, problem));
                continue;
            }

            if (!seen.Add(gpu))
            {
                sample++; // the entity repeats: a new sample begins
                seen.Clear();
                seen.Add(gpu);
            }

            double? V(string f) => values!.GetValueOrDefault(f);
            var time = startMs is { } s ? s + (sample * intervalMs) : double.NaN;
            samples.Add(new TelemetrySample(
                number, time, gpu, null, V("GPUTL"), V("FBUSD"), V("FBTTL"), V("SMCLK"), null, V("POWER"), null, V("TMPTR")));
        }

        if (fields is null)
        {
            problems.Add(new CsvProblem(1, FindingCatalog.SwpTelParseDcgmNoHeader.Text()));
        }

        return new TelemetryFile(path, samples, problems);
    }

    /// <summary>One entity row: its GPU and a value (or null for N/A) per header field; the problem when it is not one.</summary>
    private static string? Row(string[] fields, string[] tokens, string line, out int gpu, out Dictionary<string, double?>? values)
    {
        values = null;
        if (tokens.Length < 2 || tokens[0] != "GPU" || !int.TryParse(tokens[1], NumberStyles.None, CultureInfo.InvariantCulture, out gpu))
        {
            gpu = 0;
            return FindingCatalog.SwpTelParseDcgmEntity.Text(Cut(line));
        }

        if (tokens.Length - 2 != fields.Length)
        {
            return FindingCatalog.SwpTelParseDcgmValues.Text(gpu, tokens.Length - 2, fields.Length, string.Join(' ', fields));
        }

        values = new Dictionary<string, double?>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var cell = tokens[i + 2];
            if (cell == "N/A")
            {
                values[fields[i]] = null;
            }
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            {
                values[fields[i]] = v;
            }
            else
            {
                return FindingCatalog.SwpTelParseDcgmValue.Text(fields[i], cell);
            }
        }

        return null;
    }

    private static string Cut(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
