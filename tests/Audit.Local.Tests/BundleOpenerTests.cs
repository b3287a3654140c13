using System.Formats.Tar;
using System.IO.Compression;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Local.Tests;

public sealed class BundleOpenerTests
{
    private static string Temp()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlperf-audit-local-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void Open_WhenPathIsAFolder_DigestsItsManifest()
    {
        var folder = Temp();
        File.WriteAllText(Path.Combine(folder, "b.txt"), "beta\n");
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        File.WriteAllText(Path.Combine(folder, "a", "x.txt"), "alpha\n");
        using var opened = BundleOpener.Open(folder, BundleLimits.Default, out var error);
        Assert.Null(error);
        Assert.Equal(["a/x.txt", "b.txt"], opened!.Bundle.Entries.Select(e => e.Path));
        // sha256sum of the two files, then sha256 of "<hash>  <path>\n" lines in path order.
        var manifest = string.Concat(opened.Bundle.Entries.Select(e =>
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, e.Path)))) + "  " + e.Path
                + "\n"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(manifest))),
            opened.Sha256);
    }

    [Fact]
    public void Open_WhenTarGzIsGiven_ExtractsIntoAPrivateRootAndDeletesIt()
    {
        var work = Temp();
        var archive = Path.Combine(work, "bundle.tgz");
        TarFile.CreateFromDirectory(Path.Combine(RepoPaths.InferenceV51, "closed", "Azure", "systems"), Path.Combine(work, "plain.tar"),
            includeBaseDirectory: true);
        using (var input = File.OpenRead(Path.Combine(work, "plain.tar")))
        using (var output = File.Create(archive))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            input.CopyTo(gzip);
        }

        string root;
        using (var opened = BundleOpener.Open(archive, BundleLimits.Default, out var error))
        {
            Assert.Null(error);
            var entry = Assert.Single(opened!.Bundle.Entries);
            Assert.Equal("systems/ND_GB200_v6.json", entry.Path);
            root = Path.GetDirectoryName(Path.GetDirectoryName(((FileStream)opened.Bundle.Open(entry)).Name))!;
            Assert.StartsWith(Path.GetTempPath(), root, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Open_WhenFolderHasASymlink_SkipsItWithAFinding()
    {
        var folder = Temp();
        File.WriteAllText(Path.Combine(folder, "real.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(folder, "passwd"), "/etc/passwd");
        using var opened = BundleOpener.Open(folder, BundleLimits.Default, out _);
        Assert.Equal(["real.txt"], opened!.Bundle.Entries.Select(e => e.Path));
        Assert.Contains(opened.Bundle.OpeningFindings, f => f.Code == "BUN-PATH-003");
    }

    [Theory]
    [InlineData("code", true)]
    [InlineData("./code/", true)]
    [InlineData("../X/code", true)]
    [InlineData("missing", false)]
    [InlineData("../../..", false)]
    [InlineData("/etc", false)]
    public void Open_WhenASubmittersSrcIsALink_RecordsItWithoutFollowing_AndTheIndexResolvesOnlyFoldersInside(string target, bool resolves)
    {
        // v6.0 submitters publish src -> code; the official checker follows it, we only ask whether it names a folder of the bundle.
        var folder = Temp();
        var code = Directory.CreateDirectory(Path.Combine(folder, "closed", "X", "code", "bench")).FullName;
        File.WriteAllText(Path.Combine(code, "run.py"), "x");
        File.CreateSymbolicLink(Path.Combine(folder, "closed", "X", "src"), target);
        using var opened = BundleOpener.Open(folder, BundleLimits.Default, out _);
        var bundle = opened!.Bundle;
        Assert.Equal(["closed/X/code/bench/run.py"], bundle.Entries.Select(e => e.Path));
        Assert.Equal(target, bundle.Links["closed/X/src"]);
        var index = new BundleIndex(bundle);
        Assert.False(index.FolderExists("closed/X/src"));
        Assert.Equal(resolves, index.FolderExistsOrLinked("closed/X/src"));
    }

    [Theory]
    [InlineData("empty.zip", new byte[0])]
    [InlineData("text.tar.gz", new byte[] { (byte)'h', (byte)'i' })]
    [InlineData("cut.tgz", new byte[] { 0x1f, 0x8b, 8, 0, 0, 0 })]
    public void Open_WhenFileIsNotAReadableArchive_ReturnsInputErrorNamingIt(string name, byte[] bytes)
    {
        var path = Path.Combine(Temp(), name);
        File.WriteAllBytes(path, bytes);
        Assert.Null(BundleOpener.Open(path, BundleLimits.Default, out var error));
        Assert.Contains(name, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WhenTarHasTraversal_RefusesAndWritesNothingOutside()
    {
        var work = Temp();
        var archive = Path.Combine(work, "evil.tar");
        using (var stream = File.Create(archive))
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../../escaped.txt") { DataStream = new MemoryStream([1, 2, 3]) });
        }

        Assert.Null(BundleOpener.Open(archive, BundleLimits.Default, out var error));
        Assert.Equal("BUN-PATH-001", error!.Code);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escaped.txt")));
    }
}
