using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Reports.Html;

/// <summary>
/// Renders an <see cref="AuditReport"/> as one self-contained HTML page: no script, no network (a Content-Security-Policy
/// forbids every fetch), inline CSS and inline SVG charts. Order: verdict, results table, charts, findings by severity,
/// signature and how to verify it, provenance. Pure: the same report and options give the same bytes.
/// </summary>
public static class HtmlRenderer
{
    /// <summary>The README section that explains offline verification.</summary>
    public const string VerifySection = "Verifying a signed report";

    /// <summary>Renders the page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">Comparison points and signature; <see cref="ReportViewOptions.None"/> when null.</param>
    public static string Render(AuditReport report, ReportViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= ReportViewOptions.None;
        var html = new StringBuilder(64 * 1024);
        var title = $"MLPerf Audit: {Verdict(report).Headline} · {report.Bundle.Name}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<meta name=\"generator\" content=\"{Markup.Escape(report.Tool.Name)} "
            + $"{Markup.Escape(report.Tool.Version)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Markup.Escape(title)}</title>\n<style>{HtmlStyle.Css}</style>\n</head>\n<body>\n");
        html.Append("<header>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"kicker\">MLPerf Audit report · {Markup.Escape(Suite(report.Rules.Suite))} {Markup.Escape(report.Rules.Round)} rules</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Markup.Escape(report.Bundle.Name)}</h1>\n");
        AppendVerdict(html, report, options);
        html.Append("</header>\n<main>\n");
        AppendResults(html, report);
        HtmlChartSections.AppendCharts(html, report, options);
        HtmlChartSections.AppendSweepCharts(html, report);
        AppendFindings(html, report);
        AppendSignature(html, options.Signature);
        AppendProvenance(html, report);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static (bool Valid, string Headline, string Detail) Verdict(AuditReport report)
    {
        var total = report.Results.Count;
        var submissionErrors = report.Findings.Count(f => f.Severity == Severity.Error);
        if (total == 0)
        {
            return (false, "No result found", "The bundle holds no MLPerf result the rules could judge.");
        }

        if (report.AllValid)
        {
            return (true, total == 1 ? "Valid" : $"All {total} results valid", $"Every result passes the {Suite(report.Rules.Suite)} "
                + $"{report.Rules.Round} rules.");
        }

        var parts = new List<string>();
        if (report.Summary.Invalid > 0)
        {
            parts.Add($"{report.Summary.Invalid} of {total} result(s) fail the rules");
        }

        if (submissionErrors > 0)
        {
            parts.Add($"{submissionErrors} submission-level error(s)");
        }

        var headline = report.Summary.Invalid > 0 ? $"{report.Summary.Invalid} of {total} results invalid" : "Submission errors";
        return (false, headline, string.Join("; ", parts) + ".");
    }

    private static void AppendVerdict(StringBuilder html, AuditReport report, ReportViewOptions options)
    {
        var (valid, headline, detail) = Verdict(report);
        html.Append(CultureInfo.InvariantCulture,
            $"<section class=\"verdict {(valid ? "ok" : "bad")}\" aria-labelledby=\"verdict-heading\">\n<h2 id=\"verdict-heading\"><span "
                + $"class=\"badge\">{(valid ? "PASS" : "FAIL")}</span> {Markup.Escape(headline)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Markup.Escape(detail)} {report.Summary.Valid} valid, {report.Summary.Invalid} "
            + $"invalid.</p>\n");
        var signature = options.Signature;
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sig-line\">Signature: <strong>{Markup.Escape(SignatureText(signature))}</strong>");
        if (signature?.KeyId is { } keyId)
        {
            html.Append(CultureInfo.InvariantCulture, $" · key <code class=\"hash\">{Markup.Escape(keyId)}</code>");
        }

