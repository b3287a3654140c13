using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Training;

namespace MlPerfAudit.Core.Tests.Sweeps;

/// <summary>How the sweep audit reads a bundle's entries: the file size limit, entries whose stated length is wrong, the format scan.</summary>
public sealed class SweepInputsTests
{
    private const string Log = "mbs4.txt";

    private static long LogBytes => new FileInfo(Path.Combine(SweepCorpus.Folder, Log)).Length;

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Read_WhenALogIsAtUnderOrOverMaxFileBytes_ReadsItOrNamesItInAFinding(long slack, bool read)
    {
        var limit = LogBytes + slack;
        using var bundle = new FolderBundle(SweepCorpus.Folder);

        var inputs = SweepInputs.Read(bundle, new SweepAuditOptions { MaxFileBytes = limit });

        AssertReadOrRefused(inputs, read, $"The file is {LogBytes} bytes, over the {limit}-byte limit; it was not read.");
    }

    /// <summary>An archive's header may state a length shorter than the bytes it holds; the read stops at the limit anyway.</summary>
    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Read_WhenAnEntryHoldsMoreBytesThanItStates_StopsAtMaxFileBytes(long slack, bool read)
    {
        var limit = LogBytes + slack;
        using var bundle = new StatedLengthBundle(new FolderBundle(SweepCorpus.Folder), Log, 1024);

        var inputs = SweepInputs.Read(bundle, new SweepAuditOptions { MaxFileBytes = limit });

        AssertReadOrRefused(inputs, read, $"The file holds more than the {limit}-byte limit (its entry said 1024 bytes); it was not read.");
    }

    /// <summary>The log was read and has no finding, or was not read and SWP-LOG-001 says why.</summary>
    private static void AssertReadOrRefused(SweepInputs inputs, bool read, string refusal)
    {
        Assert.Equal(read, inputs.Logs.Any(l => l.Path == Log));
        var finding = inputs.Findings.SingleOrDefault(f => f.File == Log);
        if (read)
        {
            Assert.Null(finding);
        }
        else
        {
            Assert.Equal(FindingCatalog.SwpLogParse.Code, finding!.Code);
            Assert.Equal(refusal, finding.Message);
        }
    }

    /// <summary>The scan refuses a line over the readers' limit as they do: it is not classified (nor counted as a second format).</summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Scan_WhenAStepLineIsAtUnderOrOverTheLineLimit_ClassifiesItOnlyWithinTheLimit(int slack, bool found)
    {
        const string Megatron = " [2026-01-01 00:00:10] iteration       10/     100 | elapsed time per iteration (ms): 1234.5 | lm loss: 9.1E+00 |";
        const string Nemo2 = "Training epoch 0, iteration 1/99 | lr: 1e-05 | train_step_timing in s: 2.505";
        var bytes = Encoding.UTF8.GetBytes($"{Nemo2}\n{Megatron}\n");
        var limit = Encoding.UTF8.GetByteCount(Megatron) + slack;

        var scan = SweepFormatDetector.Scan(bytes, limit);

        Assert.Equal(SweepLogFormat.Nemo2, scan.Found[0].Format);
        Assert.Equal(found, scan.Mixed);
        (SweepLogFormat, int)[] expected = found ? [(SweepLogFormat.Nemo2, 1), (SweepLogFormat.Megatron, 2)] : [(SweepLogFormat.Nemo2, 1)];
        Assert.Equal(expected, scan.Found);
    }

    /// <summary>The recommendation's numbers through NumberText are the hand-written formatting's, character for character.</summary>
    [Theory]
    [InlineData(0.057234, 4)]
    [InlineData(999.94, 4)]
    [InlineData(999.96, 4)]
    [InlineData(1000, 4)]
    [InlineData(1234.5, 4)]
    [InlineData(-1500.5, 4)]
    [InlineData(73_112.25, 4)]
    [InlineData(12.3456, 3)]
    [InlineData(0.000123456, 3)]
    [InlineData(1e-7, 4)]
    public void RecommendationNumber_WhenFormatted_MatchesTheFormerHandWrittenFormat(double value, int digits)
    {
        var former = Math.Abs(value) >= 1000
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        Assert.Equal(former, RecommendationCheck.F(value, digits));
    }

    /// <summary>A bundle whose entry states a length other than the bytes it holds (as a crafted archive header can).</summary>
    private sealed class StatedLengthBundle(IBundle inner, string path, long statedLength) : IBundle
    {
        public string Name => inner.Name;

        public IReadOnlyList<BundleEntry> Entries => [.. inner.Entries.Select(e => e.Path == path ? e with { Length = statedLength } : e)];

        public IReadOnlyList<Finding> OpeningFindings => inner.OpeningFindings;

        public Stream Open(BundleEntry entry) => inner.Open(entry);

        public void Dispose() => inner.Dispose();
    }
}
