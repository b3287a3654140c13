using System.Text;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Core.Tests.Signing;

public sealed class DsseJsonTests
{
    private static readonly DsseEnvelope Sample = new(
        DsseEnvelope.InTotoPayloadType,
        new byte[] { 0xfb, 0xff, 0x00, 0x7b, 0x7d },
        [new DsseSignature("ab", new byte[] { 0x30, 0x06, 0xfe, 0xff })]);

    [Fact]
    public void Write_WhenGivenEnvelope_WritesCanonicalJsonWithStandardBase64()
    {
        var text = Encoding.UTF8.GetString(DsseJson.Write(Sample));

        Assert.Equal("""{"payload":"+/8Ae30=","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"ab","sig":"MAb+/w=="}]}""", text);
    }

    [Theory]
    [InlineData("""{"payload":"+/8Ae30=","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"ab","sig":"MAb+/w=="}]}""")]
    [InlineData("""{"payload":"-_8Ae30","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"ab","sig":"MAb-_w"}]}""")]
    [InlineData("""{"signatures":[{"sig":"MAb-_w==","keyid":"ab"}],"payloadType":"application/vnd\u002Ein-toto+json","payload":"-_8Ae30="}""")]
    public void TryRead_WhenStandardOrUrlSafeBase64_ReadsSameEnvelope(string json)
    {
        var envelope = DsseJson.TryRead(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(error);
        Assert.NotNull(envelope);
        Assert.Equal(Sample.Payload.ToArray(), envelope.Payload.ToArray());
        Assert.Equal(Sample.PayloadType, envelope.PayloadType);
        Assert.Equal("ab", Assert.Single(envelope.Signatures).KeyId);
        Assert.Equal(Sample.Signatures[0].Signature.ToArray(), envelope.Signatures[0].Signature.ToArray());
    }

    [Fact]
    public void TryRead_WhenKeyIdIsAbsent_ReadsEmptyKeyId()
    {
        var envelope = DsseJson.TryRead("""{"payload":"","payloadType":"t","signatures":[{"sig":"MAA="}]}"""u8, out _);

        Assert.Equal(string.Empty, Assert.Single(envelope!.Signatures).KeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("""{"payload":"AA==","payloadType":"t"}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":[]}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":[{"keyid":"k"}]}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":[{"sig":""}]}""")]
    [InlineData("""{"payload":"A*==","payloadType":"t","signatures":[{"sig":"MAA="}]}""")]
    [InlineData("""{"payload":"A","payloadType":"t","signatures":[{"sig":"MAA="}]}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":[{"sig":"MA A="}]}""")]
    [InlineData("""{"payload":"AA==","payloadType":1,"signatures":[{"sig":"MAA="}]}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":[{"sig":"MAA="}],"extra":1}""")]
    [InlineData("""{"payload":"AA==","payload":"AA==","payloadType":"t","signatures":[{"sig":"MAA="}]}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":[{"sig":"MAA=","sig":"MAA="}]}""")]
    [InlineData("""{"payload":"AA==","payloadType":"t","signatures":["MAA="]}""")]
    public void TryRead_WhenNotAStrictEnvelope_ReturnsNullWithError(string json)
    {
        var envelope = DsseJson.TryRead(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(envelope);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
