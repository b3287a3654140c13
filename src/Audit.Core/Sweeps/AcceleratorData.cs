using System.Security.Cryptography;
using System.Text.Json;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>One accelerator of <c>Rounds/training-metrics.json</c>: dense peaks per precision (TFLOP/s) and, where known, its limits.</summary>
internal sealed record AcceleratorEntry(
    string Match,
    IReadOnlyDictionary<string, double> PeakTflops,
    string Source,
    double? MaxSmClockMhz,
    double? PowerLimitWatts,
    string? LimitsSource);

/// <summary>Reads the accelerator table shared with the training metrics (<c>Rounds/training-metrics.json</c>), so peaks live in one place.</summary>
internal static class AcceleratorData
{
    private const string Resource = "Rounds/training-metrics.json";
    private static readonly Lazy<(IReadOnlyList<AcceleratorEntry> Entries, string Digest)> Data = new(Load);

    /// <summary>SHA-256 (hex) of the table, pinned in sweep reports.</summary>
    public static string Digest => Data.Value.Digest;

    /// <summary>The first entry whose match is part of <paramref name="accelerator"/> (case-insensitive); null when none.</summary>
    public static AcceleratorEntry? Find(string? accelerator)
        => string.IsNullOrEmpty(accelerator)
            ? null
            : Data.Value.Entries.FirstOrDefault(e => accelerator.Contains(e.Match, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table's precision key for a logged precision: bf16/bfloat16/fp16 → bf16, fp8, nvfp4, mxfp4; null otherwise.</summary>
    public static string? PrecisionKey(string precision) => precision.ToLowerInvariant() switch
    {
        "bf16" or "bfloat16" or "fp16" or "float16" or "amp_bf16" or "bf16-mixed" or "16-mixed" => "bf16",
        "fp8" or "float8" => "fp8",
        "nvfp4" => "nvfp4",
        "mxfp4" => "mxfp4",
        _ => null,
    };

    private static (IReadOnlyList<AcceleratorEntry>, string) Load()
    {
        using var stream = typeof(AcceleratorData).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException(Resource + " is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        using var doc = JsonDocument.Parse(bytes);
        var entries = doc.RootElement.GetProperty("accelerators").EnumerateArray().Select(a =>
        {
            double? clock = null, power = null;
            if (a.TryGetProperty("limits", out var limits))
            {
                clock = limits.TryGetProperty("maxSmClockMhz", out var c) ? c.GetDouble() : null;
                power = limits.TryGetProperty("powerLimitW", out var p) ? p.GetDouble() : null;
            }

            return new AcceleratorEntry(
                a.GetProperty("match").GetString()!,
                a.GetProperty("peakTflops").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal),
                a.GetProperty("source").GetString()!,
                clock,
                power,
                a.TryGetProperty("limitsSource", out var ls) ? ls.GetString() : null);
        }).ToList();
        return (entries, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
