using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>Inputs the parser properties share: a real result of the corpus and its files as bytes.</summary>
internal static class PropertyInputs
{
    /// <summary>Azure's v5.1 llama3.1-405b Offline result, corpus-relative.</summary>
    public const string CorpusResult = "inference/v5.1/closed/Azure/results/ND_GB200_v6/llama3.1-405b/Offline";

    /// <summary>Both values of a flag.</summary>
    public static readonly bool[] Both = [false, true];

    /// <summary>The bytes of a corpus file (corpus-relative path with '/').</summary>
    public static byte[] CorpusFile(string relative) => File.ReadAllBytes(RepoPaths.Corpus(relative.Split('/')));

    /// <summary>A read-only stream over <paramref name="bytes"/>.</summary>
    public static MemoryStream ReadOnlyStream(byte[] bytes) => new(bytes, writable: false);
}
