using System.Security.Cryptography;
using System.Text;

namespace MlPerfAudit.Core.Bundles;

/// <summary>SHA-256 digests that identify a bundle in the report and in the signed statement.</summary>
public static class BundleDigest
{
    /// <summary>Hex SHA-256 of a stream's bytes (an archive as uploaded).</summary>
    public static string OfStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Digest of a folder: the SHA-256 of its manifest, one line per file in ordinal path order,
    /// <c>&lt;sha256 hex&gt;  &lt;path&gt;\n</c>, which is exactly what
    /// <c>find . -type f | cut -c3- | LC_ALL=C sort | xargs sha256sum | sha256sum</c> hashes.
    /// </summary>
    public static string OfManifest(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using var manifest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in bundle.Entries)
        {
            using var stream = bundle.Open(entry);
            var line = $"{Convert.ToHexStringLower(SHA256.HashData(stream))}  {entry.Path}\n";
            manifest.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return Convert.ToHexStringLower(manifest.GetHashAndReset());
    }
}
