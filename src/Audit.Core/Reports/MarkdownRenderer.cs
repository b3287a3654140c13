using System.Text;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Reports;

/// <summary>A Markdown summary of a report, fit for a pull-request comment or a release checklist.</summary>
public static class MarkdownRenderer
{
    /// <summary>Renders the report.</summary>
    public static string Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var verdict = report.AllValid ? "✅ All results valid" : "❌ Problems found";
        md.AppendLine($"## MLPerf Audit: {verdict}");
        md.AppendLine();
        md.AppendLine($"Rules: {report.Rules.Suite} {report.Rules.Round} · bundle `{Escape(report.Bundle.Name)}` (sha256 `{report.Bundle.Sha256}`) · {report.Summary.Valid} valid, {report.Summary.Invalid} invalid · {report.Tool.Name} {report.Tool.Version}");
        md.AppendLine();
        md.AppendLine("| Result | Verdict | Metric | Per accelerator | Accelerators |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var r in report.Results)
        {
            var metric = r.Metric is { } m ? $"{NumberText.Readable(m.Value, 3)} {m.Unit}" : "–";
            var per = r.Derived.PerAccelerator is { } p ? NumberText.Readable(p, 1) : "–";
            md.AppendLine($"| `{Escape(r.Id)}` | {(r.Verdict == Verdict.Valid ? "valid" : "**invalid**")} | {metric} | {per} | {r.Accelerators?.ToString() ?? "–"} |");
        }

        var problems = report.Results.SelectMany(r => r.Findings.Select(f => (r.Id, Finding: f)))
            .Concat(report.Findings.Select(f => (Id: "(bundle)", Finding: f)))
            .OrderByDescending(x => x.Finding.Severity)
            .ToList();
        if (problems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("### Findings");
            md.AppendLine();
            foreach (var (id, f) in problems)
            {
                var where = f.File is null ? string.Empty : $" — `{Escape(f.File)}{(f.Line is { } l ? ":" + l : string.Empty)}`";
                md.AppendLine($"- **{(f.Severity == Severity.Error ? "error" : "warning")}** `{f.Code}` {Escape(f.Message)} ({Escape(id)}){where}");
            }
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
