namespace MlPerfAudit.Core.Bundles;

/// <summary>A bundle ready to audit, with the digest that names it.</summary>
public sealed class OpenedBundle : IDisposable
{
    private readonly string? _sha256;
    private readonly ManifestHasher? _hasher;

    /// <summary>A bundle whose digest is already known (an archive's SHA-256).</summary>
    /// <param name="bundle">The readable tree; disposed with this object.</param>
    /// <param name="sha256">Hex SHA-256 that names the bundle.</param>
    public OpenedBundle(IBundle bundle, string sha256)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(sha256);
        Bundle = bundle;
        _sha256 = sha256;
    }

    /// <summary>A folder whose manifest digest is computed while it is audited (<see cref="ManifestHasher"/>).</summary>
    /// <param name="hasher">The hasher over the folder; disposed with this object.</param>
    public OpenedBundle(ManifestHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        Bundle = hasher.Bundle;
        _hasher = hasher;
    }

    /// <summary>The readable tree.</summary>
    public IBundle Bundle { get; }

    /// <summary>
    /// Hex SHA-256 of the archive bytes, or of the folder manifest (<see cref="BundleDigest.OfManifest(IBundle)"/>).
    /// For a folder, reading it waits until every file has been hashed.
    /// </summary>
    public string Sha256 => _sha256 ?? _hasher!.Digest;

    /// <summary>Each file's SHA-256 by path (folders); null otherwise.</summary>
    public IEntryDigests? EntryDigests => _hasher;

    /// <inheritdoc />
    public void Dispose() => Bundle.Dispose();
}
