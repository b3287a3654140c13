using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Rules;

namespace MlPerfAudit.Core.Baselines;

/// <summary>What <see cref="PublishedUnitCheck.Check"/> found in published tables.</summary>
/// <param name="Findings">One INF-CONS-008 warning per inference row whose unit is not its metric's, with the table and the row's line.</param>
/// <param name="Checked">Inference rows whose unit was compared.</param>
/// <param name="NotChecked">Inference rows of a round or benchmark whose metric the rules do not give (e.g. v6.0 benchmarks this version does not
/// audit), by benchmark and round.</param>
public sealed record PublishedUnitReport(IReadOnlyList<Finding> Findings, int Checked, IReadOnlyDictionary<string, int> NotChecked);

/// <summary>
/// Compares the unit of every inference row of a published table with the unit of its benchmark's metric in its scenario
/// under the round's rules (INF-CONS-008): the headline key of the scenario as logged (Interactive is logged as Server)
/// gives tokens/s for a tokens key, else samples/s in Offline and queries/s in Server; SingleStream and MultiStream give a
/// latency in ms. The same mapping names the unit of an audited result's headline metric. Pure; training rows are skipped.
/// </summary>
public static class PublishedUnitCheck
{
    /// <summary>Checks every row.</summary>
    /// <param name="rows">Rows of one or more tables (<see cref="BaselineLoader"/>).</param>
    public static PublishedUnitReport Check(IEnumerable<PublishedResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var findings = new List<Finding>();
        var notChecked = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var compared = 0;
        foreach (var row in rows.Where(r => r.Suite == BaselineSuite.Inference))
        {
            if (Headline(row) is not var (benchmark, key))
            {
                var name = $"{row.Benchmark} v{row.Round}";
                notChecked[name] = notChecked.GetValueOrDefault(name) + 1;
                continue;
            }

            var expected = PerformanceRules.Unit(benchmark, key, row.Scenario);
            compared++;
            if (!string.Equals(row.Unit, expected, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(FindingCatalog.InfPublishedUnitMismatch.At(row.Source, row.Line,
                    row.Id ?? "?", row.Submitter, row.Platform, row.Benchmark, row.Scenario, row.Value, row.Unit, row.Round, key, expected));
            }
        }

        return new PublishedUnitReport(findings, compared, notChecked);
    }

    /// <summary>
    /// The unit an inference row's number is in under its round's rules (<c>Tokens/s</c>, <c>Samples/s</c>, <c>Queries/s</c>,
    /// <c>Latency (ms)</c>); null for training rows, unknown rounds, benchmarks the rules do not audit and scenarios without a metric.
    /// </summary>
    public static string? ExpectedUnit(PublishedResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Headline(row) is var (benchmark, key) ? PerformanceRules.Unit(benchmark, key, row.Scenario) : null;
    }

    /// <summary>The round's rules for the row's benchmark and the headline key of its scenario; null when there are none.</summary>
    private static (BenchmarkRules Benchmark, string Key)? Headline(PublishedResult row)
    {
        if (row.Suite != BaselineSuite.Inference || Rounds.RoundLabel.Parse(row.Round)?.Inference is not { } label
            || !InferenceRoundCatalog.Supported.Contains(label, StringComparer.Ordinal) || InferenceRoundCatalog.Find(label) is not { } round)
        {
            return null;
        }

        var benchmark = round.Rules.Benchmarks.FirstOrDefault(b => string.Equals(b.Name, row.Benchmark, StringComparison.Ordinal));
        return benchmark is not null && benchmark.Headline.TryGetValue(Scenarios.Logged(row.Scenario), out var key) ? (benchmark, key) : null;
    }
}