        html.Append(" · <a href=\"#signature\">how to verify</a></p>\n</section>\n");
    }

    private static void AppendResults(StringBuilder html, AuditReport report)
    {
        html.Append("<section aria-labelledby=\"results-heading\">\n<h2 id=\"results-heading\">Results</h2>\n");
        if (report.Results.Count == 0)
        {
            html.Append("<p>No results.</p>\n</section>\n");
            return;
        }

        html.Append("<div class=\"table-wrap\"><table class=\"results\">\n<caption>Each result with its headline metric as logged and the value per "
            + "accelerator (headline ÷ accelerators).</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">System</th><th scope=\"col\">Benchmark</th><th scope=\"col\">Scenario</th><th "
            + "scope=\"col\">Metric</th><th scope=\"col\">Per accelerator</th><th scope=\"col\">Verdict</th></tr></thead>\n<tbody>\n");
        foreach (var r in report.Results)
        {
            var metric = r.Metric is { } m ? $"{NumberText.Readable(m.Value, 3)} {m.Unit}" : "–";
            var metricSource = r.Metric is { File: { } file } mm
                ? $"{file}{(mm.Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) : string.Empty)}"
                : null;
            var per = r.Derived.PerAccelerator is { } p && r.Metric is { } pm
                ? $"{NumberText.Readable(p, 1)} {pm.Unit}"
                : "–";
            var accelerators = r.Accelerators is { } a ? $"× {a.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            var errors = r.Findings.Count(f => f.Severity == Severity.Error);
            var warnings = r.Findings.Count - errors;
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(r.Verdict == Reports.Verdict.Valid ? "valid" : "invalid")}\">");
            html.Append(CultureInfo.InvariantCulture,
                $"<th scope=\"row\" data-label=\"System\">{Markup.Escape(r.System)}<span class=\"sub\">{Markup.Escape(r.Division)} · "
                    + $"{Markup.Escape(r.Submitter)}{(r.SystemDescription is { } sd ? " · " + Markup.Escape(sd.AcceleratorModelName) : string.Empty)}"
                    + $"</span></th>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Benchmark\">{Markup.Escape(r.Benchmark)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Scenario\">{Markup.Escape(r.Scenario)}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td data-label=\"Metric\" class=\"num\">{Markup.Escape(metric)}{SourceSpan(r.Metric?.Name, metricSource)}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td data-label=\"Per accelerator\" class=\"num\">{Markup.Escape(per)}<span "
                    + $"class=\"sub\">{Markup.Escape(accelerators)}</span></td>");
            var counts = errors + warnings == 0 ? "no findings" : $"{errors} error(s), {warnings} warning(s)";
            html.Append(CultureInfo.InvariantCulture,
                $"<td data-label=\"Verdict\"><span class=\"pill "
                    + $"{(r.Verdict == Reports.Verdict.Valid ? "ok" : "bad")}\">{(r.Verdict == Reports.Verdict.Valid ? "valid" : "invalid")}</span>"
                    + $"<span class=\"sub\">{counts}</span></td>");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
        AppendPower(html, report);
        html.Append("</section>\n");
    }

    /// <summary>The power results: the power metric, the work per joule, and the samples it averages with their file and lines.</summary>
    private static void AppendPower(StringBuilder html, AuditReport report)
    {
        var powered = report.Results.Where(r => r.Power is not null).ToList();
        if (powered.Count == 0)
        {
            return;
        }

        html.Append("<div class=\"table-wrap\"><table class=\"results\">\n<caption>Power: the mean of the analyzer's samples inside each run's power "
            + "window (W), or the energy per query (mJ); efficiency is the headline per watt.</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Power</th><th scope=\"col\">Efficiency</th><th "
            + "scope=\"col\">Samples</th></tr></thead>\n<tbody>\n");
        foreach (var r in powered)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\" data-label=\"Result\">{Markup.Escape(r.System)}<span class=\"sub\">{Markup.Escape(r.Benchmark)} · "
                    + $"{Markup.Escape(r.Scenario)}</span></th>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Power\" class=\"num\">{Markup.Escape(PowerText.Value(r.Power!))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Efficiency\" class=\"num\">{Markup.Escape(PowerText.Efficiency(r))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Samples\">{Markup.Escape(PowerText.Source(r.Power!))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendFindings(StringBuilder html, AuditReport report)
    {
        var all = report.Results.SelectMany(r => r.Findings.Select(f => (Where: r.Id, Finding: f)))
            .Concat(report.Findings.Select(f => (Where: "submission", Finding: f)))
            .ToList();
        html.Append("<section aria-labelledby=\"findings-heading\">\n<h2 id=\"findings-heading\">Findings</h2>\n");
        if (all.Count == 0)
        {
            html.Append("<p>No findings: no rule was broken and nothing needed a warning.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"note\">An <strong>error</strong> makes its result invalid; a <strong>warning</strong> does not. Each finding names "
            + "the file and line it came from and the rule it applies.</p>\n");
        foreach (var (severity, heading) in new[] { (Severity.Error, "Errors"), (Severity.Warning, "Warnings") })
        {
            var group = all.Where(x => x.Finding.Severity == severity).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            html.Append(CultureInfo.InvariantCulture, $"<h3 id=\"{(severity == Severity.Error ? "errors" : "warnings")}\">{heading} "
                + $"({group.Count})</h3>\n<ul class=\"findings {(severity == Severity.Error ? "error" : "warning")}\">\n");
            foreach (var (where, finding) in group)
            {
                var definition = FindingCatalog.Find(finding.Code);
                var location = finding.File is null ? null : finding.Line is { } line ? $"{finding.File}:"
                    + $"{line.ToString(CultureInfo.InvariantCulture)}" : finding.File;
                html.Append(CultureInfo.InvariantCulture,
                    $"<li><p><code class=\"code\">{Markup.Escape(finding.Code)}</code> {Markup.Escape(finding.Message)}</p>");
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">Result: {Markup.Escape(where)}");
                if (location is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $" · at <code>{Markup.Escape(location)}</code>");
                }

                html.Append("</p>");
                if (definition is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"rule\">Rule: {Markup.Escape(definition.Rule)} <span "
                        + $"class=\"sub\">({Markup.Escape(definition.Source)})</span></p>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendSignature(StringBuilder html, SignatureSummary? signature)
    {
        html.Append("<section id=\"signature\" aria-labelledby=\"signature-heading\">\n<h2 id=\"signature-heading\">Signature and how to verify "
            + "it</h2>\n<dl class=\"facts\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Status</dt>"
            + $"<dd>{Markup.Escape(SignatureText(signature))}{(signature?.Detail is { } d ? " — " + Markup.Escape(d) : string.Empty)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Key id</dt><dd><code class=\"hash\">{Markup.Escape(signature?.KeyId ?? "–")}</code></dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Envelope</dt><dd><code>{Markup.Escape(signature?.EnvelopeFile ?? "–")}</code></dd>\n</dl>\n");
        html.Append("<p>This page is rendered from <code>report.json</code> and is not itself signed: trust its numbers once "
            + "<code>report.json</code> verifies. ");
        html.Append("The envelope is a DSSE envelope (ECDSA P-256, SHA-256) over an in-toto statement whose subject is the audited bundle and which "
            + "holds the SHA-256 of <code>report.json</code>; the key id is the SHA-256 of the signer's public key (DER SubjectPublicKeyInfo). ");
        html.Append("Get the public key from the publisher, not from where you got the report, then verify offline:</p>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<pre><code>mlperf-audit verify {Markup.Escape(signature?.EnvelopeFile ?? "report.dsse.json")} --key mlperf-audit.pub.pem --report "
                + $"report.json --bundle BUNDLE</code></pre>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>Without our tool, <code>openssl</code>, <code>jq</code>, <code>base64</code> and <code>sha256sum</code> are enough: the README "
                + $"section “{Markup.Escape(VerifySection)}” lists the six commands (check the key id, rebuild the DSSE pre-authentication encoding, "
                + $"<code>openssl dgst -sha256 -verify</code>, compare the digests of <code>report.json</code> and the bundle).</p>\n</section>\n");
    }

    private static void AppendProvenance(StringBuilder html, AuditReport report)
    {
        html.Append("<section aria-labelledby=\"provenance-heading\">\n<h2 id=\"provenance-heading\">What was audited</h2>\n<dl class=\"facts\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Bundle</dt><dd>{Markup.Escape(report.Bundle.Name)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Bundle SHA-256</dt><dd><code "
            + $"class=\"hash\">{Markup.Escape(report.Bundle.Sha256)}</code></dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Rules</dt><dd>{Markup.Escape(Suite(report.Rules.Suite))} "
            + $"{Markup.Escape(report.Rules.Round)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Rules SHA-256</dt><dd><code "
            + $"class=\"hash\">{Markup.Escape(report.Rules.Digest)}</code></dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Tool</dt><dd>{Markup.Escape(report.Tool.Name)} "
            + $"{Markup.Escape(report.Tool.Version)}</dd>\n</dl>\n</section>\n");
    }

    /// <summary>The signature status in words.</summary>
    public static string SignatureText(SignatureSummary? signature) => signature?.Status switch
    {
        null or SignatureStatus.NotSigned => "not signed",
        SignatureStatus.SignedByThisRun => "signed (by this run)",
        SignatureStatus.Verified => "verified",
        SignatureStatus.VerificationFailed => "verification FAILED — do not trust this report",
        SignatureStatus.NotChecked => "present, not checked (no trusted key given)",
        _ => "unknown",
    };

    /// <summary>The metric's source file and line as a sub-line titled with the metric's name; empty when there is none.</summary>
    private static string SourceSpan(string? metricName, string? source) => source is null
        ? string.Empty
        : $"<span class=\"sub\" title=\"{Markup.Escape(metricName!)}\">{Markup.Escape(source)}</span>";

    private static string Suite(string suite) => suite switch
    {
        "inference" => "MLPerf Inference",
        "training" => "MLPerf Training",
        _ => suite,
    };
}
