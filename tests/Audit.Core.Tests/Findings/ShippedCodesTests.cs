using MlPerfAudit.Core.Findings;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>
/// Every finding code ever shipped is listed in <c>shipped-codes.tsv</c> (code, severity, rule). A code may be added, and
/// its rule sentence reworded, but never removed, renumbered or given another severity: a retired rule keeps its entry
/// (<see cref="FindingDefinition.Retired"/>). <c>UPDATE_CODES=1</c> appends new codes and takes reworded rules; it never
/// drops a line or changes a severity.
/// </summary>
public sealed class ShippedCodesTests
{
    private static string ListPath => Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Findings", "shipped-codes.tsv");

    [Fact]
    public void Catalog_KeepsEveryShippedCodeWithItsSeverity()
    {
        var shipped = Read();
        var problems = new List<string>();
        foreach (var (code, severity, rule) in shipped)
        {
            if (FindingCatalog.Find(code) is not { } definition)
            {
                problems.Add($"{code} was shipped and is gone from the catalogue (retire it instead: Retired = true)");
            }
            else if (definition.Severity.ToString() != severity)
            {
                problems.Add($"{code} was shipped as {severity} and is {definition.Severity} now (a new meaning needs a new code)");
            }
            else if (definition.Rule != rule && !Updating)
            {
                problems.Add($"{code}'s rule reads otherwise now; if only the wording changed, run with UPDATE_CODES=1 and review the diff");
            }
        }

        var added = FindingCatalog.All.Where(d => shipped.All(s => s.Code != d.Code)).ToList();
        if (Updating && problems.Count == 0)
        {
            Write([.. shipped.Select(s => FindingCatalog.Find(s.Code)!), .. added]);
            return;
        }

        problems.AddRange(added.Select(d => $"{d.Code} is new: run with UPDATE_CODES=1 to list it as shipped"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Catalog_RetiredCodesRaiseNothingAndStayListed()
    {
        var retired = FindingCatalog.All.Where(d => d.Retired).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(retired, code => Assert.Contains(Read(), s => s.Code == code));
        Assert.All(FindingCatalog.Messages, m => Assert.DoesNotContain(m.Definition.Code, retired));
    }

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_CODES") == "1";

    private static List<(string Code, string Severity, string Rule)> Read()
        => [.. File.ReadAllLines(ListPath).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(p => (p[0], p[1], p[2]))];

    private static void Write(IEnumerable<FindingDefinition> definitions)
        => File.WriteAllLines(ListPath, ["code\tseverity\trule", .. definitions.Select(d => $"{d.Code}\t{d.Severity}\t{d.Rule}")]);
}
