using System.Text.Json;

namespace MlPerfAudit.Core.Training.Logs;

/// <summary>One <c>:::MLLOG</c> record of a training result file.</summary>
/// <param name="Key">The record's key, e.g. <c>run_stop</c>.</param>
/// <param name="Value">The logged value (any JSON), detached from its document.</param>
/// <param name="Metadata">The metadata object (always an object; the parser requires it).</param>
/// <param name="TimeMs">Wall-clock time stamp in milliseconds since the Unix epoch (<c>time_ms</c>).</param>
/// <param name="Line">1-based line number in the file.</param>
internal sealed record TrainingRecord(string Key, JsonElement Value, JsonElement Metadata, double TimeMs, int Line)
{
    /// <summary>Reads a metadata member, when present.</summary>
    public bool TryGetMetadata(string name, out JsonElement value) => Metadata.TryGetProperty(name, out value);
}

/// <summary>A line that carried the <c>:::MLLOG </c> token but could not be read as a record.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Reason">What was wrong, in one sentence.</param>
internal sealed record TrainingLogProblem(int Line, string Reason);

/// <summary>A parsed result file: its records in file order and the lines that failed to parse.</summary>
/// <param name="Path">Bundle-relative path of the file.</param>
/// <param name="Records">Records in file order (never sorted by time: multi-rank logs are not monotonic).</param>
/// <param name="Problems">Lines with the token that could not be parsed.</param>
internal sealed record TrainingLog(string Path, IReadOnlyList<TrainingRecord> Records, IReadOnlyList<TrainingLogProblem> Problems)
{
    /// <summary>First record with <paramref name="key"/>, or null.</summary>
    public TrainingRecord? First(string key)
    {
        foreach (var r in Records)
        {
            if (r.Key == key)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>Last record with <paramref name="key"/>, or null.</summary>
    public TrainingRecord? Last(string key)
    {
        for (var i = Records.Count - 1; i >= 0; i--)
        {
            if (Records[i].Key == key)
            {
                return Records[i];
            }
        }

        return null;
    }
}
