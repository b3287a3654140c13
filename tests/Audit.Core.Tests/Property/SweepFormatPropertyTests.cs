using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Sweeps.Formats;
using MlPerfAudit.Core.Sweeps.Manifest;
using MlPerfAudit.Core.Tests.Sweeps.Formats;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties for the sweep format readers, like <see cref="LogParserPropertyTests"/>: arbitrary bytes, tokens with
/// noise, and the real corpus sweep rewritten into each format (<see cref="SweepRewriter"/>) with one to four mutations.
/// Each reader returns a log (telemetry file, manifest or errors) with problems on lines that exist; none throws or hangs.
/// </summary>
public sealed class SweepFormatPropertyTests
{
    private static readonly Lazy<Dictionary<string, byte[]>> Seeds = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("sweep-seeds-").FullName;
        try
        {
            var seeds = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var format in new[] { SweepLogFormat.Nemo2, SweepLogFormat.Nemo1, SweepLogFormat.DlLogger, SweepLogFormat.Megatron,
                SweepLogFormat.TensorBoard })
            {
                var folder = SweepRewriter.Write(format, root, dcgm: format == SweepLogFormat.Nemo2);
                seeds[format.ToString()] = File.ReadAllBytes(Directory.GetFiles(Path.Combine(folder, "mbs4")).Single());
                foreach (var name in new[] { "sweep.yaml", "sweep.json", "dcgm-dmon.txt" })
                {
                    if (File.Exists(Path.Combine(folder, name)))
                    {
                        seeds[name] = File.ReadAllBytes(Path.Combine(folder, name));
                    }
                }
            }

            return seeds;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    });

    private static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);

    private static void LinesExist(SweepLog log, byte[] bytes)
        => Assert.All(log.Problems, p => Assert.InRange(p.Line ?? 1, 1, bytes.Length + 1));

    [Theory]
    [InlineData(SweepLogFormat.Nemo2)]
    [InlineData(SweepLogFormat.Nemo1)]
    [InlineData(SweepLogFormat.DlLogger)]
    [InlineData(SweepLogFormat.Megatron)]
    public void TextSweepReaderRead_OnHostileBytes_ReturnsALogWithProblemsOnItsLines(SweepLogFormat format)
        => PropertyRuns.ForAll(HostileBytes.Mixed(Seeds.Value[format.ToString()]), bytes =>
        {
            LinesExist(TextSweepReader.Read(Stream(bytes), "run.log", format, 4096, 0), bytes);
            _ = SweepFormatDetector.Scan(bytes, 1024 * 1024);
        });

    [Fact]
    public void TfEventReaderRead_OnHostileBytes_ReturnsALogWithProblemsOnRecordsThatExist()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Seeds.Value[nameof(SweepLogFormat.TensorBoard)]), bytes =>
            LinesExist(TfEventReader.Read(Stream(bytes), "events.out.tfevents.1", 4096), bytes));

    [Fact]
    public void DcgmDmonParse_OnHostileBytes_ReturnsSamplesAndProblems()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Seeds.Value["dcgm-dmon.txt"]), bytes =>
        {
            var file = DcgmDmon.Parse(Stream(bytes), "dcgm.txt", 0, 500, 4096);
            Assert.All(file.Problems, p => Assert.InRange(p.Line, 1, bytes.Length + 1));
        });

    [Theory]
    [InlineData("sweep.yaml", true)]
    [InlineData("sweep.json", false)]
    public void SweepManifestReaderRead_OnHostileBytes_ReturnsAManifestOrErrorsWithLines(string seed, bool yaml)
        => PropertyRuns.ForAll(HostileBytes.Mixed(Seeds.Value[seed]), bytes =>
        {
            var read = SweepManifestReader.Read(bytes, yaml);
            Assert.True(read.File is not null ^ read.Errors.Count > 0);
            Assert.All(read.Errors, e => Assert.StartsWith("line ", e.Message, StringComparison.Ordinal));
        });
}
