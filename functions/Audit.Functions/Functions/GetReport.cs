using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Functions.Auditing;

namespace MlPerfAudit.Functions.Functions;

/// <summary>
/// <c>GET api/reports/{id}/{part?}</c>, anonymous: a finished report by id (the bundle's SHA-256, known only to whoever has
/// the bundle). No part: <c>report.json</c>, or the HTML rendering for a browser (Accept: text/html); parts <c>report</c>,
/// <c>envelope</c>, <c>rendering</c>. Only 64 lower-case hex characters name a report, so no other blob can be reached.
/// </summary>
public sealed class GetReport(AuditEnvironment env)
{
    /// <summary>Answers one report part.</summary>
    [Function(nameof(GetReport))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{id}/{part?}")] HttpRequest req,
        string id,
        string? part,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!ReportNames.IsReportId(id))
        {
            return HttpAnswers.Answer(req, 400, HttpAnswers.Text, "report ids are the 64 lower-case hex characters of the bundle's SHA-256\n");
        }

        if (part is not null && part is not ("envelope" or "report" or "rendering"))
        {
            return HttpAnswers.Answer(req, 404, HttpAnswers.Text, "parts are: report, envelope, rendering\n");
        }

        // Finished means signed: the envelope is written last, so without it there is no report to show.
        var envelopeBlob = env.Reports.GetBlobClient(ReportNames.Of(id, ReportNames.Envelope));
        var envelope = await BlobWrites.ReadIfExistsAsync(envelopeBlob, ct).ConfigureAwait(false);
        if (envelope is null)
        {
            return HttpAnswers.Answer(req, 404, HttpAnswers.Text, $"no finished report {id}\n");
        }

        if (part == "envelope")
        {
            return HttpAnswers.Answer(req, 200, HttpAnswers.Json, envelope.ToString());
        }

        var wantsRendering = part == "rendering" || (part is null && HttpAnswers.WantsHtml(req));
        var file = wantsRendering ? env.Rendering.FileName : ReportNames.Report;
        var content = await BlobWrites.ReadIfExistsAsync(env.Reports.GetBlobClient(ReportNames.Of(id, file)), ct).ConfigureAwait(false);
        return content is null
            ? HttpAnswers.Answer(req, 404, HttpAnswers.Text, $"no {file} for report {id}\n")
            : HttpAnswers.Answer(req, 200, wantsRendering ? env.Rendering.ContentType : HttpAnswers.Json, content.ToString());
    }
}
