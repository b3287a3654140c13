using System.Runtime.CompilerServices;
using System.Text.Json;
using MlPerfAudit.Core.Mllog;

namespace MlPerfAudit.Core.Inference.Logs;

/// <summary>
/// A parsed <c>mlperf_log_detail.txt</c>: the first record of every key (LoadGen's convention),
/// the error and warning records, and the lines that could not be read.
/// </summary>
internal sealed class DetailLog
{
    private readonly Dictionary<string, MllogRecord> _first;

    private DetailLog(string file, Dictionary<string, MllogRecord> first, IReadOnlyList<MllogRecord> errors,
        IReadOnlyList<MllogRecord> warnings, IReadOnlyList<MllogProblem> problems)
    {
        File = file;
        _first = first;
        Errors = errors;
        Warnings = warnings;
        Problems = problems;
    }

    /// <summary>Bundle-relative path of the log.</summary>
    public string File { get; }

    /// <summary>Records flagged <c>metadata.is_error</c>.</summary>
    public IReadOnlyList<MllogRecord> Errors { get; }

    /// <summary>Records flagged <c>metadata.is_warning</c>.</summary>
    public IReadOnlyList<MllogRecord> Warnings { get; }

    /// <summary>Lines with the :::MLLOG prefix that could not be parsed.</summary>
    public IReadOnlyList<MllogProblem> Problems { get; }

    /// <summary>
    /// LoadGen's error count: the value of <c>num_errors</c> when logged, otherwise the number of
    /// records flagged as errors (the official log parser's rule).
    /// </summary>
    public long ErrorCount => _first.TryGetValue("num_errors", out var n) && n.ElidedArrayBytes == 0
        && n.Value.ValueKind == JsonValueKind.Number && n.Value.TryGetInt64(out var count)
            ? count
            : Errors.Count;

    /// <summary>Reads a detail log. Never throws on content; unreadable lines become <see cref="Problems"/>.</summary>
    /// <param name="stream">The log bytes.</param>
    /// <param name="file">Bundle-relative path, for findings.</param>
    /// <param name="maxLineBytes">Longest accepted line in bytes.</param>
    public static DetailLog Read(Stream stream, string file, int maxLineBytes)
    {
        var first = new Dictionary<string, MllogRecord>(StringComparer.Ordinal);
        var errors = new List<MllogRecord>();
        var warnings = new List<MllogRecord>();
        var problems = MllogReader.Read(stream, maxLineBytes, tokenAnywhere: false, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (record) =>
        {
            first.TryAdd(record.Key, record);
            if (record.IsError)
            {
                errors.Add(record);
            }

            if (record.IsWarning)
            {
                warnings.Add(record);
            }
        });
        return new DetailLog(file, first, errors, warnings, problems);
    }

    /// <summary>The first record with this key, or null.</summary>
    public MllogRecord? Find(string key) => _first.GetValueOrDefault(key);

    /// <summary>True when the key was logged.</summary>
    public bool Has(string key) => _first.ContainsKey(key);

    /// <summary>Reads a key as a finite number (JSON number).</summary>
    public LogValue<double> ReadNumber(string key) => Get(key, "a finite number", static (JsonElement v, out double d) =>
    {
        d = 0;
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out d) && double.IsFinite(d);
    });

    /// <summary>Reads a key as an unsigned 64-bit integer (seeds exceed <see cref="long.MaxValue"/>).</summary>
    public LogValue<ulong> ReadUnsigned(string key) => Get(key, "an unsigned integer", static (JsonElement v, out ulong u) =>
    {
        u = 0;
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out u);
    });

    /// <summary>Reads a key as a signed 64-bit integer.</summary>
    public LogValue<long> ReadInteger(string key) => Get(key, "an integer", static (JsonElement v, out long l) =>
    {
        l = 0;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out l);
    });

    /// <summary>Reads a key as a boolean.</summary>
    public LogValue<bool> ReadFlag(string key) => Get(key, "true or false", static (JsonElement v, out bool b) =>
        (b = v.ValueKind == JsonValueKind.True) || v.ValueKind == JsonValueKind.False);

    /// <summary>Reads a key as a string.</summary>
    public LogValue<string> ReadText(string key) => Get(key, "a string", static (JsonElement v, out string s) =>
    {
        s = v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        return v.ValueKind == JsonValueKind.String;
    });

    private delegate bool Converter<T>(JsonElement value, out T result);

    private LogValue<T> Get<T>(string key, string expected, Converter<T> convert)
        where T : notnull
    {
        if (!_first.TryGetValue(key, out var record))
        {
            return LogValue<T>.Missing(key);
        }

        return record.ElidedArrayBytes == 0 && convert(record.Value, out var value)
            ? LogValue<T>.Found(key, value, record.Line)
            : LogValue<T>.WrongType(key, record.Line, $"{key} is {MllogReader.Describe(record)}, expected {expected}");
    }
}

/// <summary>A typed read of one detail-log key: the value and its line, or why there is none.</summary>
/// <typeparam name="T">Value type.</typeparam>
internal readonly record struct LogValue<T>(string Key, T? Value, int? Line, LogValueState State, string? Problem)
    where T : notnull
{
    /// <summary>True when the key was present with the expected type.</summary>
    public bool Ok => State == LogValueState.Found;

    internal static LogValue<T> Found(string key, T value, int line) => new(key, value, line, LogValueState.Found, null);

    internal static LogValue<T> Missing(string key) => new(key, default, null, LogValueState.Missing, $"{key} is not in the log");

    internal static LogValue<T> WrongType(string key, int line, string problem) => new(key, default, line, LogValueState.WrongType, problem);
}

/// <summary>Outcome of reading a key.</summary>
internal enum LogValueState
{
    /// <summary>Present with the expected type.</summary>
    Found = 1,

    /// <summary>Not logged.</summary>
    Missing = 2,

    /// <summary>Logged with another JSON type.</summary>
    WrongType = 3,
}
