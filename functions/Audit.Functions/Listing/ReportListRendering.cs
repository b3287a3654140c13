using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MlPerfAudit.Functions.Listing;

/// <summary>The listing as JSON (camelCase) for tools, and as a self-contained HTML page for browsers.</summary>
internal static class ReportListRendering
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Json(ReportListPage page) => JsonSerializer.Serialize(page, JsonOptions) + "\n";

    /// <param name="page">The page.</param>
    /// <param name="query">The request, repeated in the next-page link.</param>
    /// <param name="code">The caller's function key when it came in the query string; carried into the next-page link.</param>
    public static string Html(ReportListPage page, ReportListQuery query, string code)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MLPerf Audit reports</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:.3em .8em;")
            .Append("border-bottom:1px solid #ddd;text-align:left}.valid{color:#176b2c}.invalid,.unreadable{color:#a3201a}</style></head><body>\n")
            .Append("<h1>MLPerf Audit reports</h1>\n<p>Finished, signed reports, newest first.")
            .Append(Filters(query)).Append("</p>\n")
            .Append("<table><thead><tr><th>Finished (UTC)</th><th>Submitters</th><th>Round</th><th>Verdict</th><th>Valid</th><th>Invalid</th>")
            .Append("<th>Bundle</th><th>Report</th></tr></thead><tbody>\n");
        foreach (var r in page.Reports)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Finished.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join(", ", r.Submitters))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(r.Suite)} {E(r.Round)}</td><td class=\"{E(r.Verdict)}\">{E(r.Verdict)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{r.Valid}</td><td>{r.Invalid}</td><td>{E(r.Bundle)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"reports/{E(r.Id)}\">{E(r.Id[..12])}…</a></td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (page.Reports.Count == 0)
        {
            html.Append("<p>No finished report matches.</p>\n");
        }

        if (page.ContinuationToken is { } token)
        {
            var next = new List<string>();
            Add(next, "submitter", query.Submitter);
            Add(next, "round", query.Round);
            Add(next, "verdict", query.Verdict);
            Add(next, "pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture));
            Add(next, "continuationToken", token);
            Add(next, "code", code.Length == 0 ? null : code);
            html.Append("<p><a rel=\"next\" href=\"reports?").Append(E(string.Join('&', next))).Append("\">Next page</a></p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Filters(ReportListQuery query)
    {
        var parts = new[] { ("submitter", query.Submitter), ("round", query.Round), ("verdict", query.Verdict) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1} = {E(p.Item2!)}").ToList();
        return parts.Count == 0 ? string.Empty : " Filtered by " + string.Join(", ", parts) + ".";
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
