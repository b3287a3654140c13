using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Files;
using MlPerfAudit.Local.Signing;
using NodaTime;

namespace MlPerfAudit.Cli.Commands;

/// <summary>The end of <c>check</c>: writes (and signs) report.json, the CSV and the HTML page, prints the summary, and gives the exit
/// code.</summary>
internal static class CheckOutput
{
    public static async Task<int> WriteAsync(CheckRequest request, AuditReport report, CheckInputs inputs, IClock clock, StageTimings timings,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var reportBytes = ReportJson.Serialize(report);
        timings.Mark("serialize");
        var reportPath = Path.Combine(request.OutputFolder, ReportSigning.ReportFileName);
        var (written, signedWith) = await SignedOutput.WriteAsync(
            request.Sign, request.OutputFolder, request.KeyDirectory, ReportSigning.ReportFileName,
            reportBytes, options => ReportSigning.SignAsync(reportBytes, report, options, clock, ct), stderr).ConfigureAwait(false);
        timings.Mark("sign and write");
        if (!written)
        {
            return (int)ExitCode.InputError;
        }

        if (request.CsvPath is { } csvPath)
        {
            AtomicFile.Write(csvPath, System.Text.Encoding.UTF8.GetBytes(OfficialCsv.Render(report)));
        }

        Print(request, report, reportBytes, inputs, signedWith, stdout);
        if (request.Format is "text" or "html")
        {
            stdout.WriteLine(signedWith is null
                ? $"Report: {reportPath} (not signed)"
                : $"Report: {reportPath}, signed in {Path.Combine(request.OutputFolder, ReportSigning.EnvelopeFileName)} (key {signedWith})");
        }

        if (report.Results.Count == 0)
        {
            stderr.WriteLine($"mlperf-audit: {request.Path}: no MLPerf result was found in the bundle.");
            return (int)ExitCode.InputError;
        }

        timings.Mark("write and print");
        return report.AllValid ? (int)ExitCode.Ok : (int)ExitCode.AuditFailed;
    }

    /// <summary>Prints the report in the requested format (html also writes report.html and prints the text summary).</summary>
    private static void Print(CheckRequest request, AuditReport report, byte[] reportBytes, CheckInputs inputs, string? signedWith, TextWriter stdout)
    {
        if (request.Format == "html")
        {
            var htmlPath = ReportPages.WriteHtml(request.OutputFolder, report, signedWith, inputs.Comparisons, inputs.ComparisonSource);
            stdout.Write(TextSummary.Render(report));
            stdout.WriteLine($"HTML: {htmlPath}");
        }

        stdout.Write(request.Format switch
        {
            "json" => System.Text.Encoding.UTF8.GetString(reportBytes),
            "markdown" => MarkdownRenderer.Render(report, ReportPages.Options(signedWith, inputs.Comparisons, inputs.ComparisonSource)),
            "html" => string.Empty,
            _ => TextSummary.Render(report),
        });
        if (request.Format is "text" or "html" && report.Sweep is not null)
        {
            stdout.Write(SweepCheck.Describe(report));
        }
    }
}
