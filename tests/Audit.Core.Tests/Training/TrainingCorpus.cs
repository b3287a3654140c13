using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>The real training result folders of the shared corpus, read in place.</summary>
internal static class TrainingCorpus
{
    public const string Azure41Lora = "v4.1/Azure/results/ND_H200_v5_n64_nemo/llama2_70b_lora";
    public const string Nvidia50Tyche405b = "v5.0/NVIDIA/results/tyche_ngpu512_ngc25.04_nemo/llama31_405b";
    public const string Carina50405b = "v5.0/IBM+CoreWeave+NVIDIA/results/carina_ngpu2496_ngc25.04_nemo/llama31_405b";
    public const string Nvidia51Hsg405b = "v5.1/NVIDIA/results/hsg_ngpu5120_ngc25.09_nemo/llama31_405b";
    public const string Nvidia51Tyche8b = "v5.1/NVIDIA/results/tyche_ngpu72_ngc25.09_nemo/llama31_8b";
    public const string Nvidia51TycheLora = "v5.1/NVIDIA/results/tyche_ngpu72_ngc25.09_nemo/llama2_70b_lora";
    public const string Amd518b = "v5.1/AMD/results/MI355X_EPYC_9575F_pytorch/llama31_8b";
    public const string Azure60405b = "v6.0/Azure/results/2048xAzure_GB200/llama31_405b";

    public static string Path(string relative) => RepoPaths.Corpus(["training", .. relative.Split('/')]);

    public static string RuleSetOf(string relative) => relative[1..4] + ".0";

    public static IEnumerable<string> ResultFiles(string folder) =>
        Directory.EnumerateFiles(Path(folder), "result_*.txt").Order(StringComparer.Ordinal);

    public static TrainingLog Parse(string file)
    {
        using var stream = File.OpenRead(file);
        return TrainingLogParser.Parse(stream, System.IO.Path.GetFileName(file), 1 << 20);
    }

    public static TrainingLog ParseText(string text, string name = "result_0.txt")
    {
        using var stream = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text));
        return TrainingLogParser.Parse(stream, name, 1 << 20);
    }

    public static TheoryData<string> Folders() =>
        [Azure41Lora, Nvidia50Tyche405b, Carina50405b, Nvidia51Hsg405b, Nvidia51Tyche8b, Nvidia51TycheLora, Amd518b, Azure60405b];
}
