using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Reports.Html;
using MlPerfAudit.Local.Files;
using MlPerfAudit.Local.Signing;

namespace MlPerfAudit.Cli.Commands;

/// <summary>The human-readable renderings the CLI writes beside report.json.</summary>
internal static class ReportPages
{
    /// <summary>File name of the HTML page beside report.json.</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>View options for a report this run signed with <paramref name="keyId"/> (null: not signed).</summary>
    public static ReportViewOptions Options(string? keyId) => new()
    {
        Signature = keyId is null
            ? new SignatureSummary(SignatureStatus.NotSigned, null, null)
            : new SignatureSummary(SignatureStatus.SignedByThisRun, keyId, ReportSigning.EnvelopeFileName, "signed by mlperf-audit check when this report was written"),
    };

    /// <summary>Writes report.html into <paramref name="folder"/> atomically and returns its path.</summary>
    public static string WriteHtml(string folder, AuditReport report, string? keyId)
    {
        var path = Path.Combine(folder, HtmlFileName);
        AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(HtmlRenderer.Render(report, Options(keyId))));
        return path;
    }
}
