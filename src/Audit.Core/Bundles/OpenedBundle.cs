namespace MlPerfAudit.Core.Bundles;

/// <summary>A bundle ready to audit, with the digest that names it.</summary>
/// <param name="Bundle">The readable tree; the owner disposes it.</param>
/// <param name="Sha256">Hex SHA-256 of the archive bytes, or of the folder manifest (<see cref="BundleDigest.OfManifest"/>).</param>
public sealed record OpenedBundle(IBundle Bundle, string Sha256) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Bundle.Dispose();
}
