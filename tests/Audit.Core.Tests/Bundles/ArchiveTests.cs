using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Tests.Bundles;

/// <summary>Archives built by the tests themselves (no binary fixtures), read with the bundle readers.</summary>
public sealed class ArchiveTests
{
    private sealed class MemoryTarget : IExtractionTarget
    {
        public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

        public void Write(string path, Stream content)
        {
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            Files[path] = buffer.ToArray();
        }
    }

    private static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static MemoryStream TarGz(Action<TarWriter> write)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }

        stream.Position = 0;
        return stream;
    }

    private static void AddFile(TarWriter tar, string name, string text)
        => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });

    [Fact]
    public void ZipBundle_ReadsEntriesInPathOrder()
    {
        using var bundle = ZipBundle.Open("t.zip", Zip(("b/2.txt", "two"), ("a/1.txt", "one")), BundleLimits.Default);
        Assert.Equal(["a/1.txt", "b/2.txt"], bundle.Entries.Select(e => e.Path));
        using var reader = new StreamReader(bundle.Open(bundle.Entries[1]));
        Assert.Equal("two", reader.ReadToEnd());
    }

    [Theory]
    [InlineData("../evil.txt", "BUN-PATH-001")]
    [InlineData("/abs.txt", "BUN-PATH-001")]
    public void ZipBundle_WhenEntryEscapesRoot_RefusesArchive(string name, string code)
    {
        var ex = Assert.Throws<BundleInputException>(() => ZipBundle.Open("t.zip", Zip((name, "x")), BundleLimits.Default));
        Assert.Equal(code, ex.Code);
        Assert.Contains("t.zip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipBundle_WhenEntriesDuplicate_RefusesArchive()
        => Assert.Equal("BUN-PATH-002",
            Assert.Throws<BundleInputException>(() => ZipBundle.Open("t.zip", Zip(("a.txt", "1"), ("./a.txt", "2")), BundleLimits.Default)).Code);

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void ZipBundle_WhenEntryCountIsAroundLimit_RefusesMore(int limit, bool accepted)
    {
        var archive = Zip(("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"));
        var limits = new BundleLimits { MaxEntries = limit };
        if (accepted)
        {
            using var bundle = ZipBundle.Open("t.zip", archive, limits);
            Assert.Equal(4, bundle.Entries.Count);
        }
        else
        {
            Assert.Equal("BUN-LIM-001", Assert.Throws<BundleInputException>(() => ZipBundle.Open("t.zip", archive, limits)).Code);
        }
    }

    [Fact]
    public void ZipBundle_WhenCompressionRatioIsExtreme_RefusesAsZipBomb()
    {
        var archive = Zip(("bomb.txt", new string('0', 8 << 20)));
        Assert.Equal("BUN-LIM-001",
            Assert.Throws<BundleInputException>(() => ZipBundle.Open("t.zip", archive, new BundleLimits { MaxCompressionRatio = 100 })).Code);
    }

    [Fact]
    public void ZipBundle_WhenBytesAreNotAZip_GivesInputError()
        => Assert.Throws<BundleInputException>(
            () => ZipBundle.Open("t.zip", new MemoryStream(Encoding.UTF8.GetBytes("PK\u0003\u0004 not really")), BundleLimits.Default));

    [Fact]
    public void TarReader_ExtractsRegularFilesAndSkipsLinks()
    {
        var archive = TarGz(tar =>
        {
            AddFile(tar, "r/a.txt", "alpha");
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "r/link") { LinkName = "/etc/passwd" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "r/hard") { LinkName = "r/a.txt" });
        });
        var target = new MemoryTarget();
        var findings = TarArchiveReader.Extract("t.tgz", archive, gzip: true, BundleLimits.Default, target);
        Assert.Equal(["r/a.txt"], target.Files.Keys);
        Assert.Equal(2, findings.Count(f => f.Code == "BUN-PATH-003"));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/tmp/x")]
    public void TarReader_WhenEntryEscapesRoot_RefusesArchive(string name)
    {
        var archive = TarGz(tar => AddFile(tar, name, "x"));
        Assert.Equal("BUN-PATH-001",
            Assert.Throws<BundleInputException>(
            () => TarArchiveReader.Extract("t.tgz", archive, true, BundleLimits.Default, new MemoryTarget())).Code);
    }

    [Fact]
    public void TarReader_WhenArchiveIsTruncated_GivesInputError()
    {
        var full = TarGz(tar => AddFile(tar, "a.txt", new string('x', 100_000))).ToArray();
        var cut = new MemoryStream(full[..(full.Length / 2)]);
        Assert.Throws<BundleInputException>(() => TarArchiveReader.Extract("t.tgz", cut, true, BundleLimits.Default, new MemoryTarget()));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4b, 3, 4 }, ArchiveFormat.Zip)]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0 }, ArchiveFormat.GzipTar)]
    [InlineData(new byte[] { 0x7b, 0x7d }, ArchiveFormat.Unknown)]
    public void Detect_ClassifiesByMagicBytes(byte[] head, ArchiveFormat expected)
        => Assert.Equal(expected, ArchiveFormatSniffer.Detect(head));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Validate_WhenLimitsAreOutOfRange_ReportsEveryProblem(int entries, int depth)
    {
        var problems = new BundleLimits { MaxEntries = entries, MaxPathDepth = depth }.Validate();
        Assert.Single(problems);
        Assert.Equal(2, new BundleLimits { MaxEntries = 0, MaxPathDepth = 0 }.Validate().Count);
    }
}
