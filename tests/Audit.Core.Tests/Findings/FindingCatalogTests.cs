using System.Text.RegularExpressions;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>House rules of the finding catalogue.</summary>
public sealed partial class FindingCatalogTests
{
    [GeneratedRegex("^[A-Z]{3}-[A-Z0-9]{2,6}-[0-9]{3}$")]
    private static partial Regex CodeShape();

    [Fact]
    public void All_CodesAreUniqueAndWellFormed()
    {
        var all = FindingCatalog.All;
        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Select(d => d.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, d => Assert.Matches(CodeShape(), d.Code));
        Assert.All(all, d => Assert.False(string.IsNullOrWhiteSpace(d.Rule)));
    }

    [Fact]
    public void Find_ReturnsDefinitionByCode()
        => Assert.Same(FindingCatalog.InfTtftOverLimit, FindingCatalog.Find("INF-LAT-001"));

    [Fact]
    public void Find_WhenCodeIsUnknown_ReturnsNull() => Assert.Null(FindingCatalog.Find("XXX-NOPE-999"));
}
