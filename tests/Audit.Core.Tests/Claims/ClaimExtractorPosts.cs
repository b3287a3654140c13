using MlPerfAudit.Core.Claims;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>One figure a reviewer would take from a post: where it is written (anchor) and what it claims.</summary>
internal sealed record ExpectedFigure(string Anchor, double Value, string Unit, ClaimQuantity Quantity, ClaimQualifier Qualifier = ClaimQualifier.Exact);

/// <summary>Five posts written like the seed posts (launch blogs), each with every figure a reviewer would take from it.</summary>
internal static class ClaimExtractorPosts
{
    private const ClaimQuantity T = ClaimQuantity.Throughput;
    private const ClaimQuantity P = ClaimQuantity.PerAcceleratorThroughput;
    private const ClaimQuantity Ttt = ClaimQuantity.TimeToTrain;
    private const ClaimQuantity Step = ClaimQuantity.StepTime;
    private const ClaimQuantity X = ClaimQuantity.Speedup;
    private const ClaimQuantity Eff = ClaimQuantity.ScalingEfficiency;

    public const string InferenceRecords = """
        # Azure ND GB300 v6 sets MLPerf Inference v6.0 records

        _Posted April 2, 2026 · 6 min read_

        In MLPerf Inference v6.0, published on April 1, 2026, the ND GB300 v6 rack delivered **1,126,850 tokens/s** on Llama 2 70B in the Offline scenario (result 6.0-0078).
        On the same benchmark the Server scenario reached 1.02M tokens/s, and the Interactive scenario just over 800,000 tokens/s.

        For Llama 3.1 405B, one rack served up to 22,400 tokens/s in Server, about 3.4x the previous round's submission.

        DeepSeek-R1 Offline throughput exceeded 590,000 tokens/s, with 99.9% of the FP8 accuracy target met.

        Full results: [MLCommons](https://mlcommons.org/benchmarks/inference-datacenter/) (v6.0, 2026-04-01).
        """;

    public static readonly ExpectedFigure[] InferenceRecordsFigures =
    [
        new("1,126,850 tokens/s", 1126850, "tokens/s", T),
        new("1.02M tokens/s", 1020000, "tokens/s", T),
        new("800,000 tokens/s", 800000, "tokens/s", T, ClaimQualifier.JustOver),
        new("22,400 tokens/s", 22400, "tokens/s", T, ClaimQualifier.UpTo),
        new("3.4x", 3.4, "x", X, ClaimQualifier.Approximately),
        new("590,000 tokens/s", 590000, "tokens/s", T, ClaimQualifier.MoreThan),
    ];

    public const string PerGpu = """
        <html><head><title>Per-GPU performance in MLPerf Inference v5.1</title><style>p { margin: 0 0 1.5em; }</style></head>
        <body>
        <h1>13,000 tokens per second per GPU on ND GB200 v6</h1>
        <p>Published September 9, 2025. In MLPerf Inference v5.1 (result <a href="https://mlcommons.org/r/5.1-0008">5.1-0008</a>), one ND GB200 v6 VM with 4 GPUs delivered 52,062 tokens/s on Llama 2 70B Offline, or about 13,015 tokens/s per GPU.</p>
        <p>On Llama 3.1 405B Server the VM served 584 tokens/s, roughly 146 tokens/s/GPU.</p>
        <p>AMD's 8x MI300X system reached 3,120 samples/s per accelerator on Stable Diffusion XL&nbsp;Offline.</p>
        <p>Mixtral 8x7B ran at ~6,900 tokens/s per GPU on the same system.</p>
        </body></html>
        """;

