namespace MlPerfAudit.Functions.Auditing;

/// <summary>
/// Where a report lives in the reports container: <c>&lt;id&gt;/report.json</c>, <c>&lt;id&gt;/report.dsse.json</c>,
/// <c>&lt;id&gt;/&lt;rendering&gt;</c>, <c>&lt;id&gt;/published</c>, with id = the bundle's lower-case hex SHA-256.
/// The envelope is written last: a report is finished exactly when its envelope exists.
/// </summary>
public static class ReportNames
{
    /// <summary>The full report.</summary>
    public const string Report = "report.json";

    /// <summary>The DSSE envelope; its presence marks the report finished.</summary>
    public const string Envelope = "report.dsse.json";

    /// <summary>Marker written after ReportPublished went out, so repeated events do not announce again.</summary>
    public const string Published = "published";

    /// <summary>The blob name of a file of report <paramref name="id"/>.</summary>
    public static string Of(string id, string file) => id + "/" + file;

    /// <summary>True when <paramref name="id"/> is 64 lower-case hex characters (nothing else can name a report).</summary>
    public static bool IsReportId(string? id)
        => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
