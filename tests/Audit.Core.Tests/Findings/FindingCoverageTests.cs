using MlPerfAudit.Core.Findings;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>
/// Every code of the finding catalogue that is not retired is asserted, positively, by some test: a test says the code
/// IS produced. The C# sources under tests/ are read by <see cref="AssertedCodeScanner"/> (a code counts when its literal
/// or catalogue field reaches <c>Assert.Contains/Equal/Single/...</c>, directly, through a helper's parameter, an
/// <c>[InlineData]</c> row or a variable; never through <c>DoesNotContain/NotEqual/DoesNotMatch</c>, a comment or a
/// message text). The data tables in <see cref="DataTables"/> count by their outcome column only: each row of such a
/// column is an expected outcome that a test compares with what the product gives. Markdown prose and other files do
/// not count. A code no test asserts fails <see cref="Catalog_WhenACodeIsInUse_IsAssertedByATest"/>; the fix is a test on
/// real data that produces it, or retiring the code (<see cref="FindingDefinition.Retired"/>; a code is never reused).
/// </summary>
public sealed class FindingCoverageTests
{
    /// <summary>Data tables whose outcome column holds expected results a test compares (path under tests/, column).</summary>
    /// <remarks>The hostile-input table: HostileArchiveTests/HostileLogTests/HostileSweepTests compare each outcome.</remarks>
    public static readonly IReadOnlyList<(string Path, string Column)> DataTables =
    [
        (Path.Combine("Audit.Local.Tests", "Hostile", "README.md"), "Outcome"),
    ];

    /// <summary>Test sources the scan skips: this file, whose scanner rows name codes without asserting them.</summary>
    private static readonly string[] Skipped = [nameof(FindingCoverageTests) + ".cs"];

    private static string TestsRoot => Path.Combine(RepoPaths.Root, "tests");

    [Fact]
    public void Catalog_WhenACodeIsInUse_IsAssertedByATest()
    {
        var untested = Untested();
        Assert.True(untested.Count == 0,
            $"{untested.Count} catalogue code(s) that no test asserts are produced: {string.Join(", ", untested)}. "
            + "Write a test on real data that produces each code (or retire the code: Retired = true; never reuse it).");
    }

    [Fact]
    public void Catalog_WhenACodeIsRetired_IsAssertedByNoTest()
    {
        // A retired code is raised by nothing; a test that asserts it is produced contradicts the retirement.
        var asserted = AssertedCodes();
        var contradicted = FindingCatalog.All.Where(d => d.Retired && asserted.Contains(d.Code)).Select(d => d.Code).ToList();
        Assert.True(contradicted.Count == 0, $"retired but asserted by a test: {string.Join(", ", contradicted)}");
    }

    [Fact]
    public void DataTables_WhenRead_GiveTheirOutcomeCodes()
    {
        var codes = DataTableCodes();
        Assert.Contains("BUN-PATH-001", codes);
        Assert.Contains("INF-LOG-001", codes);
        Assert.DoesNotContain("INF-LAT-001", codes);
    }

