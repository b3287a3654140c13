using System.Security.Cryptography;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Tests.Signing;

/// <summary>An in-memory P-256 signer with a fresh key; real crypto, no disk.</summary>
internal sealed class EphemeralSigner : ISigner, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public EphemeralSigner()
    {
        PublicKeySpki = _key.ExportSubjectPublicKeyInfo();
        KeyId = KeyIds.Of(PublicKeySpki.Span);
    }

    public string KeyId { get; }

    public ReadOnlyMemory<byte> PublicKeySpki { get; }

    /// <summary>When true, returns raw r‖s instead of DER (a broken signer).</summary>
    public bool ReturnRawSignature { get; init; }

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> pae, CancellationToken ct = default)
        => Task.FromResult(_key.SignData(
            pae.Span,
            HashAlgorithmName.SHA256,
            ReturnRawSignature ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>Signs with raw r‖s whatever <see cref="ReturnRawSignature"/> says.</summary>
    public byte[] SignRaw(ReadOnlySpan<byte> data)
        => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
