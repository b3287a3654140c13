using System.Text;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Functions.Auditing;

/// <summary>The human-readable rendering stored beside each report; one seam so the HTML renderer can replace Markdown.</summary>
public interface IReportRendering
{
    /// <summary>Blob file name, e.g. <c>report.md</c>.</summary>
    string FileName { get; }

    /// <summary>MIME type stored with the blob and served by GetReport.</summary>
    string ContentType { get; }

    /// <summary>The rendering's bytes; depends only on the report, so a repeated audit writes the same bytes.</summary>
    byte[] Render(AuditReport report);
}

/// <summary>Markdown (the pull-request table of <see cref="MarkdownRenderer"/>), until the HTML renderer lands.</summary>
public sealed class MarkdownReportRendering : IReportRendering
{
    /// <inheritdoc />
    public string FileName => "report.md";

    /// <inheritdoc />
    public string ContentType => "text/markdown; charset=utf-8";

    /// <inheritdoc />
    public byte[] Render(AuditReport report) => Encoding.UTF8.GetBytes(MarkdownRenderer.Render(report));
}
