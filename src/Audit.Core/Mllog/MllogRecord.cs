using System.Text.Json;

namespace MlPerfAudit.Core.Mllog;

/// <summary>One <c>:::MLLOG</c> record.</summary>
/// <param name="Key">The record's key, e.g. <c>result_tokens_per_second</c>.</param>
/// <param name="Value">The value, detached from the document it was parsed from.</param>
/// <param name="Line">1-based line in the log file.</param>
/// <param name="TimeMs">Time stamp in milliseconds as logged (<c>time_ms</c>), when present.</param>
/// <param name="IsError">metadata.is_error.</param>
/// <param name="IsWarning">metadata.is_warning.</param>
/// <param name="Metadata">The metadata object, when present (training logs carry status, epoch_num, ...).</param>
public sealed record MllogRecord(string Key, JsonElement Value, int Line, double? TimeMs, bool IsError, bool IsWarning, JsonElement? Metadata);

/// <summary>A line that carried the <c>:::MLLOG</c> token but could not be read.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Reason">What was wrong, e.g. the JSON error and byte position.</param>
public sealed record MllogProblem(int Line, string Reason);
