using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Rules;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>The round data files restate the spec's tables (shared/spec/inference-rules.md §4, §8).</summary>
public sealed class RoundDataTests
{
    private static InferenceRound Load(string round) => Assert.IsType<LoadedRound>(InferenceRoundCatalog.Find(round)).Rules;

    [Fact]
    public void Catalog_ListsRoundsOldestFirst_AndKeepsV51AsDefault()
    {
        Assert.Equal(["v5.0", "v5.1", "v6.0", "v6.1"], InferenceRoundCatalog.Supported);
        Assert.Equal("v5.1", InferenceRoundCatalog.DefaultRound);
        Assert.Null(new InferenceAuditOptions().Round); // detected from the bundle, else DefaultRound
        Assert.All(InferenceRoundCatalog.Supported, r => Assert.Equal(r, Load(r).Round));
    }

    [Fact]
    public void V50_HoldsSpecSeeds_SeparateInteractiveBenchmarks_AndNoNewerModels()
    {
        var round = Load("v5.0");
        Assert.Equal(new RoundSeeds(6023615788873153749, 15036839855038426416, 9933818062894767841), round.Seeds);
        Assert.Equal(ResultLayout.Split, round.DefaultLayout);
        var interactive = Assert.IsType<BenchmarkRules>(round.FindBenchmark("llama2-70b-interactive-99"));
        Assert.Equal(new TokenLatencyLimit(450, 40), interactive.TokenLatencyLimits["Server"]);
        Assert.Equal(["Server", "Offline"], interactive.Scenarios.Datacenter!.Required);
        var llama = round.FindBenchmark("llama2-70b-99")!;
        Assert.False(llama.TokenLatencyLimits.ContainsKey("Interactive"));
        Assert.Equal(["Server", "Offline"], llama.Scenarios.Datacenter!.Required);
        Assert.Equal(44.4312 * 0.99, llama.Accuracy.Single(a => a.Metric == "ROUGE1").Lower!.Value);
        Assert.Equal(["TEST06"], round.FindBenchmark("mixtral-8x7b")!.Compliance);
        Assert.Null(round.FindBenchmark("deepseek-r1"));
        Assert.Null(round.FindBenchmark("llama3.1-8b"));
    }

    [Fact]
    public void V60_HoldsSpecSeeds_GptOss_AndDeepSeekInteractive()
    {
        var round = Load("v6.0");
        Assert.Equal(new RoundSeeds(2465351861681999779, 14276810075590677512, 3936089224930324775), round.Seeds);
        Assert.Equal(ResultLayout.Merged, round.DefaultLayout);
        var deepseek = round.FindBenchmark("deepseek-r1")!;
        Assert.Equal(new TokenLatencyLimit(1500, 15), deepseek.TokenLatencyLimits["Interactive"]);
        Assert.Equal(["Offline"], deepseek.Scenarios.Datacenter!.Required);
        Assert.Equal(["Server", "Interactive"], deepseek.Scenarios.Datacenter.OneOf);
        var gpt = round.FindBenchmark("gpt-oss-120b")!;
        Assert.True(gpt.Llm);
        Assert.Equal(new TokenLatencyLimit(3000, 80), gpt.TokenLatencyLimits["Server"]);
        Assert.Equal(new TokenLatencyLimit(2000, 15), gpt.TokenLatencyLimits["Interactive"]);
        Assert.Equal(83.13 * 0.99, gpt.Accuracy.Single(a => a.Metric == "exact_match").Lower!.Value);
        var length = gpt.Accuracy.Single(a => a.Metric == "TOKENS_PER_SAMPLE");
        Assert.Null(length.Lower);
        Assert.Equal(9999 * 1.1, length.Upper!.Value);
        Assert.Equal(6396, gpt.PerformanceSampleCount);
        Assert.Equal(["TEST07", "TEST09"], gpt.Compliance);
        Assert.NotNull(round.FindBenchmark("mixtral-8x7b"));
        Assert.NotNull(round.FindBenchmark("dlrm-v3")); // every official v6.0 model is audited (V60RulesTests)
        Assert.False(round.IsUnauditedOfficialBenchmark("dlrm-v3"));
    }

