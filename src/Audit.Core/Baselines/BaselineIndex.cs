using System.Collections.Frozen;

namespace MlPerfAudit.Core.Baselines;

/// <summary>
/// Published results from one or more tables, indexed by result ID, submitter, system, benchmark and scenario.
/// Immutable once built; lookups are case-insensitive on names and exact on numbers.
/// </summary>
public sealed class BaselineIndex
{
    private readonly FrozenDictionary<string, PublishedResult[]> byId;
    private readonly FrozenDictionary<string, PublishedResult[]> byBenchmark;

    /// <summary>Indexes the rows.</summary>
    /// <param name="rows">Rows of any number of tables.</param>
    public BaselineIndex(IEnumerable<PublishedResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = [.. rows];
        byId = Rows.Where(r => r.Id is not null)
            .GroupBy(r => r.Id!, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        byBenchmark = Rows.GroupBy(r => r.Benchmark, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An index with no rows.</summary>
    public static BaselineIndex Empty { get; } = new([]);

    /// <summary>Every row, in load order.</summary>
    public IReadOnlyList<PublishedResult> Rows { get; }

    /// <summary>True when some row carries this result ID.</summary>
    public bool HasId(string id) => byId.ContainsKey(id);

    /// <summary>Every row of a result ID (all benchmarks and scenarios of that system); empty when unknown.</summary>
    public IReadOnlyList<PublishedResult> ById(string id) => byId.TryGetValue(id, out var rows) ? rows : [];

    /// <summary>
    /// Rows matching every given criterion; a null criterion matches anything. Submitter and system match
    /// either the system name or the platform (system description id).
    /// </summary>
    /// <param name="benchmark">Benchmark, e.g. <c>llama2-70b-99</c>.</param>
    /// <param name="scenario">Scenario; empty string for training.</param>
    /// <param name="id">Result ID.</param>
    /// <param name="submitter">Submitter.</param>
    /// <param name="system">System name or platform id.</param>
    /// <param name="round">Round, with or without a leading v.</param>
    /// <param name="accelerators">Total accelerator count.</param>
    public IReadOnlyList<PublishedResult> Find(
        string benchmark,
        string? scenario = null,
        string? id = null,
        string? submitter = null,
        string? system = null,
        string? round = null,
        int? accelerators = null)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        if (!byBenchmark.TryGetValue(benchmark, out var rows))
        {
            return [];
        }

        var wantedRound = round is null ? null : Rounds.RoundLabel.WithoutV(round);
        return [.. rows.Where(r =>
            (scenario is null || string.Equals(r.Scenario, scenario, StringComparison.OrdinalIgnoreCase))
            && (id is null || string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
            && (submitter is null || string.Equals(r.Submitter, submitter, StringComparison.OrdinalIgnoreCase))
            && (system is null
                || string.Equals(r.System, system, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r.Platform, system, StringComparison.OrdinalIgnoreCase))
            && (wantedRound is null || string.Equals(r.Round, wantedRound, StringComparison.OrdinalIgnoreCase))
            && (accelerators is null || r.Accelerators == accelerators))];
    }
}
