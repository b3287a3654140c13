using Azure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlPerfAudit.Functions.Gating;

namespace MlPerfAudit.Functions.Functions;

/// <summary>
/// <c>POST api/gate</c>, function key: checks the posted claims file (schemas/claims.schema.json) against the published tables
/// and answers the signed gate report; 400 with file and line for a bad file, 413 over the size limit, 503 when the tables
/// cannot be read.
/// </summary>
public sealed class GateClaims(ClaimsGateService service, GateOptions options)
{
    /// <summary>Gates one claims file.</summary>
    [Function(nameof(GateClaims))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "gate")] HttpRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (req.ContentLength > options.MaxClaimsBytes)
        {
            return HttpAnswers.Answer(req, 413, HttpAnswers.Text,
                $"the claims file is {req.ContentLength} bytes; the limit is {options.MaxClaimsBytes}\n");
        }

        // Read at most one byte past the limit, so an unannounced huge body is refused without being buffered.
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await req.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > options.MaxClaimsBytes)
            {
                return HttpAnswers.Answer(req, 413, HttpAnswers.Text, $"the claims file is over the {options.MaxClaimsBytes}-byte limit\n");
            }
        }

        if (body.Length == 0)
        {
            return HttpAnswers.Answer(req, 400, HttpAnswers.Text, "the request body must be a claims file (JSON, schemas/claims.schema.json)\n");
        }

        try
        {
            var answer = await service.RunAsync(body.GetBuffer().AsMemory(0, (int)body.Length), "claims.json", ct).ConfigureAwait(false);
            return HttpAnswers.Answer(req, answer.Status, answer.ContentType, answer.Body);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is RequestFailedException or AggregateException)
        {
            return HttpAnswers.Answer(req, 503, HttpAnswers.Text, $"the published tables cannot be read now: {ex.Message}\n");
        }
    }
}
