using System.Formats.Tar;
using System.IO.Compression;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Local.Bundles;
using static MlPerfAudit.Local.Tests.Hostile.HostileArchives;

namespace MlPerfAudit.Local.Tests.Hostile;

/// <summary>
/// Hostile archives built by the tests, opened through <see cref="BundleOpener"/> as the CLI does. Each case
/// names its documented outcome (see README.md): an input error code, or "opened" plus the opening findings.
/// </summary>
public sealed class HostileArchiveTests
{
    /// <summary>Small limits, so limit cases stay fast.</summary>
    internal static readonly BundleLimits Small = new()
    {
        MaxEntries = 5,
        MaxTotalBytes = 4096,
        MaxEntryBytes = 2048,
        MaxPathDepth = 4,
    };

    private static readonly BundleLimits LowRatio = new() { MaxCompressionRatio = 10 };

    /// <summary>One hostile input: a name, the file name it is saved under, how to build it (given a unique token), the limits and the
    /// outcome.</summary>
    internal sealed record Case(string Name, string FileName, Func<string, byte[]> Build, string Expected, BundleLimits? Limits = null,
        string[]? Entries = null);

    private static string Repeat(char c, int n) => new(c, n);

    internal static readonly Case[] Cases =
    [
        new("zip-dotdot", "b.zip", u => Zip(($"../{u}.txt", "x")), "BUN-PATH-001"),
        new("zip-dotdot-inside", "b.zip", u => Zip(($"a/../../{u}.txt", "x")), "BUN-PATH-001"),
        new("zip-absolute", "b.zip", u => Zip(($"/tmp/{u}.txt", "x")), "BUN-PATH-001"),
        new("zip-backslash-dotdot", "b.zip", u => Zip(($"..\\{u}.txt", "x")), "BUN-PATH-001"),
        new("zip-drive-letter", "b.zip", u => Zip(($"C:/{u}.txt", "x")), "BUN-PATH-001"),
        new("zip-dot-only", "b.zip", _ => Zip((".", "x")), "BUN-PATH-001"),
        new("zip-symlink", "b.zip", _ => ZipSymlink("passwd", "/etc/passwd"), "opened BUN-PATH-003", Entries: []),
        new("zip-duplicate", "b.zip", _ => Zip(("a.txt", "1"), ("a.txt", "2")), "BUN-PATH-002"),
        new("zip-duplicate-dot-slash", "b.zip", _ => Zip(("a.txt", "1"), ("./a.txt", "2")), "BUN-PATH-002"),
        new("zip-duplicate-backslash", "b.zip", _ => Zip(("d/a.txt", "1"), ("d\\a.txt", "2")), "BUN-PATH-002"),
        new("zip-bomb-ratio", "b.zip", _ => ZipOfZeros("zeros.bin", 2 << 20), "BUN-LIM-001", LowRatio),
        new("zip-bomb-default-ratio", "b.zip", _ => ZipOfZeros("zeros.bin", 32 << 20), "BUN-LIM-001"),
        new("zip-total-size", "b.zip", _ => Zip(("a", Repeat('a', 2000)), ("b", Repeat('b', 2000)), ("c", Repeat('c', 2000))), "BUN-LIM-001", Small),
        new("zip-entry-size", "b.zip", _ => Zip(("a", Repeat('a', 3000))), "BUN-LIM-001", Small),
        new("zip-many-entries", "b.zip", _ => Zip([.. Enumerable.Range(0, 6).Select(i => ($"f{i}", "x"))]), "BUN-LIM-001", Small),
        new("zip-entries-at-limit", "b.zip", _ => Zip([.. Enumerable.Range(0, 5).Select(i => ($"f{i}", "x"))]), "opened", Small),
        new("zip-deep", "b.zip", _ => Zip(("a/b/c/d/e.txt", "x")), "BUN-LIM-001", Small),
        new("zip-depth-at-limit", "b.zip", _ => Zip(("a/b/c/d.txt", "x")), "opened", Small, ["a/b/c/d.txt"]),
        new("zip-in-zip", "b.zip", _ => ZipWith(z => Add(z, "inner.zip", Zip(("../x.txt", "x")))), "opened", Entries: ["inner.zip"]),
        new("tar-in-zip", "b.zip", _ => ZipWith(z => Add(z, "inner.tar", Tar(("../x.txt", "x")))), "opened", Entries: ["inner.tar"]),
        new("zip-folder-entries-only", "b.zip", _ => ZipWith(z => z.CreateEntry("dir/")), "opened", Entries: []),
        new("zip-empty-archive", "b.zip", _ => ZipWith(_ => { }), "opened", Entries: []),
        new("zip-truncated-half", "b.zip", _ => Half(Zip(("a.txt", Repeat('a', 500)), ("b.txt", "b"))), "BUN-LIM-001"),
        new("zip-truncated-end-record", "b.zip", _ => Cut(Zip(("a.txt", "a")), -10), "BUN-LIM-001"),
        new("zip-named-tar-gz", "b.tar.gz", _ => Zip(("a.txt", "a")), "opened", Entries: ["a.txt"]),
        new("tar-dotdot", "b.tar", u => Tar(($"../../{u}.txt", "x")), "BUN-PATH-001"),
        new("tar-absolute", "b.tar", u => Tar(($"/tmp/{u}.txt", "x")), "BUN-PATH-001"),
        new("tar-backslash-dotdot", "b.tar", u => Tar(($"..\\{u}.txt", "x")), "BUN-PATH-001"),
        new("tar-gnu-long-name-dotdot", "b.tar", u => Tar(t => File(t, "../" + Repeat('n', 150) + u, "x"), TarEntryFormat.Gnu), "BUN-PATH-001"),
        new("tar-symlink", "b.tar", _ => Tar(t => Special(t, TarEntryType.SymbolicLink, "passwd", "/etc/passwd")), "opened BUN-PATH-003",
            Entries: []),
        new("tar-symlink-then-file-through-it", "b.tar", u => Tar(t =>
        {
            Special(t, TarEntryType.SymbolicLink, "d", Path.GetTempPath());
            File(t, $"d/{u}.txt", "x");
        }), "opened BUN-PATH-003", Entries: ["d/{u}.txt"]),
        new("tar-symlink-dotdot-target", "b.tar", _ => Tar(t => Special(t, TarEntryType.SymbolicLink, "up", "../../..")), "opened BUN-PATH-003",
            Entries: []),
        new("tar-hard-link", "b.tar", _ => Tar(t => Special(t, TarEntryType.HardLink, "shadow", "/etc/shadow")), "opened BUN-PATH-003", Entries: []),
        new("tar-character-device", "b.tar", _ => Tar(t => Special(t, TarEntryType.CharacterDevice, "null")), "opened BUN-PATH-003", Entries: []),
        new("tar-block-device", "b.tar", _ => Tar(t => Special(t, TarEntryType.BlockDevice, "sda")), "opened BUN-PATH-003", Entries: []),
        new("tar-fifo", "b.tar", _ => Tar(t => Special(t, TarEntryType.Fifo, "pipe")), "opened BUN-PATH-003", Entries: []),
        new("tar-duplicate", "b.tar", _ => Tar(("a.txt", "1"), ("a.txt", "2")), "BUN-PATH-002"),
        new("tar-duplicate-dot-slash", "b.tar", _ => Tar(("a.txt", "1"), ("./a.txt", "2")), "BUN-PATH-002"),
        new("tar-file-then-folder-same-name", "b.tar", _ => Tar(("a", "1"), ("a/b.txt", "2")), "BUN-PATH-002"),
        new("tar-folder-then-file-same-name", "b.tar", _ => Tar(("a/b.txt", "1"), ("a", "2")), "BUN-PATH-002"),
        new("tar-many-entries", "b.tar", _ => Tar([.. Enumerable.Range(0, 6).Select(i => ($"f{i}", "x"))]), "BUN-LIM-001", Small),
        new("tar-deep", "b.tar", _ => Tar(("a/b/c/d/e.txt", "x")), "BUN-LIM-001", Small),
        new("tar-total-size", "b.tar", _ => Tar(("a", Repeat('a', 2000)), ("b", Repeat('b', 2000)), ("c", Repeat('c', 2000))), "BUN-LIM-001", Small),
        new("tar-entry-size", "b.tar", _ => Tar(("a", Repeat('a', 3000))), "BUN-LIM-001", Small),
        new("tar-in-tar", "b.tar",
            _ => Tar(t => t.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "inner.tar") { DataStream = new MemoryStream(Tar(("../x", "x"))) })),
            "opened", Entries: ["inner.tar"]),
        new("tar-truncated-header", "b.tar", _ => Cut(Tar(("a.txt", "a"), ("b.txt", "b")), 600), "BUN-LIM-001"),
        new("tar-truncated-data", "b.tar", _ => Cut(Tar(("a.txt", Repeat('a', 5000))), 2048), "BUN-LIM-001"),
        new("tar-named-zip", "b.zip", _ => Tar(("a.txt", "a")), "opened", Entries: ["a.txt"]),
        new("tar-v7-no-magic", "b.tar",
            _ => Tar(t => t.WriteEntry(new V7TarEntry(TarEntryType.V7RegularFile, "a.txt") { DataStream = new MemoryStream([1]) }),
            TarEntryFormat.V7), "BUN-LAY-001"),
        new("targz-bomb-ratio", "b.tar.gz",
            _ => Gzip(Tar(
            t => t.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros") { DataStream = new MemoryStream(new byte[2 << 20]) }))),
            "BUN-LIM-001", LowRatio),
        new("targz-truncated", "b.tar.gz", _ => Half(Gzip(Tar(("a.txt", Repeat('a', 5000)), ("b.txt", "b")))), "BUN-LIM-001"),
        new("targz-trailer-intact", "b.tar.gz", _ => Gzip(Tar(("a.txt", "a"))), "opened", Entries: ["a.txt"]),
        .. Enumerable.Range(1, 8).Select(n => new Case($"targz-trailer-cut-{n}", "b.tar.gz", _ => Cut(Gzip(Tar(("a.txt", "a"))), -n), "BUN-LIM-001")),
        new("targz-trailer-wrong-crc", "b.tar.gz", _ => Flip(Gzip(Tar(("a.txt", "a"))), 8), "BUN-LIM-001"),
        new("targz-trailer-wrong-size", "b.tar.gz", _ => Flip(Gzip(Tar(("a.txt", "a"))), 1), "BUN-LIM-001"),
        new("targz-two-members", "b.tar.gz", _ => TwoMembers(Tar(("a.txt", "a"), ("b.txt", "b"))), "opened", Entries: ["a.txt", "b.txt"]),
        new("targz-two-members-second-cut", "b.tar.gz", _ => Cut(TwoMembers(Tar(("a.txt", "a"), ("b.txt", "b"))), -2), "BUN-LIM-001"),
        new("targz-zero-padding", "b.tar.gz", _ => [.. Gzip(Tar(("a.txt", "a"))), .. new byte[512]], "BUN-LIM-001"),
        new("targz-garbage-after", "b.tar.gz", _ => [.. Gzip(Tar(("a.txt", "a"))), .. Noise(64, 5)], "BUN-LIM-001"),
        new("targz-reserved-flags", "b.tar.gz", _ => SetByte(Gzip(Tar(("a.txt", "a"))), 3, 0x20), "BUN-LIM-001"),
        new("targz-of-noise", "b.tar.gz", _ => Gzip(Noise(4096, 7)), "BUN-LIM-001"),
        new("targz-named-zip", "b.zip", _ => Gzip(Tar(("a.txt", "a"))), "opened", Entries: ["a.txt"]),
        new("empty-file-zip", "b.zip", _ => [], "BUN-LAY-001"),
        new("empty-file-tar-gz", "b.tar.gz", _ => [], "BUN-LAY-001"),
        new("random-bytes", "b.zip", _ => Noise(4096, 42), "BUN-LAY-001"),
        new("zip-magic-then-noise", "b.zip", _ => [(byte)'P', (byte)'K', 3, 4, .. Noise(512, 3)], "BUN-LIM-001"),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    private static byte[] Half(byte[] data) => data[..(data.Length / 2)];

    /// <summary>The byte <paramref name="fromEnd"/> places before the end with its lowest bit flipped.</summary>
    private static byte[] Flip(byte[] data, int fromEnd)
    {
        data[^fromEnd] ^= 1;
        return data;
    }

    private static byte[] SetByte(byte[] data, int index, byte value)
    {
        data[index] = value;
        return data;
    }

    /// <summary>The data gzipped as two members (concatenated gzip files), split in the middle.</summary>
    private static byte[] TwoMembers(byte[] data) => [.. Gzip(data[..(data.Length / 2)]), .. Gzip(data[(data.Length / 2)..])];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Open_WhenArchiveIsHostile_GivesTheDocumentedOutcomeAndWritesNothingOutside(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        var token = "hostile-" + Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Path.GetTempPath(), "mlperf-audit-hostile-" + Guid.NewGuid().ToString("N"), "in");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, c.FileName);
        System.IO.File.WriteAllBytes(file, c.Build(token));
        try
        {
            using var opened = BundleOpener.Open(file, c.Limits ?? BundleLimits.Default, out var error);
            var outcome = error?.Code ?? string.Join(' ', ["opened", .. opened!.Bundle.OpeningFindings.Select(f => f.Code).Distinct()]);
            Assert.Equal(c.Expected, outcome);
            if (error is not null)
            {
                Assert.Contains(c.FileName, error.Message, StringComparison.Ordinal);
            }

            if (c.Entries is not null)
            {
                Assert.Equal(c.Entries.Select(e => e.Replace("{u}", token, StringComparison.Ordinal)), opened!.Bundle.Entries.Select(e => e.Path));
            }

            AssertNothingEscaped(token, folder);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    /// <summary>No file named after the token exists where an escaping entry would land.</summary>
    private static void AssertNothingEscaped(string token, string folder)
    {
        string[] places = [Path.GetTempPath(), "/tmp", folder, Path.GetDirectoryName(folder)!, Environment.CurrentDirectory];
        foreach (var place in places.Where(Directory.Exists).Distinct())
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(place, "*" + token + "*", SearchOption.TopDirectoryOnly));
        }
    }

    [Fact]
    public void Cases_AreListedOnceEachInTheReadme()
    {
        var table = HostileReadme.Table();
        foreach (var c in Cases)
        {
            Assert.True(table.TryGetValue(c.Name, out var expected), $"{c.Name} is missing from README.md");
            Assert.Equal(c.Expected, expected);
        }
    }
}
