using System.Text;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Inference.Logs;

/// <summary>
/// A parsed <c>mlperf_log_summary.txt</c>: LoadGen's human-readable summary. Each <c>key : value</c> line
/// (split at the first colon, both sides trimmed) becomes an <see cref="SummaryEntry"/> with its 1-based line;
/// banners, blank lines and free text are skipped. Strict: a line that is not valid UTF-8, holds a NUL byte or
/// is longer than the limit becomes a <see cref="Problems"/> entry instead of an entry.
/// </summary>
internal sealed class SummaryLog
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SummaryLog(string file, IReadOnlyList<SummaryEntry> entries, IReadOnlyList<SummaryProblem> problems)
    {
        File = file;
        Entries = entries;
        Problems = problems;
    }

    /// <summary>Bundle-relative path of the log.</summary>
    public string File { get; }

    /// <summary>Every <c>key : value</c> line, in file order (a key may repeat: LoadGen prints some twice).</summary>
    public IReadOnlyList<SummaryEntry> Entries { get; }

    /// <summary>Lines that could not be read.</summary>
    public IReadOnlyList<SummaryProblem> Problems { get; }

    /// <summary>The first entry with this key (compared ordinally after trimming), or null.</summary>
    public SummaryEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Reads a summary log. Never throws on content.</summary>
    /// <param name="stream">The log bytes; not disposed.</param>
    /// <param name="file">Bundle-relative path, for findings.</param>
    /// <param name="maxLineBytes">Longest accepted line in bytes.</param>
    public static SummaryLog Read(Stream stream, string file, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var entries = new List<SummaryEntry>();
        var problems = new List<SummaryProblem>();
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            var line = reader.LineNumber;
            if (tooLong)
            {
                problems.Add(new SummaryProblem(line, $"the line is longer than {maxLineBytes} bytes", LineTooLong: true));
                continue;
            }

            if (bytes.IndexOf((byte)0) >= 0)
            {
                problems.Add(new SummaryProblem(line, "the line holds a NUL byte"));
                continue;
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                problems.Add(new SummaryProblem(line, "the line is not valid UTF-8"));
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = text[..colon].Trim();
            var value = text[(colon + 1)..].Trim();
            if (key.Length > 0 && value.Length > 0)
            {
                entries.Add(new SummaryEntry(key, value, line));
            }
        }

        return new SummaryLog(file, entries, problems);
    }
}

/// <summary>One <c>key : value</c> line of a summary log.</summary>
/// <param name="Key">Text before the first colon, trimmed.</param>
/// <param name="Value">Text after it, trimmed.</param>
/// <param name="Line">1-based line.</param>
internal sealed record SummaryEntry(string Key, string Value, int Line);

/// <summary>A summary-log line that could not be read.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Reason">Why, in a few words.</param>
/// <param name="LineTooLong">True when the line exceeded <see cref="Bundles.BundleLimits.MaxLineBytes"/>.</param>
internal sealed record SummaryProblem(int Line, string Reason, bool LineTooLong = false);
