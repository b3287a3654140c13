using System.Security.Cryptography;

namespace MlPerfAudit.Core.Signing;

/// <summary>Key identifiers: the lower-case hex SHA-256 of a key's DER SubjectPublicKeyInfo (64 characters).</summary>
public static class KeyIds
{
    /// <summary>The key id of a public key.</summary>
    public static string Of(ReadOnlySpan<byte> spki) => Convert.ToHexStringLower(SHA256.HashData(spki));
}
