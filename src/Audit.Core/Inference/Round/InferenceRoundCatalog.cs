using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPerfAudit.Core.Inference.Round;

/// <summary>Loads the embedded inference round data once per round and hands out the same instance.</summary>
public static class InferenceRoundCatalog
{
    private static readonly ConcurrentDictionary<string, LoadedRound?> Cache = new(StringComparer.Ordinal);

    /// <summary>Rounds with rules data, newest last.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["v5.0", "v5.1", "v6.0", "v6.1"];

    /// <summary>
    /// The round audited when none is given and none can be detected: v5.1, the newest round whose
    /// published logs the rules were tested against (v6.x rules are restated from the checker only).
    /// </summary>
    public const string DefaultRound = "v5.1";

    /// <summary>The round's rules and their digest, or null when no rules exist for it.</summary>
    /// <param name="round">Round label such as <c>v5.1</c>.</param>
    public static LoadedRound? Find(string round) => Cache.GetOrAdd(round, Load);

    private static LoadedRound? Load(string round)
    {
        var resource = $"Rounds/inference-{round}.json";
        using var stream = typeof(InferenceRoundCatalog).Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var data = JsonSerializer.Deserialize(bytes, RoundJsonContext.Default.InferenceRound)
            ?? throw new InvalidOperationException($"{resource} holds null");
        return new LoadedRound(data, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

/// <summary>A round's rules with the SHA-256 (hex) of the data file they came from.</summary>
public sealed record LoadedRound(InferenceRound Rules, string Digest);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(InferenceRound))]
internal sealed partial class RoundJsonContext : JsonSerializerContext;
