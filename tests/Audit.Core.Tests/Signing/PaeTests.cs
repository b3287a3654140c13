using System.Text;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Core.Tests.Signing;

public sealed class PaeTests
{
    [Theory]
    [InlineData("http://example.com/HelloWorld", "hello world", "DSSEv1 29 http://example.com/HelloWorld 11 hello world")]
    [InlineData("t", "", "DSSEv1 1 t 0 ")]
    [InlineData("", "x", "DSSEv1 0  1 x")]
    [InlineData("application/vnd.in-toto+json", "{}", "DSSEv1 28 application/vnd.in-toto+json 2 {}")]
    [InlineData("é", "ü", "DSSEv1 2 é 2 ü")]
    public void Encode_WhenGivenTypeAndBody_ReturnsSpecLayoutWithByteLengths(string type, string body, string expected)
    {
        var pae = Pae.Encode(type, Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Encode_WhenBodyIsLong_WritesDecimalLengthWithoutLeadingZeros()
    {
        var body = new byte[1000];

        var pae = Pae.Encode("t", body);

        Assert.StartsWith("DSSEv1 1 t 1000 ", Encoding.ASCII.GetString(pae, 0, 16), StringComparison.Ordinal);
        Assert.Equal(16 + 1000, pae.Length);
    }
}
