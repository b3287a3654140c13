using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Training;

namespace MlPerfAudit.Core.Tests.Sweeps.Formats;

/// <summary>
/// A Llama 3 8B sweep on eight H100 SXM GPUs over tensor, pipeline, context and data parallelism, written by the test as
/// Megatron-LM logs (argument printout, parameter count, iteration lines with TFLOP/s/GPU): GPU counts, tokens/s per GPU
/// and MFU against a hand calculation, and the claim "MBS=4,TP=1,PP=2,CP=1" from the issue.
/// </summary>
public sealed class ParallelSweepTests : IDisposable
{
    private const long Parameters = 8_030_261_248; // Llama 3 8B
    private const int Sequence = 4096;
    private const int Layers = 32;
    private const int Hidden = 4096;
    private readonly string _root = Directory.CreateTempSubdirectory("sweep-parallel-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Config name, MBS, GBS, TP, PP, CP, DP, world size, mean step time (s), factor on the printed TFLOP/s (1 = Megatron's own
    /// count).</summary>
    private static readonly (string Name, int Mbs, int Gbs, int Tp, int Pp, int Cp, int Dp, int World, double Seconds,
        double TflopsFactor)[] Configs =
    [
        ("a", 2, 64, 2, 1, 1, 4, 8, 4.0, 1),
        ("b", 4, 64, 1, 2, 1, 4, 8, 3.6, 1),
        ("c", 1, 32, 4, 2, 1, 1, 8, 2.4, 1),
        ("d", 2, 64, 1, 1, 2, 4, 8, 3.8, 2), // prints twice the TFLOP/s it can have done
    ];

    private string Write()
    {
        foreach (var c in Configs)
        {
            var text = new StringBuilder("------------------------ arguments ------------------------\n");
            foreach (var (name, value) in new (string, object)[]
            {
                ("bf16", "True"), ("context_parallel_size", c.Cp), ("data_parallel_size", c.Dp), ("fp8", "None"), ("global_batch_size", c.Gbs),
                ("hidden_size", Hidden), ("micro_batch_size", c.Mbs), ("num_layers", Layers), ("pipeline_model_parallel_size", c.Pp),
                ("seq_length", Sequence), ("tensor_model_parallel_size", c.Tp), ("train_iters", 30), ("world_size", c.World),
            })
            {
                text.Append(CultureInfo.InvariantCulture, $"  {name} {new string('.', 48 - name.Length)} {value}\n");
            }

            text.Append("-------------------- end of arguments ---------------------\n");
            for (var t = 0; t < c.Tp; t++)
            {
                for (var p = 0; p < c.Pp; p++)
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $" > number of parameters on (tensor, pipeline) model parallel rank ({t}, {p}): {Parameters / (c.Tp * c.Pp)}\n");
                }
            }

            for (var i = 1; i <= 30; i++)
            {
                var seconds = c.Seconds * (1 + (i % 2 == 0 ? 0.005 : -0.005)); // ±0.5% jitter; 24 measured steps average to the mean
                var tflops = (6.0 * Parameters + 12.0 * Layers * Hidden * Sequence) * c.Gbs * Sequence / seconds / c.World / 1e12
                    * c.TflopsFactor;
                text.Append(CultureInfo.InvariantCulture, $" [2026-11-22 10:00:{i:00}] iteration {i,8}/{30,8} | consumed samples: {i * c.Gbs,12} | ")
                    .Append(CultureInfo.InvariantCulture,
                        $"elapsed time per iteration (ms): {seconds * 1000:F1} | throughput per GPU (TFLOP/s/GPU): {tflops:F1} | ")
                    .Append(CultureInfo.InvariantCulture, $"learning rate: 3.000000E-04 | global batch size: {c.Gbs,5} | ")
                    .Append(CultureInfo.InvariantCulture, $"lm loss: {11.0 - (i * 0.01):0.000000E+00} | loss scale: 1.0 | ")
                    .Append("grad norm: 1.000 | number of skipped iterations:   0 | number of nan iterations:   0 |\n");
            }

            Directory.CreateDirectory(Path.Combine(_root, c.Name));
            File.WriteAllText(Path.Combine(_root, c.Name, "megatron.log"), text.ToString());
        }

