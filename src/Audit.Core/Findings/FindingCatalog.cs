using System.Collections.Frozen;
using System.Reflection;

namespace MlPerfAudit.Core.Findings;

/// <summary>
/// The one catalogue of finding codes. Each area keeps its codes in its own partial file
/// (<c>FindingCatalog.Inference.cs</c>, <c>FindingCatalog.Bundles.cs</c>, ...). A code is never reused
/// or renumbered; a retired rule keeps its entry. Tests assert codes, never message text.
/// </summary>
public static partial class FindingCatalog
{
    /// <summary>Where a rule comes from: the official checker rejects the result.</summary>
    internal const string OfficialRejects = "official checker: rejects the result";

    /// <summary>Where a rule comes from: the official checker prints an error and still accepts the result.</summary>
    internal const string OfficialLogsOnly = "official checker: logs only, result accepted";

    /// <summary>Where a rule comes from: MLPerf Audit is stricter than the official checker here.</summary>
    internal const string AuditStricter = "MLPerf Audit: stricter than the official checker";

    /// <summary>Where a rule comes from: reading the input at all.</summary>
    internal const string AuditInput = "MLPerf Audit: input handling";

    private static readonly Lazy<FrozenDictionary<string, FindingDefinition>> ByCode = new(Collect);

    /// <summary>Every definition in the catalogue, ordered by code.</summary>
    public static IReadOnlyList<FindingDefinition> All => [.. ByCode.Value.Values.OrderBy(d => d.Code, StringComparer.Ordinal)];

    /// <summary>Every message of the catalogue: each code's main message and its variants.</summary>
    public static IReadOnlyList<FindingMessage> Messages =>
    [
        .. All.Where(d => d.Message is not null).Select(d => d.Main),
        .. typeof(FindingCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FindingMessage))
            .Select(f => (FindingMessage)f.GetValue(null)!),
    ];

    /// <summary>Looks a code up; null when no such code exists.</summary>
    public static FindingDefinition? Find(string code) => ByCode.Value.GetValueOrDefault(code);

    private static FrozenDictionary<string, FindingDefinition> Collect()
    {
        var definitions = typeof(FindingCatalog)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FindingDefinition))
            .Select(f => (FindingDefinition)f.GetValue(null)!);
        return definitions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
    }
}
