using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;
using NodaTime;
using NodaTime.Text;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// One row of <c>nvidia-smi --query-gpu=... --format=csv</c>: one GPU at one time. Values are null when the column is absent or the
/// cell is <c>[N/A]</c>/<c>[Not Supported]</c>.
/// </summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="TimeMs">Time stamp in Unix milliseconds (UTC after the configured offset).</param>
/// <param name="Gpu">index (0 when the column is absent).</param>
/// <param name="Name">name, e.g. <c>NVIDIA H200</c>.</param>
/// <param name="UtilizationPercent">utilization.gpu, in %.</param>
/// <param name="MemoryUsedMiB">memory.used, in MiB.</param>
/// <param name="MemoryTotalMiB">memory.total, in MiB.</param>
/// <param name="SmClockMhz">clocks.sm (clocks.current.sm), in MHz.</param>
/// <param name="MaxSmClockMhz">clocks.max.sm, in MHz.</param>
/// <param name="PowerWatts">power.draw, in W.</param>
/// <param name="PowerLimitWatts">power.limit (or enforced.power.limit), in W.</param>
/// <param name="TemperatureC">temperature.gpu, in °C.</param>
internal sealed record TelemetrySample(int Line, double TimeMs, int Gpu, string? Name, double? UtilizationPercent, double? MemoryUsedMiB,
    double? MemoryTotalMiB, double? SmClockMhz, double? MaxSmClockMhz, double? PowerWatts, double? PowerLimitWatts, double? TemperatureC);

/// <summary>A parse problem of a CSV file: its line and what was wrong.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Reason">One sentence.</param>
internal sealed record CsvProblem(int Line, string Reason);

/// <summary>A parsed telemetry file.</summary>
/// <param name="Path">Bundle-relative path.</param>
/// <param name="Samples">Rows read, in file order.</param>
/// <param name="Problems">Rows that could not be read.</param>
internal sealed record TelemetryFile(string Path, IReadOnlyList<TelemetrySample> Samples, IReadOnlyList<CsvProblem> Problems);

/// <summary>GPU limits from a one-row nvidia-smi query (<c>--query-gpu=name,clocks.max.sm,power.limit,memory.total --format=csv</c>).</summary>
/// <param name="Line">1-based line of the values.</param>
/// <param name="Name">name, when queried.</param>
/// <param name="MaxSmClockMhz">clocks.max.sm, in MHz.</param>
/// <param name="PowerLimitWatts">power.limit, in W.</param>
/// <param name="MemoryTotalMiB">memory.total, in MiB.</param>
internal sealed record GpuLimits(int Line, string? Name, double? MaxSmClockMhz, double? PowerLimitWatts, double? MemoryTotalMiB);

/// <summary>
/// Reads the standard <c>nvidia-smi --query-gpu=... --format=csv</c> output strictly: a header of
/// <c>field [unit]</c> names, then one row per GPU and sample with the same number of cells, each a number
/// optionally followed by the header's unit (<c>76.73 W</c>; <c>nounits</c> output has none), or <c>[N/A]</c>.
/// The <c>timestamp</c> column is nvidia-smi's <c>yyyy/MM/dd HH:mm:ss.fff</c> in the machine's local time.
/// Columns the audit does not use are read and ignored. Every bad row is a <see cref="CsvProblem"/> with its line.
/// </summary>
internal static class NvidiaSmiCsv
{
    private static readonly LocalDateTimePattern Timestamp = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'/'MM'/'dd HH':'mm':'ss.FFF");

    /// <summary>True when the header line looks like nvidia-smi CSV telemetry (has timestamp and a GPU metric).</summary>
    public static bool IsTelemetryHeader(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var names = header.Split(',').Select(c => Field(c).Name).ToList();
        return names.Contains("timestamp") && names.Any(n => n is "utilization.gpu" or "clocks.sm" or "power.draw" or "memory.used");
    }

    /// <summary>Parses a telemetry file.</summary>
    /// <param name="stream">The file's bytes; read forward once, not disposed.</param>
    /// <param name="path">Bundle-relative path.</param>
    /// <param name="utcOffsetMinutes">Minutes added to each time stamp to get UTC.</param>
    /// <param name="maxLineBytes">Longest accepted line, in bytes.</param>
    public static TelemetryFile Parse(Stream stream, string path, int utcOffsetMinutes, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(path);
        var samples = new List<TelemetrySample>();
        var problems = new List<CsvProblem>();
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        (string Name, string? Unit)[]? header = null;
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            if (tooLong)
            {
                problems.Add(new CsvProblem(reader.LineNumber, FindingCatalog.SwpTelParseLineTooLong.Text(maxLineBytes)));
                continue;
            }

            var line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (header is null)
            {
                header = [.. cells.Select(Field)];
                if (!header.Any(h => h.Name == "timestamp"))
                {
                    problems.Add(new CsvProblem(reader.LineNumber, FindingCatalog.SwpTelParseCsvNoTimestamp.Text()));
                    return new TelemetryFile(path, samples, problems);
                }

                continue;
            }

            if (cells.Length != header.Length)
            {
                problems.Add(new CsvProblem(reader.LineNumber, FindingCatalog.SwpTelParseCsvCells.Text(cells.Length, header.Length)));
                continue;
            }

            var row = ReadRow(header, cells, reader.LineNumber, utcOffsetMinutes, out var reason);
            if (row is null)
            {
                problems.Add(new CsvProblem(reader.LineNumber, reason));
                continue;
            }

            samples.Add(row);
        }

