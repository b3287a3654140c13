using System.ComponentModel.DataAnnotations;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Limits applied while reading an untrusted bundle. Validate once with <see cref="Validate"/>;
/// every violation is reported together.
/// </summary>
public sealed record BundleLimits
{
    /// <summary>The defaults: generous for a whole submission round, tight enough for hostile input.</summary>
    public static BundleLimits Default { get; } = new();

    /// <summary>Most entries an archive or folder may hold. Default 200,000 (the v5.1 round has about 60,000 files).</summary>
    [Range(1, 10_000_000)]
    public int MaxEntries { get; init; } = 200_000;

    /// <summary>Most uncompressed bytes the bundle may expand to. Default 64 GiB.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxTotalBytes { get; init; } = 64L << 30;

    /// <summary>Largest single file, in bytes. Default 8 GiB.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxEntryBytes { get; init; } = 8L << 30;

    /// <summary>Highest uncompressed/compressed ratio allowed for an archive entry (zip-bomb guard). Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxCompressionRatio { get; init; } = 1000;

    /// <summary>Deepest folder nesting, in path segments. Default 64.</summary>
    [Range(1, 4096)]
    public int MaxPathDepth { get; init; } = 64;

    /// <summary>Longest line a log parser accepts, in bytes. Default 16 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxLineBytes { get; init; } = 16 << 20;

    /// <summary>
    /// Longest time judging the results may take, from the start of the audit (reading the archive is bounded by the
    /// byte limits instead). A result not started in time is not judged: it gets <c>BUN-LIM-002</c> and is invalid.
    /// Default 15 minutes (2 GB of logs take seconds); at least 1 ms, at most 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxAuditTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Returns every violated limit as a message; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "invalid limit")];
    }
}
