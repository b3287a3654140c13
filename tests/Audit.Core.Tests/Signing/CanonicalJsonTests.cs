using System.Text;
using System.Text.Json.Nodes;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Core.Tests.Signing;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{ "b": 1, "a": 2 }""", """{"a":2,"b":1}""")]
    [InlineData("""{"z":{"y":[3, 2, {"b":true,"a":null}]},"a":false}""", """{"a":false,"z":{"y":[3,2,{"a":null,"b":true}]}}""")]
    [InlineData("""{"_type":1,"subject":2,"predicateType":3,"predicate":4}""", """{"_type":1,"predicate":4,"predicateType":3,"subject":2}""")]
    [InlineData("""{"https://x":1,"policy":2,"verifier":3}""", """{"https://x":1,"policy":2,"verifier":3}""")]
    [InlineData("""[-0, 9007199254740992, -9007199254740992]""", """[0,9007199254740992,-9007199254740992]""")]
    [InlineData("""["a\"b\\c\/d"]""", """["a\"b\\c/d"]""")]
    [InlineData("""["\u0001\b\t\n\f\r\u001f"]""", """["\u0001\b\t\n\f\r\u001f"]""")]
    [InlineData("""["\u00e9\u20ac\ud83d\ude00+<>&'"]""", "[\"é€😀+<>&'\"]")]
    public void Serialize_WhenGivenJson_WritesSortedCompactMinimallyEscaped(string input, string expected)
    {
        var bytes = CanonicalJson.Serialize(JsonNode.Parse(input));

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialize_WhenKeysNeedUtf16Ordering_SortsByCodeUnitsLikeRfc8785()
    {
        // RFC 8785 §3.2.3 example: keys sort by UTF-16 code units, so U+1F600 (surrogates D83D DE00) sorts before U+FB33.
        var node = new JsonObject { ["\u20ac"] = 1, ["\r"] = 2, ["\ufb33"] = 7, ["\ud83d\ude00"] = 3, ["1"] = 4, ["\u0080"] = 5, ["\u00f6"] = 6 };

        var text = Encoding.UTF8.GetString(CanonicalJson.Serialize(node));

        Assert.Equal("{\"\\r\":2,\"1\":4,\"\u0080\":5,\"\u00f6\":6,\"\u20ac\":1,\"\ud83d\ude00\":3,\"\ufb33\":7}", text);
    }

    [Theory]
    [InlineData("[1.5]")]
    [InlineData("[9007199254740993]")]
    [InlineData("[1e400]")]
    public void Serialize_WhenNumberIsNotASafeInteger_Throws(string input)
    {
        Assert.Throws<NotSupportedException>(() => CanonicalJson.Serialize(JsonNode.Parse(input)));
    }

    [Fact]
    public void Serialize_WhenStringHasUnpairedSurrogate_Throws()
    {
        Assert.Throws<NotSupportedException>(() => CanonicalJson.Serialize(new JsonArray("a\ud800b")));
    }
}
