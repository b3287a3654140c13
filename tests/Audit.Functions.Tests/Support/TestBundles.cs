using System.IO.Compression;
using System.Text;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Functions.Tests.Support;

/// <summary>
/// Real bundles made by the tests from the published v5.1 corpus (read in place, never copied into the repo):
/// a zip of Azure's closed submission (ND_GB200_v6, 4 results). A nonce entry makes distinct bundles (distinct digests).
/// </summary>
internal static class TestBundles
{
    private static readonly Lazy<byte[]> AzureZip = new(() => Zip(RepoPaths.Corpus("inference", "v5.1", "closed", "Azure"), "closed/Azure", null));

    /// <summary>Azure's v5.1 closed submission as a zip with entries under <c>closed/Azure/</c>.</summary>
    public static byte[] Azure => AzureZip.Value;

    /// <summary>The same results plus a small stray file <c>closed/Azure/nonce-N.txt</c>, so the bundle digest differs per N.</summary>
    public static byte[] AzureVariant(int n)
    {
        using var output = new MemoryStream();
        output.Write(Azure);
        output.Position = 0;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.CreateEntry($"closed/Azure/nonce-{n}.txt");
            using var stream = entry.Open();
            stream.Write(Encoding.ASCII.GetBytes($"bundle {n}\n"));
        }

        return output.ToArray();
    }

    private static byte[] Zip(string folder, string prefix, string? nonce)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = prefix + "/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var target = entry.Open();
                using var source = File.OpenRead(file);
                source.CopyTo(target);
            }

            if (nonce is not null)
            {
                using var target = zip.CreateEntry(prefix + "/nonce.txt").Open();
                target.Write(Encoding.ASCII.GetBytes(nonce));
            }
        }

        return output.ToArray();
    }
}
