using System.Text.Json;

namespace MlPerfAudit.Core.Text;

/// <summary>A System.Text.Json read error as a finding-style message: its 1-based line first, the JSON path last.</summary>
internal static class JsonErrorText
{
    /// <summary>E.g. <c>line 4: The JSON value could not be converted to System.Int32. (at $.version)</c>.</summary>
    public static string Describe(JsonException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var where = ex.LineNumber is { } l ? $"line {l + 1}" : "the file";
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return $"{where}: {(cut > 0 ? message[..cut] : message)} (at {ex.Path ?? "$"})";
    }
}
