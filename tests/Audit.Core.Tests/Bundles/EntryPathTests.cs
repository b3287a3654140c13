using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Tests.Bundles;

public sealed class EntryPathTests
{
    [Theory]
    [InlineData("closed/Azure/systems/x.json", "closed/Azure/systems/x.json")]
    [InlineData("./closed//Azure/./x.json", "closed/Azure/x.json")]
    [InlineData("closed\\Azure\\x.json", "closed/Azure/x.json")]
    public void Normalize_WhenPathIsSafe_ReturnsCanonicalPath(string raw, string expected)
        => Assert.Equal(expected, EntryPath.Normalize(raw, 64, out _));

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/x")]
    [InlineData("")]
    [InlineData("a/\0b")]
    [InlineData("./")]
    public void Normalize_WhenPathIsUnsafe_RefusesWithReason(string raw)
    {
        Assert.Null(EntryPath.Normalize(raw, 64, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Normalize_WhenDepthIsAroundLimit_RefusesDeeper(int segments, bool accepted)
    {
        var path = string.Join('/', Enumerable.Range(0, segments).Select(i => "d" + i));
        Assert.Equal(accepted, EntryPath.Normalize(path, 4, out _) is not null);
    }
}
