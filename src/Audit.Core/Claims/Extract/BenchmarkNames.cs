using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Claims.Extract;

/// <summary>MLPerf benchmarks as posts name them ("Llama 2 70B", "DeepSeek-R1"), mapped to their benchmark ids.</summary>
internal static class BenchmarkNames
{
    /// <summary>Pattern, inference id, training id (null when the benchmark has no training counterpart).</summary>
    private static readonly (Regex Pattern, string Inference, string? Training)[] Names =
    [
        (Pattern(@"llama[\s-]?3\.1[\s-]?405\s?b"), "llama3.1-405b", "llama31_405b"),
        (Pattern(@"llama[\s-]?3\.1[\s-]?8\s?b"), "llama3.1-8b", "llama31_8b"),
        (Pattern(@"llama[\s-]?2[\s-]?70\s?b[\s-]?lora"), "llama2-70b-99", "llama2_70b_lora"),
        (Pattern(@"llama[\s-]?2[\s-]?70\s?b(?![\s-]?lora)"), "llama2-70b-99", null),
        (Pattern(@"deepseek[\s-]?r1"), "deepseek-r1", null),
        (Pattern(@"mixtral[\s-]?8x7b"), "mixtral-8x7b", null),
        (Pattern(@"stable[\s-]?diffusion[\s-]?xl|sdxl"), "stable-diffusion-xl", null),
        (Pattern(@"gpt-?j"), "gptj-99", null),
        (Pattern(@"whisper"), "whisper", null),
        (Pattern(@"retinanet"), "retinanet", "retinanet"),
        (Pattern(@"resnet(?:-?50)?"), "resnet", null),
        (Pattern(@"dlrm"), "dlrm-v2-99", "dlrm_dcnv2"),
        (Pattern(@"bert"), "bert-99", "bert"),
        (Pattern(@"flux"), "flux1", "flux1"),
    ];

    /// <summary>The benchmark ids named in <paramref name="text"/>; training ids for training quantities.</summary>
    public static IReadOnlyList<string> Find(string text, ClaimQuantity quantity)
    {
        var training = quantity is ClaimQuantity.TimeToTrain or ClaimQuantity.StepTime or ClaimQuantity.ScalingEfficiency;
        return [.. Names.Where(n => n.Pattern.IsMatch(text)).Select(n => training && n.Training is not null ? n.Training : n.Inference).Distinct()];
    }

    private static Regex Pattern(string pattern) => new(@"\b(?:" + pattern + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
