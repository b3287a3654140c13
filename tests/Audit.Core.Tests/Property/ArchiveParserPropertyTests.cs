using FsCheck;
using System.Formats.Tar;
using System.IO.Compression;
using FsCheck.Fluent;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Bundles.Gzip;
using MlPerfAudit.Local.Bundles;
using static MlPerfAudit.Core.Tests.Properties.PropertyInputs;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties over the bundle readers: tar, tar.gz and zip archives built here from real logs, gzip
/// members, and the opener that picks among them.
/// Every property: arbitrary bytes, format tokens mixed with noise, and real corpus files mutated
/// (<see cref="HostileBytes"/>) give a result, or the parser's declared input error — never another exception and
/// never a hang (<see cref="PropertyRuns"/>: fixed seed, 100 cases per property in CI).
/// </summary>
public sealed class ArchiveParserPropertyTests
{
    private sealed class NullTarget : IExtractionTarget
    {
        public void Write(string path, Stream content) => content.CopyTo(System.IO.Stream.Null);
    }

    // ---- archives, built here from real logs ------------------------------------------------------------------

    private static readonly string[] ArchiveLogs =
    [
        CorpusResult + "/performance/run_1/mlperf_log_summary.txt",
        CorpusResult + "/accuracy/accuracy.txt",
        "inference/v5.1/closed/Azure/systems/ND_GB200_v6.json",
    ];

    private static readonly Lazy<byte[]> RealTar = new(() =>
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var log in ArchiveLogs)
            {
                tar.WriteEntry(
                    new UstarTarEntry(TarEntryType.RegularFile, log) { ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    DataStream = new MemoryStream(CorpusFile(log)) });
            }

            tar.WriteEntry(
                new UstarTarEntry(TarEntryType.SymbolicLink, "link") { ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                LinkName = "../x" });
        }

        return stream.ToArray();
    });

    private static readonly Lazy<byte[]> RealZip = new(() =>
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var log in ArchiveLogs)
            {
                var entry = zip.CreateEntry(log);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var content = entry.Open();
                content.Write(CorpusFile(log));
            }
        }

        return stream.ToArray();
    });

    /// <summary>A gzip member of no data (GZipStream writes nothing at all for empty input): header, empty final block, CRC 0, size 0.</summary>
    private static readonly byte[] EmptyMember = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static byte[] Gzip(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return stream.ToArray();
    }

    [AuditProperty]
    public Property TarArchiveReaderExtract_OnHostileTar_ReturnsFindingsOrADeclaredInputError()
        => PropertyRuns.ForAll<byte[], BundleInputException>(HostileBytes.Mixed(RealTar.Value), bytes =>
            TarArchiveReader.Extract("t.tar", ReadOnlyStream(bytes), gzip: false, BundleLimits.Default, new NullTarget()));

    [AuditProperty]
    public Property TarArchiveReaderExtract_OnHostileTarGz_ReturnsFindingsOrADeclaredInputError()
        => PropertyRuns.ForAll<byte[], BundleInputException>(
            Gen.OneOf(HostileBytes.Mixed(Gzip(RealTar.Value)).Generator, HostileBytes.Mutated(RealTar.Value).Select(Gzip)).ToArbitrary(),
            bytes => TarArchiveReader.Extract("t.tar.gz", ReadOnlyStream(bytes), gzip: true, BundleLimits.Default, new NullTarget()));

    [AuditProperty]
    public Property GzipReadStream_OnHostileBytes_ReadsOrThrowsInvalidData()
        => PropertyRuns.ForAll<byte[], InvalidDataException>(HostileBytes.Mixed(Gzip(RealTar.Value), Gzip([])), bytes =>
        {
            using var gzip = new GzipReadStream(ReadOnlyStream(bytes));
            gzip.CopyTo(System.IO.Stream.Null);
        });

    /// <summary>Any data, split into any number of gzip members: read back byte for byte; cut inside the last trailer: refused.</summary>
    [AuditProperty]
    public Property GzipReadStream_OnAnyDataInAnyMembers_ReadsItBackAndRefusesEveryCutTrailer()
    {
        var cases = from data in ArbMap.Default.GeneratorFor<byte[]>()
                    from cuts in Gen.ArrayOf(Gen.Choose(0, Math.Max(0, data.Length)))
                    from trailerCut in Gen.Choose(1, 8)
                    select (Data: data, Cuts: cuts, TrailerCut: trailerCut);
        return PropertyRuns.ForAll(cases.ToArbitrary(), c =>
        {
            var bounds = c.Cuts.Append(0).Append(c.Data.Length).Distinct().Order().ToArray();
            var members = c.Data.Length == 0 ? EmptyMember : bounds.Zip(bounds.Skip(1)).Select(b => Gzip(c.Data[b.First..b.Second]))
                .SelectMany(m => m).ToArray();
            using (var read = new GzipReadStream(ReadOnlyStream(members)))
            using (var back = new MemoryStream())
            {
                read.CopyTo(back);
                Assert.Equal(c.Data, back.ToArray());
            }

            using var cut = new GzipReadStream(ReadOnlyStream(members[..^c.TrailerCut]));
            Assert.Throws<InvalidDataException>(() => cut.CopyTo(System.IO.Stream.Null));
        });
    }

    [AuditProperty]
    public Property ZipBundleOpen_OnHostileZip_ReturnsABundleOrADeclaredInputError()
        => PropertyRuns.ForAll<byte[], BundleInputException>(HostileBytes.Mixed(RealZip.Value), bytes =>
        {
            using var bundle = ZipBundle.Open("t.zip", ReadOnlyStream(bytes), BundleLimits.Default);
            foreach (var entry in bundle.Entries)
            {
                try
                {
                    using var stream = bundle.Open(entry);
                    stream.CopyTo(System.IO.Stream.Null);
                }
                catch (BundleInputException)
                {
                }
            }
        });

    /// <summary>What <c>mlperf-audit check</c> does first: any file, whatever its name, opens or is an input error; never an exception.</summary>
    [AuditProperty]
    public Property BundleOpenerOpen_OnAnyFile_OpensOrGivesAnInputError()
    {
        // Each case writes its own file and deletes it: the property is checked after this method returns.
        var inputs = Gen.OneOf(HostileBytes.Mixed(RealZip.Value, RealTar.Value, Gzip(RealTar.Value)).Generator,
            HostileBytes.Mutated(RealTar.Value).Select(Gzip));
        return PropertyRuns.ForAll(inputs.ToArbitrary(), bytes =>
        {
            var file = Path.Combine(Path.GetTempPath(), "mlperf-audit-property-" + Guid.NewGuid().ToString("N") + ".zip");
            File.WriteAllBytes(file, bytes);
            try
            {
                using var opened = BundleOpener.Open(file, BundleLimits.Default, out var error);
                Assert.True(opened is not null ^ error is not null);
                Assert.True(error is null || error.Message.Contains(Path.GetFileName(file), StringComparison.Ordinal), error?.Message);
            }
            finally
            {
                File.Delete(file);
            }
        });
    }
}
