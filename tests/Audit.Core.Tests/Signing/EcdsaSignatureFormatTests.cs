using System.Security.Cryptography;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Core.Tests.Signing;

public sealed class EcdsaSignatureFormatTests
{
    [Fact]
    public void P1363ToDer_WhenGivenKeyVaultStyleSignature_VerifiesAsDer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "payload"u8.ToArray();
        for (var i = 0; i < 50; i++)
        {
            var raw = key.SignHash(SHA256.HashData(data), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            var der = EcdsaSignatureFormat.P1363ToDer(raw);

            Assert.True(EcdsaSignatureFormat.IsStrictDer(der));
            Assert.True(key.VerifyData(data, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    private const string Zeros31 = "00000000000000000000000000000000000000000000000000000000000000";

    [Theory]
    [InlineData(Zeros31 + "01", Zeros31 + "02", "3006" + "020101" + "020102")]
    [InlineData("80" + Zeros31, Zeros31 + "01", "3026" + "022100" + "80" + Zeros31 + "020101")]
    [InlineData("7f" + Zeros31, Zeros31 + "ff", "3026" + "0220" + "7f" + Zeros31 + "020200ff")]
    public void P1363ToDer_WhenHalvesHaveLeadingZerosOrHighBit_WritesMinimalPositiveIntegers(string rHex, string sHex, string derHex)
    {
        var der = EcdsaSignatureFormat.P1363ToDer(Convert.FromHexString(rHex + sHex));

        Assert.Equal(derHex, Convert.ToHexStringLower(der));
    }

    [Theory]
    [InlineData("")]
    [InlineData("010203")]
    public void P1363ToDer_WhenLengthIsOddOrZero_Throws(string rawHex)
    {
        Assert.Throws<ArgumentException>(() => EcdsaSignatureFormat.P1363ToDer(Convert.FromHexString(rawHex)));
    }

    [Theory]
    [InlineData("3006020101020102", true)]
    [InlineData("300602010102010200", false)]
    [InlineData("3007020101020102", false)]
    [InlineData("30060201010201fe", false)]
    [InlineData("3006020100020102", false)]
    [InlineData("300702020001020102", false)]
    [InlineData("3003020101", false)]
    [InlineData("3009020101020102020103", false)]
    [InlineData("3180060201010201" + "02", false)]
    [InlineData("", false)]
    public void IsStrictDer_WhenGivenEncoding_AcceptsOnlyMinimalSequenceOfTwoPositiveIntegers(string hex, bool expected)
    {
        Assert.Equal(expected, EcdsaSignatureFormat.IsStrictDer(Convert.FromHexString(hex)));
    }

    [Fact]
    public void IsStrictDer_WhenGivenRaw64ByteSignature_ReturnsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var i = 0; i < 50; i++)
        {
            var raw = key.SignData("x"u8, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            Assert.False(EcdsaSignatureFormat.IsStrictDer(raw));
        }
    }
}
