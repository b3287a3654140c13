using System.Text;

namespace MlPerfAudit.Core.Reports;

/// <summary>The short terminal summary of a report: one line per result, then the report-level findings.</summary>
public static class TextSummary
{
    /// <summary>Renders the summary.</summary>
    /// <param name="report">The report.</param>
    /// <param name="findingsPerResult">How many findings to list under each invalid result.</param>
    public static string Render(AuditReport report, int findingsPerResult = 5)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine($"MLPerf Audit {report.Tool.Version} · {report.Rules.Suite} {report.Rules.Round} · {report.Bundle.Name} (sha256 "
            + $"{report.Bundle.Sha256[..12]}…)");
        foreach (var result in report.Results)
        {
            var verdict = result.Verdict == Verdict.Valid ? "VALID  " : "INVALID";
            var metric = result.Metric is { } m ? $"{NumberText.Readable(m.Value, 3)} {m.Unit}" : "no metric";
            var perAccelerator = result.Derived.PerAccelerator is { } p && result.Metric is { } u
                ? $" ({NumberText.Readable(p, 1)} {u.Unit} per accelerator × {result.Accelerators})"
                : string.Empty;
            var power = result.Power is { } w
                ? $", power {NumberText.Readable(w.Value, 3)} {(w.Unit == "Watts" ? "W" : "mJ per query")} from {w.Samples} samples"
                : string.Empty;
            text.AppendLine($"  {verdict} {result.Id}: {metric}{perAccelerator}{power}");
            foreach (var finding in result.Findings.Where(f => f.Severity == Findings.Severity.Error).Take(findingsPerResult))
            {
                text.AppendLine($"           {finding.Code} {finding.Message}{Where(finding)}");
            }
        }

        foreach (var finding in report.Findings)
        {
            text.AppendLine($"  {finding.Severity.ToString().ToUpperInvariant()} {finding.Code} {finding.Message}{Where(finding)}");
        }

        text.AppendLine($"{report.Summary.Valid} valid, {report.Summary.Invalid} invalid.");
        return text.ToString();
    }

    private static string Where(Findings.Finding finding)
        => finding.File is null ? string.Empty : finding.Line is { } line ? $" [{finding.File}:{line}]" : $" [{finding.File}]";
}
