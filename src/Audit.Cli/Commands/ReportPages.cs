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
    public static ReportViewOptions Options(string? keyId, IReadOnlyList<ComparisonPoint>? comparisons = null, string? source = null) => new()
    {
        Comparisons = comparisons ?? [],
        ComparisonSource = source,
        Signature = keyId is null
            ? new SignatureSummary(SignatureStatus.NotSigned, null, null)
            : new SignatureSummary(SignatureStatus.SignedByThisRun, keyId, ReportSigning.EnvelopeFileName, "signed by mlperf-audit check when this "
                + "report was written"),
    };

    /// <summary>Writes report.html into <paramref name="folder"/> atomically and returns its path.</summary>
    public static string WriteHtml(
        string folder, AuditReport report, string? keyId, IReadOnlyList<ComparisonPoint>? comparisons = null, string? source = null)
    {
        var path = Path.Combine(folder, HtmlFileName);
        AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(HtmlRenderer.Render(report, Options(keyId, comparisons, source))));
        return path;
    }
}

/// <summary>The --baselines option shared by check and render: published tables to plot beside the audited results.</summary>
internal static class BaselinesOption
{
    public static System.CommandLine.Option<string[]> Create() => new("--baselines")
    {
        Description = "Published results tables (summary_results.json) to compare with in the HTML and Markdown pages.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Loads the tables; null (after writing every problem to stderr) when one cannot be read.</summary>
    public static IReadOnlyList<ComparisonPoint>? Load(IReadOnlyList<string> paths, TextWriter stderr)
    {
        var rows = Local.Baselines.BaselineFiles.Load(paths, out var errors);
        foreach (var error in errors)
        {
            stderr.WriteLine($"mlperf-audit: {error}");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        foreach (var table in Core.Baselines.PublishedUnitCheck.Check(rows).Findings.GroupBy(f => f.File))
        {
            stderr.WriteLine($"mlperf-audit: warning: {table.Key}: {table.Count()} row(s) give a unit other than their metric's (INF-CONS-008, first "
                + $"at line {table.First().Line}); `mlperf-audit baselines check` lists them. Charts use the metric's unit.");
        }

        return PublishedComparisons.From(rows);
    }
}
