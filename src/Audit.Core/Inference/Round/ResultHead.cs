using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference.Layout;

namespace MlPerfAudit.Core.Inference.Round;

/// <summary>
/// What one result's own run records about its round, read once by one reader for round detection
/// (<see cref="RoundDetector"/>) and for each result's evidence (<see cref="RoundEvidence"/>).
/// </summary>
/// <param name="Seeds">The three RNG seeds of its performance detail log, or the two of an endpoints result's config.yaml
/// (QSL seed 0: endpoints runs have none); null when absent.</param>
/// <param name="FromEndpointsConfig">True when <paramref name="Seeds"/> come from an endpoints result's config.yaml.</param>
/// <param name="LoadGen">The LoadGen release (major.minor, e.g. "5.1") its detail log records, or null.</param>
internal sealed partial record ResultHead(RoundSeeds? Seeds, bool FromEndpointsConfig, string? LoadGen)
{
    /// <summary>Bytes read first from the head of a detail log; LoadGen logs its version and seeds within the first ~20 KiB.</summary>
    private const int FirstBytes = 64 * 1024;

    /// <summary>Bytes read at most when the first read lacks the seeds or the version.</summary>
    private const int MaxBytes = 256 * 1024;

    /// <summary>Nothing recorded.</summary>
    public static readonly ResultHead None = new(null, false, null);

    /// <summary>Where the seeds were read, for messages.</summary>
    public string Source => FromEndpointsConfig ? "config.yaml" : "detail log";

    /// <summary>True when the recorded seeds are <paramref name="round"/>'s (an endpoints result: its two seeds).</summary>
    public bool Matches(RoundSeeds round) => Seeds is { } s && (FromEndpointsConfig
        ? s.SampleIndexRngSeed == round.SampleIndexRngSeed && s.ScheduleRngSeed == round.ScheduleRngSeed
        : s == round);

    /// <summary>
    /// Reads the result's performance detail log head (seeds and LoadGen release) or, when it has none, an endpoints result's
    /// config.yaml (seeds).
    /// </summary>
    /// <param name="bundle">The bundle to read from.</param>
    /// <param name="find">The bundle entry at a bundle-relative path, or null.</param>
    /// <param name="result">The located result.</param>
    public static ResultHead Read(IBundle bundle, Func<string, BundleEntry?> find, ResultLocation result)
    {
        if (find(result.Folder + "/performance/run_1/mlperf_log_detail.txt") is { } log)
        {
            var head = Parse(RoundDetector.ReadHead(bundle, log, FirstBytes));
            return (head.Seeds is null || head.LoadGen is null) && log.Length > FirstBytes
                ? Parse(RoundDetector.ReadHead(bundle, log, MaxBytes))
                : head;
        }

        return (find(result.Folder + "/config.yaml") ?? find(result.Folder + "/config.yml")) is { } config
            ? new ResultHead(RoundDetector.ReadEndpointsSeeds(bundle, config), true, null)
            : None;
    }

    private static ResultHead Parse(string? text)
    {
        if (text is null)
        {
            return None;
        }

        var version = LoadGenVersion().Match(text);
        return new ResultHead(RoundDetector.SeedsIn(text), false, version.Success ? version.Groups["v"].Value : null);
    }

    [GeneratedRegex("\"key\":\\s*\"loadgen_version\",\\s*\"value\":\\s*\"(?<v>[0-9]{1,3}\\.[0-9]{1,3})\\.", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LoadGenVersion();
}