        File.WriteAllText(Path.Combine(_root, "sweep.yaml"), "version: 1\nwarmupSteps: 6\nruns:\n"
            + string.Concat(Configs.Select(c => $"  - log: {c.Name}/megatron.log\n    accelerator: NVIDIA H100 80GB HBM3\n")));
        return _root;
    }

    /// <summary>
    /// Hand calculation (GPUs = TP × PP × CP × DP = 8 in each; tokens per step = GBS × 4096; 24 measured steps whose ±0.5% jitter
    /// averages out; MFU = 6 × 8,030,261,248 × tokens/s per GPU ÷ 989e12, the H100 SXM dense BF16 peak):
    /// a: 64 × 4096 = 262,144 tokens / 4.0 s = 65,536 tokens/s, 8,192 per GPU, MFU 0.399093;
    /// b: 262,144 / 3.6 s = 72,817.78 tokens/s, 9,102.22 per GPU, MFU 0.443437;
    /// c: 32 × 4096 = 131,072 / 2.4 s = 54,613.33 tokens/s, 6,826.67 per GPU, MFU 0.332578;
    /// d: 262,144 / 3.8 s = 68,985.26 tokens/s, 8,623.16 per GPU, MFU 0.420098.
    /// </summary>
    [Theory]
    [InlineData("a", "MBS=2,TP=2,PP=1,CP=1,DP=4,GBS=64", 8, 65_536.0, 8_192.0, 0.399093)]
    [InlineData("b", "MBS=4,TP=1,PP=2,CP=1,DP=4,GBS=64", 8, 72_817.78, 9_102.22, 0.443437)]
    [InlineData("c", "MBS=1,TP=4,PP=2,CP=1,GBS=32", 8, 54_613.33, 6_826.67, 0.332578)]
    [InlineData("d", "MBS=2,TP=1,PP=1,CP=2,DP=4,GBS=64", 8, 68_985.26, 8_623.16, 0.420098)]
    public void Audit_WhenParallelLayoutsVary_ReportsGpusThroughputPerGpuAndMfuAsByHand(string name, string label, int gpus, double tokensPerSecond,
        double perGpu, double mfu)
    {
        using var bundle = FolderBundle.Opened(Write());
        var report = SweepAuditor.Audit(bundle, new SweepAuditOptions { ClaimedOptimal = "MBS=4,TP=1,PP=2,CP=1" }, SweepCorpus.Tool);

        var result = Assert.Single(report.Results, r => r.Id == $"{name}/megatron.log");
        var d = result.Sweep!;
        Assert.Equal(label, d.Configuration.Label);
        Assert.Equal(gpus, d.Configuration.Gpus);
        Assert.Equal(
            d.Configuration.TensorParallel * d.Configuration.PipelineParallel * d.Configuration.ContextParallel * d.Configuration.DataParallel,
            d.Configuration.Gpus);
        Assert.Equal(Parameters, d.Configuration.ModelParameters);
        Assert.Equal(24, d.StepTime!.Steps);
        Assert.Equal(tokensPerSecond, d.TokensPerSecond!.Value, 0.01);
        Assert.Equal(perGpu, d.TokensPerSecondPerGpu!.Value, 0.01);
        Assert.Equal(mfu, d.ModelFlopsUtilization!.Value, 6);
        Assert.Contains("989", d.ModelFlopsFormula, StringComparison.Ordinal);
        Assert.Equal(name == "d", result.Findings.Any(f => f.Code == "SWP-MFU-002"));
        Assert.DoesNotContain(result.Findings, f => f.Code is "SWP-CFG-001" or "SWP-CFG-005" or "SWP-LOG-002");
        Assert.Equal("supported", report.Sweep!.Recommendation!.Outcome);
        Assert.Equal("MBS=2,TP=1,PP=1,CP=2,DP=4,GBS=64", report.Sweep.Recommendation.Best);
    }

    [Fact]
    public void Audit_WhenWorldSizeIsNotTpTimesPpTimesCpTimesDp_ReportsTheConflictWithItsLine()
    {
        var root = Write();
        var log = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(root, "a", "megatron.log")), @"world_size (\.+) 8",
            "world_size $1 16");
        File.WriteAllText(Path.Combine(root, "a", "megatron.log"), log);
        using var bundle = FolderBundle.Opened(root);
        var report = SweepAuditor.Audit(bundle, new SweepAuditOptions(), SweepCorpus.Tool);

        var finding = Assert.Single(Assert.Single(report.Results, r => r.Id == "a/megatron.log").Findings, f => f.Code == "SWP-CFG-005");
        Assert.Equal("a/megatron.log", finding.File);
        Assert.Equal(1, finding.Line);
    }
}
