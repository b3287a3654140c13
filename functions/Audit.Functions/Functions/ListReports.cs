using System.Globalization;
using Azure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlPerfAudit.Functions.Listing;

namespace MlPerfAudit.Functions.Functions;

/// <summary>
/// <c>GET api/reports?submitter=&amp;round=&amp;verdict=&amp;pageSize=&amp;continuationToken=</c>, function key (results are embargoed
/// until a round is published): finished reports, newest first, paged; JSON, or an HTML index for a browser (Accept: text/html).
/// </summary>
public sealed class ListReports(ReportIndex index)
{
    /// <summary>Default page size.</summary>
    public const int DefaultPageSize = 100;

    private const int MaxFilterLength = 128;

    /// <summary>Answers one page.</summary>
    [Function(nameof(ListReports))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports")] HttpRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (query, errors) = ReadQuery(req.Query);
        if (errors.Count > 0)
        {
            return HttpAnswers.Answer(req, 400, HttpAnswers.Text, string.Concat(errors.Select(e => e + "\n")));
        }

        ReportListPage page;
        try
        {
            page = await index.ListAsync(query, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 && query.ContinuationToken is not null)
        {
            return HttpAnswers.Answer(req, 400, HttpAnswers.Text, "continuationToken: not a token this listing gave out\n");
        }

        return HttpAnswers.WantsHtml(req)
            ? HttpAnswers.Answer(req, 200, HttpAnswers.Html, ReportListRendering.Html(page, query, req.Query["code"].ToString()))
            : HttpAnswers.Answer(req, 200, HttpAnswers.Json, ReportListRendering.Json(page));
    }

    /// <summary>The query, with every problem listed.</summary>
    internal static (ReportListQuery Query, List<string> Errors) ReadQuery(IQueryCollection values)
    {
        var errors = new List<string>();
        string? Filter(string name)
        {
            var text = values[name].ToString().Trim();
            if (text.Length > MaxFilterLength)
            {
                errors.Add($"{name}: at most {MaxFilterLength} characters");
            }

            return text.Length == 0 ? null : text;
        }

        var verdict = Filter("verdict")?.ToLowerInvariant();
        if (verdict is not null && !ReportIndex.Verdicts.Contains(verdict))
        {
            errors.Add($"verdict: '{verdict}' must be one of {string.Join(", ", ReportIndex.Verdicts)}");
        }

        var pageSize = DefaultPageSize;
        var sizeText = values["pageSize"].ToString();
        if (sizeText.Length > 0
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
                || pageSize is < 1 or > ReportIndex.MaxPageSize))
        {
            errors.Add($"pageSize: '{sizeText}' must be a whole number from 1 to {ReportIndex.MaxPageSize}");
        }

        var token = values["continuationToken"].ToString();
        return (new ReportListQuery(Filter("submitter"), Filter("round"), verdict, token.Length == 0 ? null : token, pageSize), errors);
    }
}
