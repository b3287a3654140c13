using System.Formats.Tar;
using System.IO.Compression;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Bundles;

/// <summary>
/// A tar.gz of real logs is read only when every gzip member ends with its CRC-32 and size trailer intact: cut at any
/// byte of the trailer, or with either field wrong, it is an input error naming the file.
/// </summary>
public sealed class GzipTrailerTests
{
    private static readonly string[] Logs =
    [
        Corpus.Azure + "/llama2-70b-99/Offline/performance/run_1/mlperf_log_summary.txt",
        Corpus.Azure + "/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt",
    ];

    private sealed class Collect : IExtractionTarget
    {
        public List<(string Path, byte[] Bytes)> Files { get; } = [];

        public void Write(string path, Stream content)
        {
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            Files.Add((path, copy.ToArray()));
        }
    }

    private static byte[] RealTar()
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var log in Logs)
            {
                tar.WriteEntry(Path.Combine(RepoPaths.InferenceV51, log), log);
            }
        }

        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return stream.ToArray();
    }

    private static Collect Extract(byte[] targz)
    {
        var target = new Collect();
        TarArchiveReader.Extract("logs.tar.gz", new MemoryStream(targz), gzip: true, BundleLimits.Default, target);
        return target;
    }

    private static void AssertRefused(byte[] targz)
    {
        var error = Assert.Throws<BundleInputException>(() => Extract(targz));
        Assert.Equal("BUN-LIM-001", error.Code);
        Assert.StartsWith("logs.tar.gz: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_WhenTheTrailerIsIntact_ReadsEveryLogByteForByte()
    {
        var files = Extract(Gzip(RealTar())).Files;
        Assert.Equal(Logs, files.Select(f => f.Path));
        foreach (var (path, bytes) in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.InferenceV51, path)), bytes);
        }
    }

    public static TheoryData<int> TrailerCuts() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(TrailerCuts))]
    public void Extract_WhenCutInsideTheTrailer_IsAnInputErrorNamingTheFile(int bytesCut)
        => AssertRefused(Gzip(RealTar())[..^bytesCut]);

    [Fact]
    public void Extract_WhenCutJustBeforeTheTrailer_SaysItIsCutShort()
    {
        var error = Assert.Throws<BundleInputException>(() => Extract(Gzip(RealTar())[..^8]));
        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<int> TrailerBytes() => [8, 5, 4, 1];

    [Theory]
    [MemberData(nameof(TrailerBytes))]
    public void Extract_WhenATrailerByteIsWrong_IsAnInputError(int fromEnd)
    {
        var targz = Gzip(RealTar());
        targz[^fromEnd] ^= 0x01;
        AssertRefused(targz);
    }

    [Fact]
    public void Extract_WhenTheTarIsSplitOverTwoMembers_ReadsBothAndChecksBothTrailers()
    {
        var tar = RealTar();
        var half = tar.Length / 2;
        byte[] twoMembers = [.. Gzip(tar[..half]), .. Gzip(tar[half..])];
        Assert.Equal(Logs, Extract(twoMembers).Files.Select(f => f.Path));
        AssertRefused(twoMembers[..^3]);
        var first = Gzip(tar[..half]);
        byte[] firstWrong = [.. first[..^8], .. new byte[8], .. Gzip(tar[half..])];
        AssertRefused(firstWrong);
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 0, 0, 7 })]
    [InlineData(new byte[] { 0x1f })]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0 })]
    public void Extract_WhenAnyBytesFollowTheLastMember_IsAnInputError(byte[] after)
        => AssertRefused([.. Gzip(RealTar()), .. after]);

    [Fact]
    public void Extract_WhenTheHeaderHasExtraNameAndCommentFields_ReadsTheLogs()
    {
        var plain = Gzip(RealTar());
        // FLG = FEXTRA | FNAME | FCOMMENT: XLEN 3 and the extra bytes, a zero-ended name, a zero-ended comment.
        byte[] header = [0x1f, 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 3, 0, 9, 9, 9, (byte)'l', (byte)'.', 0, (byte)'c', 0];
        Assert.Equal(Logs, Extract([.. header, .. plain[10..]]).Files.Select(f => f.Path));
    }

    [Theory]
    [InlineData(0x20)]
    [InlineData(0x02)]
    public void Extract_WhenTheHeaderSetsReservedFlagsOrAWrongHeaderCrc_IsAnInputError(byte flags)
    {
        var targz = Gzip(RealTar());
        targz[3] = flags;
        AssertRefused(targz);
    }
}
