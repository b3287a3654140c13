using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MlPerfAudit.Functions.Functions;

/// <summary>Answers of the HTTP functions: a body with its media type, never sniffed by browsers.</summary>
internal static class HttpAnswers
{
    public const string Text = "text/plain; charset=utf-8";
    public const string Json = "application/json";
    public const string Html = "text/html; charset=utf-8";

    public static ContentResult Answer(HttpRequest request, int status, string contentType, string body)
    {
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return new ContentResult { StatusCode = status, ContentType = contentType, Content = body };
    }

    /// <summary>True when the client names <c>text/html</c> in Accept with a non-zero quality (a browser).</summary>
    public static bool WantsHtml(HttpRequest request)
        => MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
            && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