    /// <summary>The scanner, row by row: a snippet of a test class, and whether it asserts INF-LAT-001 is produced.</summary>
    public static TheoryData<string, string, bool> Snippets => new()
    {
        { "contains", """void M() { Assert.Contains("INF-LAT-001", codes); }""", true },
        { "equal-field", """void M() { Assert.Equal(FindingCatalog.InfTtftOverLimit.Code, finding.Code); }""", true },
        { "single-lambda", """void M() { Assert.Single(findings, f => f.Code == "INF-LAT-001"); }""", true },
        { "collection", """void M() { Assert.Equal(["INF-LAT-001", "INF-LAT-002"], codes); }""", true },
        { "true-any", """void M() { Assert.True(findings.Any(f => f.Code == "INF-LAT-001")); }""", true },
        { "local", """void M() { var code = "INF-LAT-001"; Assert.Contains(code, codes); }""", true },
        { "field", """static readonly string[] Expected = ["INF-LAT-001"]; void M() { Assert.Equal(Expected, codes); }""", true },
        { "inline-data", """[Theory][InlineData("1", "INF-LAT-001")] void M(string v, string c) { Assert.Contains(c, Run(v)); }""", true },
        { "helper", """void M() { Check(codes, "INF-LAT-001"); } void Check(string[] c, string code) => Assert.Contains(code, c);""", true },
        { "comment", """void M() { Assert.Contains("INF-LAT-002", codes); } // Assert.Contains("INF-LAT-001", codes);""", false },
        { "doc-comment", "/// <c>Assert.Contains(\"INF-LAT-001\", codes)</c>\nvoid M() { }", false },
        { "does-not-contain", """void M() { Assert.DoesNotContain("INF-LAT-001", codes); }""", false },
        { "not-equal", """void M() { Assert.All(findings, f => Assert.NotEqual("INF-LAT-001", f.Code)); }""", false },
        { "does-not-match", """void M() { Assert.DoesNotMatch("INF-LAT-001", text); }""", false },
        { "false-any", """void M() { Assert.False(findings.Any(f => f.Code == "INF-LAT-001")); }""", false },
        { "not-any", """void M() { Assert.True(!codes.Contains("INF-LAT-001")); }""", false },
        { "all-differ", """void M() { Assert.True(findings.All(f => f.Code != "INF-LAT-001")); }""", false },
        { "count-zero", """void M() { Assert.Equal(0, findings.Count(f => f.Code == "INF-LAT-001")); }""", false },
        { "empty", """void M() { Assert.Empty(findings.Where(f => f.Code == "INF-LAT-001")); }""", false },
        { "unused-local", """void M() { var code = "INF-LAT-001"; Assert.Contains("INF-LAT-002", codes); }""", false },
        { "message-only", """void M() { var text = $"INF-LAT-001 in a message"; Log(text); }""", false },
        { "inline-data-negative", """[Theory][InlineData("INF-LAT-001")] void M(string code) { Assert.DoesNotContain(code, codes); }""", false },
        { "helper-negative", """void M() { No(codes, "INF-LAT-001"); } void No(string[] c, string x) => Assert.DoesNotContain(x, c);""", false },
        { "no-such-field", """void M() { Assert.Equal(FindingCatalog.NoSuchField.Code, finding.Code); }""", false },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Scanner_WhenATestMentionsACode_CountsPositiveAssertionsOnly(string name, string members, bool counted)
    {
        var asserted = new AssertedCodeScanner([$"class T {{ {members} }}"]).Asserted();
        Assert.True(asserted.Contains("INF-LAT-001") == counted, $"{name}: {(counted ? "not counted" : "counted")}");
    }

    /// <summary>Codes of the catalogue, not retired, that no test asserts are produced, in catalogue order.</summary>
    private static List<string> Untested()
    {
        var asserted = AssertedCodes();
        return [.. FindingCatalog.All.Where(d => !d.Retired).Select(d => d.Code).Where(code => !asserted.Contains(code))];
    }

    private static HashSet<string> AssertedCodes()
    {
        var asserted = new AssertedCodeScanner(TestSources().Select(File.ReadAllText)).Asserted();
        asserted.UnionWith(DataTableCodes());
        return asserted;
    }

    /// <summary>Codes in the outcome column of the first Markdown table of each of <see cref="DataTables"/>.</summary>
    private static HashSet<string> DataTableCodes()
    {
        var known = FindingCatalog.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, column) in DataTables)
        {
            var index = -1;
            var lines = File.ReadLines(Path.Combine(TestsRoot, path)).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'));
            foreach (var line in lines)
            {
                var cells = line.Split('|', StringSplitOptions.TrimEntries);
                if (index < 0)
                {
                    index = Array.IndexOf(cells, column);
                    Assert.True(index > 0, $"{path}: the first table has no column '{column}'");
                    continue;
                }

                codes.UnionWith(cells[index].Split([' ', '`', '@', ','], StringSplitOptions.RemoveEmptyEntries).Where(known.Contains));
            }
        }

        return codes;
    }

    /// <summary>C# sources of the test projects (not build output, packages or the measurement scripts).</summary>
    private static IEnumerable<string> TestSources()
        => RepoPaths.CSharpSources(["tests"], "bench").Where(f => !Skipped.Contains(Path.GetFileName(f), StringComparer.Ordinal));
}
