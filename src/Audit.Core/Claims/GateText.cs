using System.Text;

namespace MlPerfAudit.Core.Claims;

/// <summary>Renders a gate report for people: a text summary for the terminal, or a Markdown table for a pull request.</summary>
public static class GateText
{
    /// <summary>One line per claim (verdict, id, stated vs recomputed), then its findings and provenance.</summary>
    public static string Render(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append($"MLPerf Audit {report.Tool.Version} · claims gate {report.Policy.Round} · ")
            .Append($"{report.Claims.Name} (sha256 {report.Claims.Sha256[..12]}…)\n");
        foreach (var r in report.Results)
        {
            var recomputed = r.Recomputed is { } v ? ClaimGate.Fmt(v) : "n/a";
            text.Append($"  {r.Verdict.ToString().ToUpperInvariant(),-6} {r.Id}: ")
                .Append($"stated {ClaimGate.Fmt(r.Stated)} {r.Unit}, evidence {recomputed} {r.Unit}\n");
            if (r.Formula is not null)
            {
                text.Append($"         = {r.Formula}\n");
            }

            foreach (var f in r.Findings)
            {
                var at = f.File is null ? string.Empty : $" [{f.File}{(f.Line is null ? string.Empty : ":" + f.Line)}]";
                text.Append($"         {f.Code} {f.Message}{at}\n");
            }

            foreach (var p in r.Provenance)
            {
                var scenario = p.Scenario.Length > 0 ? " " + p.Scenario : string.Empty;
                var line = p.Line is null ? string.Empty : ":" + p.Line;
                text.Append($"         from {p.Kind} {p.ResultId ?? p.Result} {p.Benchmark}{scenario}: ")
                    .Append($"{ClaimGate.Fmt(p.Value)} {p.Unit} [{p.File}{line}]\n");
            }
        }

        foreach (var table in report.Baselines.Where(b => b.UnitMismatches > 0))
        {
            text.Append($"  table {table.Source}: {table.UnitMismatches} row(s) give a unit other than their metric's ")
                .Append("(INF-CONS-008; mlperf-audit baselines check lists them)\n");
        }

        text.Append($"{report.Summary.Pass} pass, {report.Summary.Warn} warn, {report.Summary.Block} block.\n");
        return text.ToString();
    }

    /// <summary>A Markdown table: claim, verdict, stated, recomputed, codes.</summary>
    public static string RenderMarkdown(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append($"### Claims gate: {report.Summary.Pass} pass, {report.Summary.Warn} warn, {report.Summary.Block} block\n\n");
        text.Append("| Claim | Verdict | Stated | Evidence | Codes |\n|---|---|---|---|---|\n");
        foreach (var r in report.Results)
        {
            var codes = string.Join(", ", r.Findings.Select(f => f.Code).Distinct());
            var evidence = r.Recomputed is { } v ? ClaimGate.Fmt(v) : "n/a";
            text.Append($"| {Escape(r.Text)} | {r.Verdict.ToString().ToLowerInvariant()} | {ClaimGate.Fmt(r.Stated)} {Escape(r.Unit)} | ")
                .Append($"{evidence} {Escape(r.Unit)} | {codes} |\n");
        }

        return text.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