    public static readonly ExpectedFigure[] PerGpuFigures =
    [
        new("13,000 tokens per second per GPU", 13000, "tokens/s", P),
        new("52,062 tokens/s", 52062, "tokens/s", T),
        new("13,015 tokens/s per GPU", 13015, "tokens/s", P, ClaimQualifier.Approximately),
        new("584 tokens/s", 584, "tokens/s", T),
        new("146 tokens/s/GPU", 146, "tokens/s", P, ClaimQualifier.Approximately),
        new("3,120 samples/s per accelerator", 3120, "samples/s", P),
        new("~6,900 tokens/s per GPU", 6900, "tokens/s", P, ClaimQualifier.Approximately),
    ];

    public const string RackExtrapolation = """
        ## What a full NVL72 rack could do

        A single ND GB200 v6 VM (4 GPUs) delivers 52,000 tokens/s on Llama 2 70B Offline in MLPerf Inference v5.1.
        An NVL72 rack holds 18 such VMs, so a rack would reach a projected 937,000 tokens/s, or roughly 1M tokens/s.

        That is 18x the single-VM figure, and more than 2.5 times the throughput of the previous generation's 8-GPU server.

        At 1,400 W per GPU the rack draws about 132 kW and delivers roughly 7.1 tokens/s per watt.
        """;

    public static readonly ExpectedFigure[] RackExtrapolationFigures =
    [
        new("52,000 tokens/s", 52000, "tokens/s", T),
        new("937,000 tokens/s", 937000, "tokens/s", T),
        new("1M tokens/s", 1000000, "tokens/s", T, ClaimQualifier.Approximately),
        new("18x", 18, "x", X),
        new("2.5 times", 2.5, "x", X, ClaimQualifier.MoreThan),
        new("7.1 tokens/s", 7.1, "tokens/s", T, ClaimQualifier.Approximately),
    ];

    public const string TrainingTime = """
        # Training Llama 3.1 405B in just over 7 minutes

        In MLPerf Training v6.0 (published June 3, 2026), Azure trained Llama 3.1 405B on 8,192 GB200 GPUs in 7.07 minutes, the official score over three runs.
        The fastest single run finished in 6.9 minutes, and each training step took 1.28 s on average.

        Compared with the v5.1 submission on 2,048 GPUs (27.3 minutes), that is a 3.9x speedup at 4x the scale.

        The run used a global batch size of 2,304 sequences of 8,192 tokens; see https://mlcommons.org/2026/06/training-v6-0/ for details.
        """;

    public static readonly ExpectedFigure[] TrainingTimeFigures =
    [
        new("7 minutes", 7, "minutes", Ttt, ClaimQualifier.JustOver),
        new("7.07 minutes", 7.07, "minutes", Ttt),
        new("6.9 minutes", 6.9, "minutes", Ttt),
        new("1.28 s", 1.28, "seconds", Step),
        new("27.3 minutes", 27.3, "minutes", Ttt),
        new("3.9x", 3.9, "x", X),
    ];

    public const string ScalingEfficiency = """
        ## Scaling Llama 3.1 405B from 512 to 1,024 H200 GPUs

        Nebius's MLPerf Training v5.0 results show 98.6% strong scaling efficiency when going from 64 to 128 nodes (512 to 1,024 GPUs).
        Weak scaling held at nearly 99% with the same per-GPU batch, with step times of 4.1 s and 4.14 s.

        Time to train fell from 55.2 minutes to 28 minutes, a 1.97x speedup, i.e. 97% higher throughput per GPU-hour.

        Results verified on November 13, 2025 against MLPerf Training v5.0 rules 5.0.0.
        """;

    public static readonly ExpectedFigure[] ScalingEfficiencyFigures =
    [
        new("98.6%", 98.6, "%", Eff),
        new("99%", 99, "%", Eff, ClaimQualifier.JustUnder),
        new("4.1 s", 4.1, "seconds", Step),
        new("4.14 s", 4.14, "seconds", Step),
        new("55.2 minutes", 55.2, "minutes", Ttt),
        new("28 minutes", 28, "minutes", Ttt),
        new("1.97x", 1.97, "x", X),
        new("97%", 97, "%", X),
    ];
}
