using System.Globalization;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Sweeps.Formats;
using MlPerfAudit.Core.Tests.Training;
using Xunit.Abstractions;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>
/// The real H200 sweep rewritten by <see cref="SweepRewriter"/> into NeMo 2, NeMo 1 (carriage returns), DLLogger, Megatron-LM
/// and TensorBoard event files, with nvidia-smi or DCGM telemetry, audits to the MLLOG original's per-configuration
/// statistics within the digits each format prints, and to the same verdicts on the recommendation claims.
/// Bound: every logged value moves by at most δ (the largest |printed − original| over the measured steps, 0 for
/// DLLogger), so mean, median, p95, min and max move by at most δ and the standard deviation by at most δ·√(n/(n−1)).
/// </summary>
public sealed class FormatAgreementTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sweep-formats-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>What the format prints of a step time in seconds, read back.</summary>
    private static double Printed(SweepLogFormat format, double seconds) => format switch
    {
        SweepLogFormat.Nemo2 => PythonFormat.Nemo2Value(seconds),
        SweepLogFormat.Nemo1 => PythonFormat.Nemo1Value(seconds),
        SweepLogFormat.Megatron => double.Parse(PythonFormat.F1(seconds * 1000), CultureInfo.InvariantCulture) / 1000,
        SweepLogFormat.TensorBoard => (float)seconds,
        _ => seconds,
    };

    /// <summary>What the format prints of a loss, read back.</summary>
    private static double PrintedLoss(SweepLogFormat format, double loss) => format switch
    {
        SweepLogFormat.Nemo2 => PythonFormat.Nemo2Value(loss),
        SweepLogFormat.Nemo1 => PythonFormat.Nemo1Value(loss),
        SweepLogFormat.Megatron => double.Parse(PythonFormat.E6(loss), CultureInfo.InvariantCulture),
        SweepLogFormat.TensorBoard => (float)loss,
        _ => loss,
    };

    private static SweepLog ReadRewritten(string folder, SweepRewriter.Run run, SweepLogFormat format)
    {
        var dir = Path.Combine(folder, run.Folder);
        var file = Directory.GetFiles(dir).Single();
        using var stream = File.OpenRead(file);
        return format == SweepLogFormat.TensorBoard
            ? TfEventReader.Read(stream, file, 1 << 20) : TextSweepReader.Read(stream, file, format, 1 << 20, 0);
    }

    [Theory]
    [InlineData(SweepLogFormat.Nemo2)]
    [InlineData(SweepLogFormat.Nemo1)]
    [InlineData(SweepLogFormat.DlLogger)]
    [InlineData(SweepLogFormat.Megatron)]
    [InlineData(SweepLogFormat.TensorBoard)]
    public void Read_WhenCorpusRewritten_KeepsEveryDigitTheFormatPrints(SweepLogFormat format)
    {
        var folder = SweepRewriter.Write(format, _root);
        foreach (var run in SweepRewriter.Runs())
        {
            var log = ReadRewritten(folder, run, format);
            Assert.Empty(log.Problems);
            Assert.Equal(run.Log.StepTimes.Count, log.StepTimes.Count);
            for (var i = 0; i < log.StepTimes.Count; i++)
            {
                Assert.Equal(Printed(format, run.Log.StepTimes[i].Value), log.StepTimes[i].Value, 12);
            }

            Assert.Equal(run.Log.Losses.Count, log.Losses.Count);
        }
    }

    [Theory]
    [InlineData(SweepLogFormat.Nemo2, false)]
    [InlineData(SweepLogFormat.Nemo2, true)]
    [InlineData(SweepLogFormat.Nemo1, false)]
    [InlineData(SweepLogFormat.DlLogger, false)]
    [InlineData(SweepLogFormat.DlLogger, true)]
    [InlineData(SweepLogFormat.Megatron, false)]
    [InlineData(SweepLogFormat.TensorBoard, false)]
    public void Audit_WhenCorpusRewritten_GivesTheOriginalStatisticsAndVerdicts(SweepLogFormat format, bool dcgm)
    {
        var original = SweepCorpus.Audit();
        var folder = SweepRewriter.Write(format, _root, dcgm);
        using var bundle = FolderBundle.Opened(folder);
        var report = SweepAuditor.Audit(bundle, new SweepAuditOptions(), SweepCorpus.Tool);

        Assert.Equal(5, report.Results.Count);
        double worstMean = 0, worstTokens = 0, worstUtil = 0;
        foreach (var run in SweepRewriter.Runs())
        {
            var originalResult = SweepCorpus.Result(original, run.Mbs);
            var (o, r) = (originalResult.Sweep!, Assert.Single(report.Results, x => x.Sweep!.Configuration.MicroBatchSize == run.Mbs));
            var d = r.Sweep!;
            Assert.Equal(SweepFormatDetector.Name(format), d.LogFormat);
            Assert.Equal(o.Configuration, d.Configuration with { Accelerator = o.Configuration.Accelerator, Precision = o.Configuration.Precision });
            Assert.Equal("bf16", AcceleratorData.PrecisionKey(d.Configuration.Precision));
            Assert.Equal("success", d.Status);
            var tokens = AssertStepTimesAgree(format, run, o, d);
            AssertLossAgrees(format, run, o, d);
            var exactTimes = format is SweepLogFormat.DlLogger or SweepLogFormat.TensorBoard && !dcgm;
            var util = AssertTelemetryAgrees(o, d, exactTimes);
            Assert.Equal(Codes(originalResult, exactTimes), Codes(r, exactTimes));
            worstMean = Math.Max(worstMean, Math.Abs(d.StepTime!.MeanSeconds / o.StepTime!.MeanSeconds - 1));
            worstTokens = Math.Max(worstTokens, tokens);
            worstUtil = Math.Max(worstUtil, util);
        }

        foreach (var (claim, outcome) in new[] { ("MBS=16", "supported"), ("MBS=4,TP=1,PP=1,CP=1", "rejected"), ("MBS=2", "rejected") })
        {
            var expected = RecommendationCheck.Check(original.Results, claim, SweepCriterion.TokensPerGpu, 1).Recommendation;
            var actual = RecommendationCheck.Check(report.Results, claim, SweepCriterion.TokensPerGpu, 1).Recommendation;
            Assert.Equal(outcome, expected.Outcome);
            Assert.Equal(expected.Outcome, actual.Outcome);
            Assert.Equal(expected.Best, actual.Best);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{SweepFormatDetector.Name(format)}{(dcgm ? " + DCGM" : string.Empty)}: worst |mean step time / original - 1| = {worstMean:G3}, "
            + $"worst |tokens/s / original - 1| = {worstTokens:G3}, worst |mean utilization - original| = {worstUtil:G3} points"));
    }

    /// <summary>
    /// Step-time statistics within δ of the original (the standard deviation within δ·√(n/(n−1))), and the throughputs
    /// that follow from them within the same relative bound; returns |tokens/s ÷ original − 1|.
    /// </summary>
    private static double AssertStepTimesAgree(SweepLogFormat format, SweepRewriter.Run run, SweepDetails o, SweepDetails d)
    {
        var measured = run.Log.StepTimes.Where(s => !s.Warmup).Select(s => s.Value).ToList();
        var delta = measured.Max(v => Math.Abs(Printed(format, v) - v));
        var n = measured.Count;
        var (a, b) = (o.StepTime!, d.StepTime!);
        Assert.Equal(a.Steps, b.Steps);
        Assert.Equal(a.WarmupSteps, b.WarmupSteps);
        var pairs = new[]
        {
            (a.MeanSeconds, b.MeanSeconds), (a.MedianSeconds, b.MedianSeconds), (a.P95Seconds, b.P95Seconds),
            (a.MinSeconds, b.MinSeconds), (a.MaxSeconds, b.MaxSeconds),
        };
        foreach (var (x, y) in pairs)
        {
            Assert.InRange(Math.Abs(x - y), 0, delta + 1e-9 * x);
        }

        Assert.InRange(Math.Abs(a.StdDevSeconds - b.StdDevSeconds), 0, (delta * Math.Sqrt(n / (n - 1.0))) + 1e-9);
        var tokens = Math.Abs(d.TokensPerSecond!.Value / o.TokensPerSecond!.Value - 1);
        Assert.InRange(tokens, 0, (delta / (a.MeanSeconds - delta)) + 1e-9);
        Assert.Equal(o.TokensPerSecondPerGpu!.Value, d.TokensPerSecondPerGpu!.Value, o.TokensPerSecondPerGpu.Value * (tokens + 1e-12));
        Assert.Equal(o.ModelFlopsUtilization!.Value, d.ModelFlopsUtilization!.Value, o.ModelFlopsUtilization.Value * (tokens + 1e-12));
        if (format == SweepLogFormat.Megatron)
        {
            Assert.Equal(o.PeakMemoryGiB!.Value, d.PeakMemoryGiB!.Value, 9);
            // Megatron's figure is a mean of per-iteration rates, ours the rate of the mean step time: they differ by the
            // step-time spread (MBS 1: CV 10.6%).
            Assert.InRange(Math.Abs(d.ReportedTflopsPerGpu!.Value / d.ModelTflopsPerGpu!.Value - 1), 0, 0.02);
        }

        return tokens;
    }

    /// <summary>The loss points, and the trend where the printed losses cannot move it.</summary>
    private static void AssertLossAgrees(SweepLogFormat format, SweepRewriter.Run run, SweepDetails o, SweepDetails d)
    {
        // The trend (±0.1% of the first fifth's mean) survives when the printed losses cannot move it: NeMo 1 prints 10.8
        // for 10.78647.
        var lossDelta = run.Log.Losses.Max(l => Math.Abs(PrintedLoss(format, l.Value) - l.Value)) / o.Loss!.First!.Value;
        if (Math.Abs(o.Loss.RelativeChange!.Value) > 0.001 + (2 * lossDelta))
        {
            Assert.Equal(o.Loss.Trend, d.Loss!.Trend);
        }

        Assert.Equal(o.Loss.Points, d.Loss!.Points);
    }

    /// <summary>Telemetry equal where the sample times are exact, else the mean utilization within 5 points; returns the difference.</summary>
    private static double AssertTelemetryAgrees(SweepDetails o, SweepDetails d, bool exactTimes)
    {
        var util = Math.Abs(o.Telemetry!.MeanUtilizationPercent!.Value - d.Telemetry!.MeanUtilizationPercent!.Value);
        if (exactTimes)
        {
            Assert.Equal(o.Telemetry.Samples, d.Telemetry.Samples);
            Assert.Equal(o.Telemetry.MeanUtilizationPercent!.Value, d.Telemetry.MeanUtilizationPercent!.Value, 9);
            Assert.Equal(o.Telemetry.MeanPowerWatts!.Value, d.Telemetry.MeanPowerWatts!.Value, 9);
            Assert.Equal(o.Telemetry.MeanSmClockMhz!.Value, d.Telemetry.MeanSmClockMhz!.Value, 9);
        }
        else
        {
            // Times from the manifest's start plus the step times (and dmon's fixed interval): samples at the window's
            // edges may differ.
            Assert.InRange(util, 0, 5);
        }

        return util;
    }

    [Fact]
    public void Audit_WhenMegatronLogsEveryFiveIterations_WeighsEachLineByItsFiveIterations()
    {
        var original = SweepCorpus.Audit();
        var folder = SweepRewriter.Write(SweepLogFormat.Megatron, _root, interval: 5);
        using var bundle = FolderBundle.Opened(folder);
        var report = SweepAuditor.Audit(bundle, new SweepAuditOptions(), SweepCorpus.Tool);

        foreach (var run in SweepRewriter.Runs())
        {
            var o = SweepCorpus.Result(original, run.Mbs).Sweep!.StepTime!;
            var d = SweepCorpus.Result(report, run.Mbs).Sweep!.StepTime!;
            Assert.Equal(25, d.Steps);
            Assert.Equal(5, d.WarmupSteps);
            Assert.Equal(5, d.Seconds.Count); // five lines, each the mean of five iterations
            // The mean of interval means is the mean; each printed to 0.1 ms.
            Assert.InRange(Math.Abs(d.MeanSeconds - o.MeanSeconds), 0, 0.00005 + 1e-12);
        }

        Assert.Equal("supported", RecommendationCheck.Check(report.Results, "MBS=16", SweepCriterion.TokensPerGpu, 1).Recommendation.Outcome);
    }

    /// <summary>
    /// Writes the NeMo 2 rewrite of the corpus sweep for docs/sweeps.md: into <c>$MLPERF_AUDIT_SWEEP_DEMO</c> when set
    /// (<c>MLPERF_AUDIT_SWEEP_DEMO=/tmp/demo dotnet test tests/Audit.Core.Tests --filter "FullyQualifiedName~WritesTheNemo2Demo"</c>),
    /// else into a temporary folder; the audit of what it wrote must find the five configurations.
    /// </summary>
    [Fact]
    public void Write_WhenAskedForTheDocsDemo_WritesTheNemo2Demo()
    {
        var target = Environment.GetEnvironmentVariable("MLPERF_AUDIT_SWEEP_DEMO");
        var folder = SweepRewriter.Write(SweepLogFormat.Nemo2, string.IsNullOrEmpty(target) ? _root : target);
        using var bundle = FolderBundle.Opened(folder);

        Assert.True(SweepAuditor.Recognizes(bundle.Bundle));
        Assert.Equal(5, SweepAuditor.Audit(bundle, new SweepAuditOptions(), SweepCorpus.Tool).Summary.Valid);
    }

    private static string[] Codes(ResultReport result, bool withTelemetry)
        => [.. result.Findings.Select(f => f.Code).Where(c => withTelemetry || !c.StartsWith("SWP-TEL", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
