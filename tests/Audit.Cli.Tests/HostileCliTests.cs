using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace MlPerfAudit.Cli.Tests;

/// <summary>
/// <c>mlperf-audit check</c> on hostile inputs built here in code: each is an input error (exit 2) naming the file,
/// with no stack trace and no report written.
/// </summary>
public sealed class HostileCliTests
{
    public static TheoryData<string> Cases() => ["zip-dotdot", "targz-truncated", "targz-cut-before-trailer", "random-bytes", "empty-file"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_WhenInputIsHostile_ExitsTwoNamingTheFileWithoutStackTraceOrReport(string name)
    {
        var input = Build(name, CliHarness.TempFolder());
        var output = CliHarness.TempFolder();
        var (exit, _, stderr) = CliHarness.Run("check", input, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains(Path.GetFileName(input), stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "report.json")));
        Assert.Empty(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories));
    }

    private static string Build(string name, string folder)
    {
        switch (name)
        {
            case "zip-dotdot":
            {
                var path = Path.Combine(folder, "dotdot-bundle.zip");
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
                {
                    using var writer = new StreamWriter(zip.CreateEntry("closed/../../escaped-hostile-cli.txt").Open());
                    writer.Write("outside");
                }

                Assert.False(File.Exists(Path.Combine(folder, "..", "escaped-hostile-cli.txt")));
                return path;
            }

            case "targz-truncated":
            {
                using var gz = new MemoryStream();
                using (var gzip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
                using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var random = new Random(8);
                    for (var i = 0; i < 4; i++)
                    {
                        var bytes = new byte[64 * 1024];
                        random.NextBytes(bytes);
                        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"closed/Acme/results/sys/resnet/Offline/performance/run_1/f{i}.bin")
                        {
                            DataStream = new MemoryStream(bytes),
                        });
                    }
                }

                var all = gz.ToArray();
                var path = Path.Combine(folder, "cut-bundle.tar.gz");
                File.WriteAllBytes(path, all[..(all.Length / 2)]);
                return path;
            }

            case "targz-cut-before-trailer":
            {
                // A real result's logs, gzipped, with the 8-byte CRC-32 and size trailer cut off: every tar byte is there.
                var result = Path.Combine(MlPerfAudit.Tests.Shared.RepoPaths.InferenceV51, "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline");
                using var gz = new MemoryStream();
                using (var gzip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
                {
                    TarFile.CreateFromDirectory(result, gzip, includeBaseDirectory: true);
                }

                var all = gz.ToArray();
                var path = Path.Combine(folder, "no-trailer-bundle.tar.gz");
                File.WriteAllBytes(path, all[..^8]);
                return path;
            }

            case "random-bytes":
            {
                var bytes = new byte[4096];
                new Random(20261122).NextBytes(bytes);
                var path = Path.Combine(folder, "noise-bundle.zip");
                File.WriteAllBytes(path, bytes);
                return path;
            }

            default:
            {
                var path = Path.Combine(folder, "empty-bundle.tar.gz");
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(string.Empty));
                return path;
            }
        }
    }
}
