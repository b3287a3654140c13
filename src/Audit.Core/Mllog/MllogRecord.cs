using System.Text.Json;

namespace MlPerfAudit.Core.Mllog;

/// <summary>One <c>:::MLLOG</c> record. The value is kept as its raw JSON bytes and parsed on first use,
/// so the megabyte-long arrays some logs carry (<c>loaded_qsl_set</c>) cost a copy, not a DOM.</summary>
/// <param name="Key">The record's key, e.g. <c>result_tokens_per_second</c>.</param>
/// <param name="RawValue">The value's JSON text (UTF-8), already validated.</param>
/// <param name="Line">1-based line in the log file.</param>
/// <param name="TimeMs">Time stamp in milliseconds as logged (<c>time_ms</c>), when present.</param>
/// <param name="IsError">metadata.is_error.</param>
/// <param name="IsWarning">metadata.is_warning.</param>
/// <param name="RawMetadata">The metadata object's JSON text for error and warning records; empty otherwise.</param>
internal sealed record MllogRecord(
    string Key, ReadOnlyMemory<byte> RawValue, int Line, double? TimeMs, bool IsError, bool IsWarning, ReadOnlyMemory<byte> RawMetadata)
{
    /// <summary>Integer arrays longer than this (bytes of JSON text) are validated but not kept.</summary>
    public const int MaxKeptArrayBytes = 1024;

    /// <summary>The metadata object (parsed on use), when present (training logs carry status, epoch_num, ...).</summary>
    public JsonElement? Metadata
    {
        get
        {
            if (RawMetadata.IsEmpty)
            {
                return null;
            }

            using var document = JsonDocument.Parse(RawMetadata);
            return document.RootElement.Clone();
        }
    }

    private JsonElement? _value;

    /// <summary>
    /// Size in bytes of an integer array that was validated and not kept (see <see cref="MaxKeptArrayBytes"/>);
    /// 0 when the value is kept. No rule reads such values (LoadGen's loaded_qsl_set).
    /// </summary>
    public int ElidedArrayBytes { get; init; }

    /// <summary>The value as a JSON element (parsed once, on first use).</summary>
    /// <exception cref="InvalidOperationException">The value was an elided integer array.</exception>
    public JsonElement Value
    {
        get
        {
            if (ElidedArrayBytes > 0)
            {
                throw new InvalidOperationException($"'{Key}' is an integer array of {ElidedArrayBytes} bytes that was checked but not kept.");
            }

            if (_value is null)
            {
                using var document = JsonDocument.Parse(RawValue);
                _value = document.RootElement.Clone();
            }

            return _value.Value;
        }
    }
}

/// <summary>A line that carried the <c>:::MLLOG</c> token but could not be read.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Reason">What was wrong, e.g. the JSON error and byte position.</param>
/// <param name="LineTooLong">True when the line exceeded the line-length limit and was not read.</param>
internal sealed record MllogProblem(int Line, string Reason, bool LineTooLong = false);
