namespace MlPerfAudit.Core.Findings;

/// <summary>One rule violation or observation, as data. Codes come from <see cref="FindingCatalog"/>
/// and are never reused; <see cref="Message"/> is one plain sentence with the values involved.</summary>
/// <param name="Code">Stable code, e.g. <c>INF-LAT-001</c>.</param>
/// <param name="Severity">Error (invalidates the result) or warning.</param>
/// <param name="Message">One sentence for a person, with the measured value and the limit.</param>
/// <param name="File">Bundle-relative path of the file the finding came from, when there is one.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, when the finding points at a line.</param>
public sealed record Finding(string Code, Severity Severity, string Message, string? File, int? Line)
{
    /// <summary>Builds a finding whose code and severity come from the catalogue.</summary>
    public static Finding Of(FindingDefinition definition, string message, string? file = null, int? line = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new Finding(definition.Code, definition.Severity, message, file, line);
    }
}
