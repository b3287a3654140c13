namespace MlPerfAudit.Core.Bundles;

/// <summary>A bundle ready to audit, with the digest that names it.</summary>
/// <param name="Bundle">The readable tree; the owner disposes it.</param>
/// <param name="Sha256">Hex SHA-256 of the archive bytes, or of the folder manifest (<see cref="BundleDigest.OfManifest(IBundle)"/>).</param>
public sealed record OpenedBundle(IBundle Bundle, string Sha256) : IDisposable
{
    /// <summary>Each file's SHA-256 (hex) by path, when opening computed them (folders); null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? EntryDigests { get; init; }

    /// <inheritdoc />
    public void Dispose() => Bundle.Dispose();
}
