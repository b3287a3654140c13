namespace MlPerfAudit.Core.Reports.Html;

/// <summary>The page's inline stylesheet: system fonts, WCAG AA contrast, the results table stacks into cards below 640 px.</summary>
internal static class HtmlStyle
{
    public const string Css = "\n:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--ok:#1a7f37;--ok-bg:#dafbe1;--bad:#b3261e;--bad-bg:#ffebe9;"
        + "--warn:#7d4e00;--warn-bg:#fff8c5;--audited:#0b5cad;--published:#8c959f;--within:#2f7d4f;--over:#c0392b;"
        + "--not-counted:#b7c7d6;--claimed:#8a4fbf}\n"
        + """
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
header,main{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:1.5rem;margin:.2rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
.kicker{margin:0;color:var(--muted);font-size:.9rem}
.verdict{border-radius:8px;padding:12px 16px;border:2px solid}
.verdict h2{border:0;margin:0 0 .25rem;font-size:1.4rem}
.verdict p{margin:.25rem 0}
.verdict.ok{background:var(--ok-bg);border-color:var(--ok)}
.verdict.bad{background:var(--bad-bg);border-color:var(--bad)}
.badge{display:inline-block;padding:0 .5rem;border-radius:4px;color:#fff;font-size:1rem;vertical-align:middle}
.ok .badge{background:var(--ok)}
.bad .badge{background:var(--bad)}
.sig-line{font-size:.95rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
.hash{overflow-wrap:anywhere;word-break:break-all}
pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px 12px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding-bottom:.5rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{border-bottom:2px solid var(--ink);white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.sub{display:block;color:var(--muted);font-size:.82rem;font-weight:normal;overflow-wrap:anywhere}
.pill{display:inline-block;border-radius:10px;padding:0 .5rem;font-weight:600}
.pill.ok{background:var(--ok-bg);color:var(--ok)}
.pill.bad{background:var(--bad-bg);color:var(--bad)}
tr.invalid th{border-left:4px solid var(--bad)}
figure{margin:0 0 1.5rem}
figcaption{color:var(--muted);font-size:.9rem}
svg.chart{display:block;width:100%;max-width:760px;height:auto;font-family:inherit}
svg.chart text{font-size:15px;fill:var(--ink)}
svg.chart text.tick{font-size:14px;fill:var(--muted)}
svg.chart text.axis-label{font-size:15px;font-weight:600}
svg.chart text.value{font-variant-numeric:tabular-nums}
svg.chart .bar-text text{paint-order:stroke;stroke:#fff;stroke-width:5px;stroke-linejoin:round}
svg.chart line.grid{stroke:#e5e8eb}
svg.chart line.baseline{stroke:var(--ink)}
svg.chart .marker line{stroke:var(--ink);stroke-width:2;stroke-dasharray:6 4}
svg.chart .marker text{font-size:14px;font-weight:600}
.bar.audited rect,.swatch.audited{fill:var(--audited);background:var(--audited)}
.bar-text.audited text.label{font-weight:700}
.bar.published rect,.swatch.published{fill:var(--published);background:var(--published)}
.bar.within rect,.swatch.within{fill:var(--within);background:var(--within)}
.bar.over rect,.swatch.over{fill:var(--over);background:var(--over)}
.bar.not-counted rect,.swatch.not-counted{fill:var(--not-counted);background:var(--not-counted)}
.bar.best rect,.swatch.best{fill:var(--within);background:var(--within)}
.bar-text.best text.label{font-weight:700}
.bar.claimed rect,.swatch.claimed{fill:var(--claimed);background:var(--claimed)}
.bar-text.claimed text.label{font-weight:700;font-style:italic}
svg.chart .spread line{stroke:var(--ink);stroke-width:1.5}
svg.chart .spread line.tick-mark{stroke-width:3}
svg.chart .series polyline{fill:none;stroke:var(--audited);stroke-width:1.75;stroke-linejoin:round}
svg.chart .series.s1 polyline{stroke:var(--within);stroke-dasharray:5 3}
svg.chart .series.s2 polyline{stroke:var(--claimed);stroke-dasharray:2 2}
svg.chart .series.s3 polyline{stroke:var(--published)}
svg.chart .reference line{stroke:var(--over);stroke-width:1.5;stroke-dasharray:6 4}
svg.chart .reference text{font-size:13px;font-weight:600;fill:var(--over);paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
svg.chart .span rect{fill:#eef3f8}
svg.chart .span text{font-size:13px;fill:var(--muted)}
h4{font-size:1rem;margin:1rem 0 .25rem}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:0 16px}
.chart-grid figure{margin-bottom:.75rem}
.legend{list-style:none;padding:0;margin:.25rem 0 .5rem;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.9rem}
.swatch{display:inline-block;width:14px;height:14px;border-radius:2px;margin-right:6px;vertical-align:-2px}
.note{color:var(--muted);font-size:.92rem}
.findings{padding-left:1.1rem}
.findings li{margin:0 0 .75rem}
.findings p{margin:0}
.findings.error li::marker{color:var(--bad)}
.findings.warning li::marker{color:var(--warn)}
.code{font-weight:700}
.rule{font-size:.9rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
.facts dt{font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:640px){
 body{font-size:15px}
 table.results,table.results tbody,table.results tr,table.results th,table.results td{display:block;width:100%}
 table.results caption{display:block}
 table.results thead{position:absolute;left:-9999px}
 table.results tr{border:1px solid var(--line);border-radius:6px;margin-bottom:10px;padding:4px 0}
 table.results th,table.results td{border:0;padding:3px 10px;text-align:left}
 table.results td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
 td.num{text-align:left}
 .facts{grid-template-columns:1fr}
 .facts dd{margin-bottom:6px}
}

""";
}
