using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>Message templates with named holes: parsed once, filled positionally, invariant culture.</summary>
public sealed class FindingMessageTests
{
    private static readonly FindingDefinition Sample = new("XXX-TEST-001", Severity.Warning, "A rule.", "tests");

    [Theory]
    [InlineData("no holes", new string[0], "no holes")]
    [InlineData("{a} and {b}", new[] { "x", "y" }, "x and y")]
    [InlineData("{a}, {b}, {a}", new[] { "x", "y" }, "x, y, x")]
    [InlineData("{{literal}} {a}", new[] { "x" }, "{literal} x")]
    [InlineData("[{a,4}]", new[] { "x" }, "[   x]")]
    public void Text_FillsNamedHolesInOrderOfFirstAppearance(string template, string[] values, string expected)
        => Assert.Equal(expected, new FindingMessage(Sample, template).Text([.. values]));

    [Fact]
    public void Text_FormatsWithTheHoleFormatAndTheInvariantCulture()
        => Assert.Equal("ratio 1.50, 1234.5", new FindingMessage(Sample, "ratio {ratio:F2}, {value}").Text(1.5, 1234.5));

    [Theory]
    [InlineData("{a}", 0)]
    [InlineData("{a}", 2)]
    [InlineData("{a} {b}", 1)]
    public void Text_WhenTheValueCountIsNotTheHoleCount_Throws(string template, int count)
    {
        var message = new FindingMessage(Sample, template);
        var error = Assert.Throws<ArgumentException>(() => message.Text([.. Enumerable.Repeat<object?>("v", count)]));
        Assert.Contains("XXX-TEST-001", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{1}")]
    [InlineData("{a b}")]
    [InlineData("{a")]
    [InlineData("a}")]
    public void Constructor_WhenTheTemplateIsMalformed_Throws(string template)
        => Assert.Throws<FormatException>(() => new FindingMessage(Sample, template));

    [Fact]
    public void At_CarriesTheDefinitionsCodeSeverityFileAndLine()
    {
        var finding = (Sample with { Message = "{file} is bad" }).At("a/b.txt", 7, "a/b.txt");
        Assert.Equal(new Finding("XXX-TEST-001", Severity.Warning, "a/b.txt is bad", "a/b.txt", 7), finding);
    }

    [Fact]
    public void Main_OfACopyWithAnotherMessage_IsTheCopysMessage()
    {
        var first = Sample with { Message = "first {x}" };
        Assert.Equal("first 1", first.Text(1));
        Assert.Equal("second 1", (first with { Message = "second {x}" }).Text(1));
    }

    [Fact]
    public void Main_WhenTheDefinitionHasNoMessage_Throws()
        => Assert.Throws<InvalidOperationException>(() => Sample.Text());

    [Fact]
    public void Catalog_EveryMessageTemplateParses()
    {
        var messages = FindingCatalog.Messages;
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.NotNull(FindingCatalog.Find(m.Definition.Code)));
    }

    [Fact]
    public void Catalog_EveryCodeStillRaisedHasItsMessageInTheCatalogue()
    {
        var missing = FindingCatalog.All.Where(d => !d.Retired && d.Message is null).Select(d => d.Code).ToList();
        Assert.True(missing.Count == 0, "No message template in the catalogue: " + string.Join(", ", missing));
    }
}
