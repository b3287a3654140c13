using System.Security.Cryptography;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Local.Signing;

/// <summary>Signs with a local ECDSA P-256 private key (from <see cref="LocalKeyStore"/>); DER signatures.</summary>
public sealed class LocalSigner : ISigner, IDisposable
{
    private readonly ECDsa _key;

    /// <summary>Takes ownership of <paramref name="key"/>, which must be a P-256 private key.</summary>
    /// <exception cref="ArgumentException">The key is not on P-256.</exception>
    public LocalSigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException($"expected a P-256 key, got {key.KeySize} bits", nameof(key));
        }

        _key = key;
        PublicKeySpki = key.ExportSubjectPublicKeyInfo();
        KeyId = KeyIds.Of(PublicKeySpki.Span);
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKeySpki { get; }

    /// <inheritdoc />
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> pae, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(_key.SignData(pae.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
