using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Inference.Logs;

/// <summary>
/// What <c>accuracy.txt</c> says: every value found for each metric pattern, with its line, and the
/// <c>hash=</c> line the truncation tool appends. The file is free text written by the reference
/// evaluation scripts; values are found by the round's metric patterns, as the official checker does.
/// </summary>
internal sealed partial record AccuracyText(IReadOnlyDictionary<string, IReadOnlyList<AccuracyValue>> Values, string? Hash, int? HashLine)
{
    /// <summary>Scans accuracy.txt.</summary>
    /// <param name="stream">File bytes (UTF-8).</param>
    /// <param name="patterns">Metric name → regex with a named group <c>v</c> holding the number.</param>
    /// <param name="maxLineBytes">Longest accepted line in bytes; longer lines are skipped.</param>
    public static AccuracyText Read(Stream stream, IReadOnlyDictionary<string, Regex> patterns, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var values = patterns.Keys.ToDictionary(k => k, _ => new List<AccuracyValue>(), StringComparer.Ordinal);
        string? hash = null;
        int? hashLine = null;
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            if (tooLong)
            {
                continue;
            }

            var line = Encoding.UTF8.GetString(bytes);
            foreach (var (metric, regex) in patterns)
            {
                var match = regex.Match(line);
                if (match.Success && double.TryParse(match.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[metric].Add(new AccuracyValue(value, match.Groups["v"].Value, reader.LineNumber));
                }
            }

            var h = HashPattern().Match(line);
            if (h.Success && hash is null)
            {
                hash = h.Groups["h"].Value;
                hashLine = reader.LineNumber;
            }
        }

        var read = values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<AccuracyValue>)kv.Value, StringComparer.Ordinal);
        return new AccuracyText(read, hash, hashLine);
    }

    [GeneratedRegex("^hash=(?<h>[A-Za-z0-9_]+)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HashPattern();
}

/// <summary>One metric value found in accuracy.txt.</summary>
/// <param name="Value">The number.</param>
/// <param name="Text">The number as written (kept for the CSV's accuracy column).</param>
/// <param name="Line">1-based line.</param>
internal sealed record AccuracyValue(double Value, string Text, int Line);
