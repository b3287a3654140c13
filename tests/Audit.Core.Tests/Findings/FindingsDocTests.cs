using System.Text;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>docs/findings.md is generated from the finding catalogue; the checked-in file must be what the catalogue gives.</summary>
public sealed class FindingsDocTests
{
    private static string DocPath => Path.Combine(RepoPaths.Root, "docs", "findings.md");

    private static readonly (string Prefix, string Title, string Where)[] Areas =
    [
        ("BUN", "Bundles and limits", "opening archives and folders, paths, sizes, the time limit"),
        ("INF", "Inference", "MLPerf Inference results: layout, LoadGen logs, accuracy, compliance, power, rounds, consistency"),
        ("TRN", "Training", "MLPerf Training results: MLLOG logs, compliance rules, RCPs, seeds, system descriptions"),
        ("SWP", "Sweeps", "single-machine pretraining sweeps: configurations, steps, loss, telemetry, recommendation"),
        ("CLM", "Claims", "the claims gate: evidence, values, units, extrapolation, published tables"),
    ];

    [Fact]
    public void Render_MatchesCheckedInDoc()
    {
        var rendered = Render(FindingCatalog.All);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, rendered);
        }

        Assert.True(File.Exists(DocPath), "docs/findings.md is missing; run the tests with UPDATE_DOCS=1 to generate it.");
        Assert.True(rendered == File.ReadAllText(DocPath),
            "docs/findings.md differs from the finding catalogue; run this test with UPDATE_DOCS=1 to regenerate it.");
    }

    [Fact]
    public void Render_ListsEveryCodeOnceUnderItsArea()
    {
        var rendered = Render(FindingCatalog.All);
        foreach (var definition in FindingCatalog.All)
        {
            Assert.Single(rendered.Split('\n'), line => line.StartsWith($"| `{definition.Code}` |", StringComparison.Ordinal));
        }

        Assert.All(FindingCatalog.All, d => Assert.Contains(Areas, a => d.Code.StartsWith(a.Prefix + "-", StringComparison.Ordinal)));
    }

    /// <summary>The Markdown page: one table per area, codes in order, with severity, rule and where the rule comes from.</summary>
    internal static string Render(IReadOnlyList<FindingDefinition> all)
    {
        var text = new StringBuilder();
        text.Append("# Finding codes\n\n");
        text.Append("<!-- Generated from src/Audit.Core/Findings/FindingCatalog.*.cs by tests/Audit.Core.Tests/Findings/FindingsDocTests.cs.\n");
        text.Append("     Do not edit: run `UPDATE_DOCS=1 dotnet test tests/Audit.Core.Tests -c Release --filter FindingsDocTests`. -->\n\n");
        text.Append("Every finding in a report carries one of these codes. A code is never reused or renumbered; an `error` makes the result\n");
        text.Append("invalid, a `warning` does not. The source column says whether the official checker rejects the result, only logs the\n");
        text.Append($"problem, or whether the rule is MLPerf Audit's own. {all.Count} codes.\n\n");
        foreach (var (prefix, title, where) in Areas)
        {
            var codes = all.Where(d => d.Code.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
            text.Append($"## {title} ({prefix}-*, {codes.Count} codes)\n\n{char.ToUpperInvariant(where[0])}{where[1..]}.\n\n");
            text.Append("| Code | Severity | Rule | Source |\n|---|---|---|---|\n");
            foreach (var d in codes)
            {
                var rule = d.Retired ? "*Retired: no rule raises it; the code is never reused.* " + d.Rule : d.Rule;
                text.Append($"| `{d.Code}` | {d.Severity.ToString().ToLowerInvariant()} | {Cell(rule)} | {Cell(d.Source)} |\n");
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A table cell: pipes escaped, angle brackets as entities (a Markdown renderer would take &lt;scenario&gt; for HTML).</summary>
    private static string Cell(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
