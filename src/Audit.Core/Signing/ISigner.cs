namespace MlPerfAudit.Core.Signing;

/// <summary>
/// Signs DSSE pre-authentication encodings with an ECDSA P-256 key. Implementations: a local PEM key
/// (Audit.Local) and Azure Key Vault (Audit.Azure). Thread-safe for concurrent <see cref="SignAsync"/> calls.
/// </summary>
public interface ISigner
{
    /// <summary>Lower-case hex SHA-256 of <see cref="PublicKeySpki"/>; written as the DSSE <c>keyid</c> and the JWKS <c>kid</c>.</summary>
    string KeyId { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo.</summary>
    ReadOnlyMemory<byte> PublicKeySpki { get; }

    /// <summary>Signs <c>SHA-256(pae)</c> with ECDSA P-256.</summary>
    /// <param name="pae">The bytes to sign (see <see cref="Pae"/>).</param>
    /// <param name="ct">Cancels a remote signing call.</param>
    /// <returns>The ASN.1 DER signature (never raw <c>r‖s</c>).</returns>
    Task<byte[]> SignAsync(ReadOnlyMemory<byte> pae, CancellationToken ct = default);
}