    [Fact]
    public void V61_HoldsSpecSeeds_AndRemovesLlama2_99_405b_Mixtral()
    {
        var round = Load("v6.1");
        Assert.Equal(new RoundSeeds(2085463073848966840, 2747215439041700203, 16159082839903944936), round.Seeds);
        Assert.Null(round.FindBenchmark("llama2-70b-99"));
        Assert.Null(round.FindBenchmark("llama3.1-405b"));
        Assert.Null(round.FindBenchmark("mixtral-8x7b"));
        var llama = round.FindBenchmark("llama2-70b-99.9")!;
        Assert.Equal(new TokenLatencyLimit(450, 40), llama.TokenLatencyLimits["Interactive"]);
        Assert.Equal(44.4312 * 0.999, llama.Accuracy.Single(a => a.Metric == "ROUGE1").Lower!.Value);
        Assert.Equal(["TEST07", "TEST09"], round.FindBenchmark("gpt-oss-120b")!.Compliance);
        Assert.Equal(["TEST06"], round.FindBenchmark("llama3.1-8b")!.Compliance);
        Assert.Equal(4388, round.FindBenchmark("deepseek-r1")!.PerformanceSampleCount);
        Assert.False(round.IsUnauditedOfficialBenchmark("e2e-rag-qna"));
        Assert.NotNull(round.FindBenchmark("e2e-rag-qna"));
    }
}

/// <summary>A metric with only an upper bound (v6.x gpt-oss-120b's tokens_per_sample) is checked when reported and not required.</summary>
public sealed class UpperOnlyAccuracyTests
{
    private static IReadOnlyList<Finding> Judge(params AccuracyTarget[] targets)
    {
        using var bundle = Corpus.OpenV51();
        const string folder = "closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/deepseek-r1/Offline";
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == folder);
        var round = InferenceRoundCatalog.Find("v5.1")!.Rules;
        var benchmark = round.FindBenchmark("deepseek-r1")! with { Accuracy = targets };
        var context = new ResultContext(location, round, benchmark, new BundleIndex(bundle), BundleLimits.Default, null);
        AccuracyRules.Check(context);
        return context.Findings;
    }

    [Fact]
    public void Check_WhenUpperOnlyMetricIsAboveItsLimit_FlagsAboveLimit()
        => Assert.Contains(Judge(new AccuracyTarget("TOKENS_PER_SAMPLE", Upper: new AccuracyBound(3000, 1.1))),
            f => f.Code == FindingCatalog.InfAccuracyAboveLimit.Code);

    [Fact]
    public void Check_WhenUpperOnlyMetricIsWithinOrAbsent_AddsNothing()
        => Assert.Empty(Judge(
            new AccuracyTarget("TOKENS_PER_SAMPLE", Upper: new AccuracyBound(9999, 1.1)),
            new AccuracyTarget("GEN_LEN", Upper: new AccuracyBound(1, 1))));
}

/// <summary>v6.x TEST07, TEST08 and TEST09: the verification file must say TEST PASS (spec §8).</summary>
public sealed class LaterComplianceTestTests
{
    private const string Folder = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server";
    private const string Compliance = "closed/Azure/compliance/ND_GB200_v6/llama2-70b-99/Server";

    private static List<string> Judge(Func<EditedBundle, EditedBundle> edit, params string[] tests)
    {
        using var bundle = edit(Corpus.OpenV51());
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Folder);
        var round = InferenceRoundCatalog.Find("v6.0")!.Rules;
        var benchmark = round.FindBenchmark("llama2-70b-99")! with { Compliance = tests };
        var context = new ResultContext(location, round, benchmark, new BundleIndex(bundle), BundleLimits.Default, null);
        ComplianceRules.Check(context);
        return [.. context.Findings.Select(f => f.Code)];
    }

    [Fact]
    public void Check_WhenVerificationsSayTestPass_AddsNothing()
        => Assert.Empty(Judge(
            b => b.Replace(Compliance + "/TEST07/verify_accuracy.txt", "TEST PASS\n")
                .Replace(Compliance + "/TEST08/verify_accuracy.txt", "TEST PASS\n")
                .Replace(Compliance + "/TEST09/verify_output_len.txt", "TEST PASS\n"),
            "TEST07", "TEST08", "TEST09"));

    [Fact]
    public void Check_WhenVerificationFailsOrIsMissing_FlagsIt()
    {
        var codes = Judge(b => b.Replace(Compliance + "/TEST07/verify_accuracy.txt", "TEST FAIL\n"), "TEST07", "TEST09");
        Assert.Equal([FindingCatalog.InfComplianceMissing.Code, FindingCatalog.InfComplianceFailed.Code], codes.Order(StringComparer.Ordinal));
    }
}
