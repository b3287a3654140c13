using MlPerfAudit.Core.Claims;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>One figure a reviewer would take from a post: where it is written (anchor) and what it claims.</summary>
internal sealed record ExpectedFigure(string Anchor, double Value, string Unit, ClaimQuantity Quantity,
    ClaimQualifier Qualifier = ClaimQualifier.Exact);

/// <summary>
/// Five posts written like the seed posts (launch blogs), each with every figure a reviewer would take from it. The posts
/// are kept as written under TestData/posts (one sentence a line: the figures' lines are asserted).
/// </summary>
internal static class ClaimExtractorPosts
{
    private static string Post(string file)
        => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Claims", "TestData", "posts", file));

    private const ClaimQuantity T = ClaimQuantity.Throughput;
    private const ClaimQuantity P = ClaimQuantity.PerAcceleratorThroughput;
    private const ClaimQuantity Ttt = ClaimQuantity.TimeToTrain;
    private const ClaimQuantity Step = ClaimQuantity.StepTime;
    private const ClaimQuantity X = ClaimQuantity.Speedup;
    private const ClaimQuantity Eff = ClaimQuantity.ScalingEfficiency;

    public static string InferenceRecords => Post("inference-records.md");

    public static readonly ExpectedFigure[] InferenceRecordsFigures =
    [
        new("1,126,850 tokens/s", 1126850, "tokens/s", T),
        new("1.02M tokens/s", 1020000, "tokens/s", T),
        new("800,000 tokens/s", 800000, "tokens/s", T, ClaimQualifier.JustOver),
        new("22,400 tokens/s", 22400, "tokens/s", T, ClaimQualifier.UpTo),
        new("3.4x", 3.4, "x", X, ClaimQualifier.Approximately),
        new("590,000 tokens/s", 590000, "tokens/s", T, ClaimQualifier.MoreThan),
    ];

    public static string PerGpu => Post("per-gpu.html");

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

    public static string RackExtrapolation => Post("rack-extrapolation.md");

    public static readonly ExpectedFigure[] RackExtrapolationFigures =
    [
        new("52,000 tokens/s", 52000, "tokens/s", T),
        new("937,000 tokens/s", 937000, "tokens/s", T),
        new("1M tokens/s", 1000000, "tokens/s", T, ClaimQualifier.Approximately),
        new("18x", 18, "x", X),
        new("2.5 times", 2.5, "x", X, ClaimQualifier.MoreThan),
        new("7.1 tokens/s", 7.1, "tokens/s", T, ClaimQualifier.Approximately),
    ];

    public static string TrainingTime => Post("training-time.md");

    public static readonly ExpectedFigure[] TrainingTimeFigures =
    [
        new("7 minutes", 7, "minutes", Ttt, ClaimQualifier.JustOver),
        new("7.07 minutes", 7.07, "minutes", Ttt),
        new("6.9 minutes", 6.9, "minutes", Ttt),
        new("1.28 s", 1.28, "seconds", Step),
        new("27.3 minutes", 27.3, "minutes", Ttt),
        new("3.9x", 3.9, "x", X),
    ];

    public static string ScalingEfficiency => Post("scaling-efficiency.md");

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