        if (header is null)
        {
            problems.Add(new CsvProblem(1, FindingCatalog.SwpTelParseCsvEmpty.Text()));
        }

        return new TelemetryFile(path, samples, problems);
    }

    /// <summary>
    /// Finds a one-row nvidia-smi query with clocks.max.sm or power.limit in a text file (such as environment.txt); null when there is
    /// none.
    /// </summary>
    public static GpuLimits? FindLimits(Stream stream, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        (string Name, string? Unit)[]? header = null;
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            if (tooLong)
            {
                continue;
            }

            var cells = Encoding.UTF8.GetString(bytes).TrimEnd('\r').Split(',');
            if (header is not null && cells.Length == header.Length)
            {
                double? Get(string name)
                {
                    var i = Array.FindIndex(header, h => h.Name == name);
                    return i >= 0 && TryNumber(cells[i], header[i].Unit, out var v, out _) ? v : null;
                }

                var n = Array.FindIndex(header, h => h.Name == "name");
                return new GpuLimits(reader.LineNumber, n >= 0 ? cells[n].Trim() : null, Get("clocks.max.sm"),
                    Get("power.limit") ?? Get("enforced.power.limit"), Get("memory.total"));
            }

            var fields = cells.Select(Field).ToArray();
            header = fields.Any(f => f.Name is "clocks.max.sm" or "power.limit" or "enforced.power.limit") ? fields : null;
        }

        return null;
    }

    private static TelemetrySample? ReadRow((string Name, string? Unit)[] header, string[] cells, int line, int offsetMinutes, out string reason)
    {
        reason = string.Empty;
        double timeMs = 0;
        var gpu = 0;
        string? name = null;
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var (field, unit) = header[i];
            var cell = cells[i].Trim();
            switch (field)
            {
                case "timestamp":
                    var parsed = Timestamp.Parse(cell);
                    if (!parsed.Success)
                    {
                        reason = FindingCatalog.SwpTelParseCsvTimestamp.Text(cell);
                        return null;
                    }

                    var ticks = parsed.Value.InUtc().ToInstant().ToUnixTimeTicks();
                    timeMs = (ticks / (double)NodaConstants.TicksPerMillisecond) + (offsetMinutes * 60_000.0);
                    break;
                case "index":
                    if (!int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out gpu))
                    {
                        reason = FindingCatalog.SwpTelParseCsvIndex.Text(cell);
                        return null;
                    }

                    break;
                case "name":
                    name = cell;
                    break;
                case "utilization.gpu" or "memory.used" or "memory.total" or "clocks.sm" or "clocks.max.sm" or "power.draw" or "power.limit"
                    or "enforced.power.limit" or "temperature.gpu":
                    if (!TryNumber(cell, unit, out var value, out var why))
                    {
                        reason = FindingCatalog.SwpTelParseCsvField.Text(field, why);
                        return null;
                    }

                    values[field] = value;
                    break;
                default:
                    break; // other nvidia-smi fields are allowed and not used
            }
        }

        double? V(string f) => values.GetValueOrDefault(f);
        return new TelemetrySample(line, timeMs, gpu, name, V("utilization.gpu"), V("memory.used"), V("memory.total"), V("clocks.sm"),
            V("clocks.max.sm"), V("power.draw"), V("power.limit") ?? V("enforced.power.limit"), V("temperature.gpu"));
    }

    /// <summary>A cell: a finite number with the header's unit or none; null for nvidia-smi's not-available markers.</summary>
    internal static bool TryNumber(string cell, string? unit, out double? value, out string reason)
    {
        value = null;
        reason = string.Empty;
        var text = cell.Trim();
        if (text is "[N/A]" or "N/A" or "[Not Supported]" or "[Unknown Error]" or "[GPU requires reset]")
        {
            return true;
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var number = space < 0 ? text : text[..space];
        var cellUnit = space < 0 ? null : text[(space + 1)..].Trim();
        if (cellUnit is not null && !string.Equals(cellUnit, unit, StringComparison.Ordinal))
        {
            reason = FindingCatalog.SwpTelParseCsvUnit.Text(text, cellUnit, unit ?? "none");
            return false;
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            reason = FindingCatalog.SwpTelParseCsvNumber.Text(text);
            return false;
        }

        value = v;
        return true;
    }

    /// <summary>A header cell <c>name [unit]</c>, with nvidia-smi's printed aliases mapped to the query names.</summary>
    private static (string Name, string? Unit) Field(string header)
    {
        var text = header.Trim();
        string? unit = null;
        var open = text.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0 && text.EndsWith(']'))
        {
            unit = text[(open + 1)..^1].Trim();
            text = text[..open].Trim();
        }

        var name = text switch
        {
            "clocks.current.sm" => "clocks.sm",
            "clocks.current.memory" => "clocks.mem",
            "clocks.max.sm" or "clocks.max.sm_clock" => "clocks.max.sm",
            _ => text,
        };
        return (name, unit);
    }
}
