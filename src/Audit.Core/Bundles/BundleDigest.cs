using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace MlPerfAudit.Core.Bundles;

/// <summary>SHA-256 digests that identify a bundle in the report and in the signed statement.</summary>
public static class BundleDigest
{
    /// <summary>Reads in 1 MiB chunks: SHA256.HashData(Stream) reads 4 KiB at a time, a system call each on an unbuffered file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string HashInChunks(Stream stream)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, n);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hex SHA-256 of a stream's bytes (an archive as uploaded).</summary>
    public static string OfStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return HashInChunks(stream);
    }

    /// <summary>
    /// Digest of a folder: the SHA-256 of its manifest, one line per file in ordinal path order,
    /// <c>&lt;sha256 hex&gt;  &lt;path&gt;\n</c>, which is exactly what
    /// <c>find . -type f | cut -c3- | LC_ALL=C sort | xargs sha256sum | sha256sum</c> hashes.
    /// </summary>
    public static string OfManifest(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        // Files are hashed in parallel; the manifest is then written in path order. ManifestHasher computes the same
        // value while a bundle is audited.
        var entries = bundle.Entries;
        var hashes = new string[entries.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = bundle.SupportsConcurrentReads ? Environment.ProcessorCount : 1 };
        Parallel.For(0, entries.Count, parallel, i =>
        {
            using var stream = bundle.Open(entries[i]);
            hashes[i] = HashInChunks(stream);
        });

        return OfManifest(entries, i => hashes[i]);
    }

    /// <summary>The manifest digest of <paramref name="entries"/> (in their ordinal path order) from each file's hex SHA-256.</summary>
    /// <param name="entries">The bundle's files, sorted by path.</param>
    /// <param name="sha256Of">Hex SHA-256 of entry <c>i</c>.</param>
    internal static string OfManifest(IReadOnlyList<BundleEntry> entries, Func<int, string> sha256Of)
    {
        using var manifest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < entries.Count; i++)
        {
            manifest.AppendData(Encoding.UTF8.GetBytes($"{sha256Of(i)}  {entries[i].Path}\n"));
        }

        return Convert.ToHexStringLower(manifest.GetHashAndReset());
    }
}
