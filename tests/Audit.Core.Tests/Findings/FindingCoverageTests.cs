using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>
/// Every code of the finding catalogue is asserted by some test. A code counts as asserted when a test source names it
/// outside a comment, as a literal (<c>"INF-LAT-001"</c>) or as its catalogue field (<c>FindingCatalog.InfTtftOverLimit</c>),
/// or when a test's data table under tests/ (JSON, Markdown such as the hostile-input table) lists it as an outcome.
/// Codes no test asserts yet are listed in <c>untested-codes.txt</c>; the list may only shrink.
/// </summary>
public sealed partial class FindingCoverageTests
{
    private static string AllowListPath => Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Findings", "untested-codes.txt");

    [GeneratedRegex("[A-Z]{3}-[A-Z0-9]{2,6}-[0-9]{3}")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"FindingCatalog\.([A-Za-z0-9_]+)")]
    private static partial Regex CatalogField();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [Fact]
    public void Catalog_WhenACodeIsAssertedByNoTest_IsListedInTheAllowList()
    {
        var untested = Untested();
        var allowed = AllowList();

        var newlyUntested = untested.Except(allowed, StringComparer.Ordinal).ToList();
        Assert.True(newlyUntested.Count == 0,
            $"{newlyUntested.Count} catalogue code(s) asserted by no test: {string.Join(", ", newlyUntested)}. "
            + "Write a test on real data that produces each code (or retire the code; never reuse it).");
    }

    [Fact]
    public void AllowList_WhenACodeIsNowTestedOrGone_IsShrunk()
    {
        var untested = Untested().ToHashSet(StringComparer.Ordinal);
        var stale = AllowList().Where(code => !untested.Contains(code)).ToList();
        Assert.True(stale.Count == 0,
            $"untested-codes.txt lists {stale.Count} code(s) that are tested now or not in the catalogue: {string.Join(", ", stale)}. Remove them.");
    }

    [Fact]
    public void Untested_WhenATestNamesACode_CountsItAsAsserted()
    {
        // The scanner itself: a code named by a test here is not untested; a made-up field name maps to nothing.
        Assert.DoesNotContain(FindingCatalog.InfTtftOverLimit.Code, Untested());
        Assert.Contains("INF-LAT-001", AssertedCodes(["Assert.Contains(\"INF-LAT-001\", codes);"]));
        Assert.Empty(AssertedCodes(["// INF-LAT-001 in a comment only", "FindingCatalog.NoSuchField"]));
        Assert.Contains("INF-LAT-001", AssertedCodes(["Assert.Equal(FindingCatalog.InfTtftOverLimit.Code, f.Code);"]));
    }

    /// <summary>Codes of the catalogue that no test source or test data file under tests/ names, in code order.</summary>
    private static List<string> Untested()
    {
        var asserted = AssertedCodes(TestSources().Select(File.ReadAllText));
        return [.. FindingCatalog.All.Select(d => d.Code).Where(code => !asserted.Contains(code))];
    }

    private static HashSet<string> AssertedCodes(IEnumerable<string> sources)
    {
        var byField = typeof(FindingCatalog).GetFields()
            .Where(f => f.FieldType == typeof(FindingDefinition))
            .ToDictionary(f => f.Name, f => ((FindingDefinition)f.GetValue(null)!).Code, StringComparer.Ordinal);
        var known = FindingCatalog.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var asserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var text = LineComment().Replace(source, string.Empty);
            asserted.UnionWith(CodeShape().Matches(text).Select(m => m.Value).Where(known.Contains));
            asserted.UnionWith(CatalogField().Matches(text).Select(m => m.Groups[1].Value).Where(byField.ContainsKey).Select(n => byField[n]));
        }

        return asserted;
    }

    /// <summary>C# sources and JSON/Markdown data of the test projects (not build output, packages or the measurement scripts).</summary>
    private static IEnumerable<string> TestSources()
    {
        var skip = new[] { "bin", "obj", "node_modules", "bench" };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(Path.Combine(RepoPaths.Root, "tests"))]);
        while (pending.TryPop(out var dir))
        {
            foreach (var sub in dir.EnumerateDirectories().Where(d => !skip.Contains(d.Name, StringComparer.Ordinal)))
            {
                pending.Push(sub);
            }

            foreach (var file in dir.EnumerateFiles().Where(f => f.Extension is ".cs" or ".json" or ".md"))
            {
                if (file.Name != nameof(FindingCoverageTests) + ".cs")
                {
                    yield return file.FullName;
                }
            }
        }
    }

    /// <summary>The allow-list: one code a line; '#' starts a comment.</summary>
    private static List<string> AllowList()
        => [.. File.ReadAllLines(AllowListPath).Select(l => (l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l).Trim())
            .Where(l => l.Length > 0)];
}
