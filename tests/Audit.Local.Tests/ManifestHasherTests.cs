using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Local.Tests;

public sealed class ManifestHasherTests
{
    /// <summary>The digest as the README defines it, computed the plain way: every file read whole, lines in ordinal path order.</summary>
    private static string Reference(string root)
    {
        var paths = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        var manifest = string.Concat(
            paths.Select(p => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, p)))) + "  " + p + "\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
    }

    [Fact]
    public void Digest_WhenNothingIsRead_EqualsThePlainManifestDigestOfTheCorpus()
    {
        using var folder = DirectoryBundle.Open("v5.1", RepoPaths.InferenceV51, BundleLimits.Default);
        using var hasher = new ManifestHasher(folder);
        Assert.Equal(Reference(RepoPaths.InferenceV51), hasher.Digest);
        Assert.Equal(BundleDigest.OfManifest(folder), hasher.Digest);
    }

    [Fact]
    public void Digest_WhenTheAuditReadsFilesInPartOrTwice_StillCoversEveryByte()
    {
        using var folder = DirectoryBundle.Open("v5.1", RepoPaths.InferenceV51, BundleLimits.Default);
        using var hasher = new ManifestHasher(folder);
        var logs = hasher.Bundle.Entries.Where(e => e.FileName == "mlperf_log_detail.txt").ToList();
        Assert.NotEmpty(logs);
        Parallel.ForEach(logs, log =>
        {
            // Read 10 bytes only; the stream must hash the rest when disposed.
            using (var stream = hasher.Bundle.Open(log))
            {
                _ = stream.Read(new byte[10], 0, 10);
            }

            using var again = hasher.Bundle.Open(log);
            _ = again.Read(new byte[10], 0, 10);
        });

        foreach (var log in logs)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepoPaths.InferenceV51, log.Path)))),
                hasher.Sha256Of(log.Path));
        }

        Assert.Null(hasher.Sha256Of("no/such/file"));
        Assert.Equal(Reference(RepoPaths.InferenceV51), hasher.Digest);
    }

    [Fact]
    public void Open_WhenAFolderIsGiven_NamesItByTheManifestDigestAndGivesEachFilesHash()
    {
        using var opened = BundleOpener.Open(RepoPaths.InferenceV51, BundleLimits.Default, out var error);
        Assert.Null(error);
        var entry = opened!.Bundle.Entries[0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepoPaths.InferenceV51, entry.Path)))),
            opened.EntryDigests!.Sha256Of(entry.Path));
        Assert.Equal(Reference(RepoPaths.InferenceV51), opened.Sha256);
    }

    [Fact]
    public void Digest_WhenAFileVanishesAfterOpening_ThrowsAnIoErrorInsteadOfAWrongDigest()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mlperf-audit-hasher-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"f{i:00}.txt"), new string('x', i));
        }

        using var bundle = DirectoryBundle.Open("gone", folder, BundleLimits.Default);
        Directory.Delete(folder, recursive: true);
        using var hasher = new ManifestHasher(bundle);
        Assert.ThrowsAny<IOException>(() => hasher.Digest);
    }
}
