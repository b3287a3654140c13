using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports.Html;

namespace MlPerfAudit.Core.Reports;

/// <summary>
/// A Markdown summary of a report, fit for a pull-request comment or a release checklist (GitHub-flavoured: tables,
/// task lists, &lt;details&gt;). Verdict first, a checklist, the results table, token latencies against limits, then
/// findings grouped by severity with their file and line and the rule they apply. At most
/// <see cref="MaxFindingsPerSeverity"/> findings per severity are listed, so the comment stays under GitHub's size limit.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>Most findings listed per severity; the rest are counted.</summary>
    public const int MaxFindingsPerSeverity = 50;

    /// <summary>Renders the report without signature information.</summary>
    public static string Render(AuditReport report) => Render(report, ReportViewOptions.None);

    /// <summary>Renders the report; <paramref name="options"/> supplies the signature status.</summary>
    public static string Render(AuditReport report, ReportViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var md = new StringBuilder();
        AppendHeader(md, report);
        AppendChecklist(md, report, options.Signature);
        AppendResults(md, report);
        AppendLatencies(md, report);
        AppendPower(md, report);
        AppendTraining(md, report);
        AppendFindings(md, report);
        return md.ToString();
    }

    /// <summary>The verdict heading and the line of rules, bundle, counts and tool.</summary>
    private static void AppendHeader(StringBuilder md, AuditReport report)
    {
        var verdict = report.Results.Count == 0 ? "❌ No result found" : report.AllValid ? "✅ All results valid" : "❌ Problems found";
        md.AppendLine(CultureInfo.InvariantCulture, $"## MLPerf Audit: {verdict}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Rules: {report.Rules.Suite} {report.Rules.Round} · bundle `{Code(report.Bundle.Name)}` (sha256 `{report.Bundle.Sha256}`) · "
                + $"{report.Summary.Valid} valid, {report.Summary.Invalid} invalid · {report.Tool.Name} {report.Tool.Version}");
        md.AppendLine();
    }

    /// <summary>The checklist: every result valid, no submission error, no error finding, the signature.</summary>
    private static void AppendChecklist(StringBuilder md, AuditReport report, SignatureSummary? signature)
    {
        var errors = report.Results.Sum(r => r.Findings.Count(f => f.Severity == Severity.Error))
                     + report.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = report.Results.Sum(r => r.Findings.Count(f => f.Severity == Severity.Warning))
                       + report.Findings.Count(f => f.Severity == Severity.Warning);
        var signatureOk = signature?.Status is SignatureStatus.Verified or SignatureStatus.SignedByThisRun;
        md.AppendLine(CultureInfo.InvariantCulture, $"- [{(report.Results.Count > 0 && report.Summary.Invalid == 0 ? "x" : " ")}] every result valid "
            + $"({report.Summary.Valid}/{report.Results.Count})");
        var noSubmissionError = report.Findings.All(f => f.Severity != Severity.Error);
        md.AppendLine(CultureInfo.InvariantCulture, $"- [{(noSubmissionError ? "x" : " ")}] no submission-level error");
        md.AppendLine(CultureInfo.InvariantCulture, $"- [{(errors == 0 ? "x" : " ")}] no error findings ({errors} error(s), {warnings} warning(s))");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- [{(signatureOk ? "x" : " ")}] signature: "
                + $"{HtmlRenderer.SignatureText(signature)}{(signature?.KeyId is { } k ? $" (key `{k}`)" : string.Empty)} — verify offline as in the "
                + $"README section “{HtmlRenderer.VerifySection}”");
        md.AppendLine();
    }

    /// <summary>The results table with each headline metric and its value per accelerator.</summary>
    private static void AppendResults(StringBuilder md, AuditReport report)
    {
        if (report.Results.Count > 0)
        {
            md.AppendLine("| System | Benchmark | Scenario | Metric | Per accelerator | Verdict |");
            md.AppendLine("|---|---|---|---:|---:|---|");
            foreach (var r in report.Results)
            {
                var metric = r.Metric is { } m ? $"{NumberText.Readable(m.Value, 3)} {m.Unit}" : "–";
                var per = r.Derived.PerAccelerator is { } p ? $"{NumberText.Readable(p, 1)} × {r.Accelerators}" : "–";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(r.System)} | {Cell(r.Benchmark)} | {Cell(r.Scenario)} | {metric} | {per} | "
                        + $"{(r.Verdict == Verdict.Valid ? "valid" : "**invalid**")} |");
            }
        }
    }

    /// <summary>Token latencies against their limits, folded.</summary>
    private static void AppendLatencies(StringBuilder md, AuditReport report)
    {
        var latencies = report.Results.Where(r => r.Latency is not null).ToList();
        if (latencies.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("<details><summary>Token latency against limits (p99, ms)</summary>");
            md.AppendLine();
            md.AppendLine("| Result | TTFT p99 | TTFT limit | TPOT p99 | TPOT limit |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var r in latencies)
            {
                var l = r.Latency!;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(r.System)} {Cell(r.Benchmark)} {Cell(r.Scenario)} | {Ms(l.TimeToFirstTokenP99Ms)} | {Ms(l.TimeToFirstTokenLimitMs)} | "
                        + $"{Ms(l.TimePerOutputTokenP99Ms)} | {Ms(l.TimePerOutputTokenLimitMs)} |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }
    }

    /// <summary>Power and efficiency of the results measured with power, folded.</summary>
    private static void AppendPower(StringBuilder md, AuditReport report)
    {
        var powered = report.Results.Where(r => r.Power is not null).ToList();
        if (powered.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("<details><summary>Power (mean of the analyzer's samples inside the run's power window)</summary>");
            md.AppendLine();
            md.AppendLine("| Result | Power | Efficiency | Samples |");
            md.AppendLine("|---|---:|---:|---|");
            foreach (var r in powered)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(r.System)} {Cell(r.Benchmark)} {Cell(r.Scenario)} | {PowerText.Value(r.Power!)} | {Cell(PowerText.Efficiency(r))} | "
                        + $"{Cell(PowerText.Source(r.Power!))} |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }
    }

    /// <summary>Training run times and scores; dropped runs struck through.</summary>
    private static void AppendTraining(StringBuilder md, AuditReport report)
    {
        var training = report.Results.Where(r => r.Training?.Score is not null).ToList();
        if (training.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| Training result | Runs (min) | Score (min) |");
            md.AppendLine("|---|---|---:|");
            foreach (var r in training)
            {
                var runs = string.Join(", ", r.Training!.Runs.Select(run => run.TimeToTrainMinutes is { } t
                    ? (run.CountedInScore ? NumberText.Readable(t, 2) : $"~~{NumberText.Readable(t, 2)}~~")
                    : "–"));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(r.System)} {Cell(r.Benchmark)} | {runs} | "
                    + $"{NumberText.Readable(r.Training.Score!.ScoreMinutes, 4)} |");
            }
        }
    }

    /// <summary>Findings by severity with file, line and rule, at most <see cref="MaxFindingsPerSeverity"/> each.</summary>
    private static void AppendFindings(StringBuilder md, AuditReport report)
    {
        var problems = report.Results.SelectMany(r => r.Findings.Select(f => (r.Id, Finding: f)))
            .Concat(report.Findings.Select(f => (Id: "(submission)", Finding: f)))
            .ToList();
        foreach (var (severity, heading) in new[] { (Severity.Error, "Errors"), (Severity.Warning, "Warnings") })
        {
            var group = problems.Where(x => x.Finding.Severity == severity).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {heading} ({group.Count})");
            md.AppendLine();
            foreach (var (id, f) in group.Take(MaxFindingsPerSeverity))
            {
                var where = f.File is null ? string.Empty : $" — `{Code(f.File)}"
                    + $"{(f.Line is { } l ? ":" + l.ToString(CultureInfo.InvariantCulture) : string.Empty)}`";
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{f.Code}` {Text(f.Message)} ({Text(id)}){where}");
                if (FindingCatalog.Find(f.Code) is { } definition)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"  <br>Rule: {Text(definition.Rule)}");
                }
            }

            if (group.Count > MaxFindingsPerSeverity)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- … and {group.Count - MaxFindingsPerSeverity} more in report.json");
            }
        }
    }

    private static string Ms(double? value) => value is { } v ? NumberText.Readable(v, 1) : "–";

    /// <summary>Text in a table cell: pipes escaped, markup characters neutralised.</summary>
    private static string Cell(string text) => Text(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Free text: HTML-special characters escaped so a message cannot inject markup into the comment.</summary>
    private static string Text(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Text inside an inline code span: backticks cannot end the span.</summary>
    private static string Code(string text) => text.Replace("`", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
