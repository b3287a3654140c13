namespace MlPerfAudit.Core.Inference.Round;

/// <summary>The declarative rules of one MLPerf Inference round, read from <c>Rounds/inference-&lt;round&gt;.json</c>.</summary>
public sealed record InferenceRound(
    string Suite,
    string Round,
    string Source,
    RoundSeeds Seeds,
    long MinDurationMs,
    long AccuracyLogMaxBytes,
    RoundFiles Files,
    IReadOnlyDictionary<string, string> MetricPatterns,
    SystemDescriptionRules SystemDescription,
    IReadOnlyList<string> ImplementationRequired,
    IReadOnlyList<string> OtherOfficialBenchmarks,
    IReadOnlyDictionary<string, string> Aliases,
    IReadOnlyList<NameGuess> Guesses,
    IReadOnlyList<BenchmarkRules> Benchmarks,
    string Layout = "split",
    IReadOnlyList<string>? StrictChecks = null,
    IReadOnlyList<string>? EqualIssueDivisions = null,
    IReadOnlyList<string>? EndpointsModels = null,
    IReadOnlyDictionary<string, string>? EndpointsAuditTests = null,
    IReadOnlyList<double>? EndpointsTest09MeanOutputTokens = null,
    bool CodePerBenchmark = true)
{
    /// <summary>The round's official checker fails a result whose LoadGen early-stopping criterion was not met (older rounds only logged it).</summary>
    public const string StrictEarlyStopping = "earlyStopping";

    /// <summary>The round's official checker fails an accuracy run that does not cover the accuracy sample count (older rounds only logged it).</summary>
    public const string StrictAccuracyDatasetSize = "accuracyDatasetSize";

    /// <summary>True when the round's official checker treats <paramref name="check"/> as an error where older rounds only logged it.</summary>
    public bool IsStrict(string check) => StrictChecks?.Contains(check) ?? false;

    /// <summary>True when equal-issue mode is required in <paramref name="division"/>: in every division unless <see cref="EqualIssueDivisions"/> names some.</summary>
    public bool EqualIssueAppliesTo(string division) => EqualIssueDivisions is null || EqualIssueDivisions.Contains(division);

    // CodePerBenchmark: true when the code tree must hold a folder per benchmark (code/<benchmark>, src/<benchmark>);
    // false when only the submitter's src/ must exist (the v6.1 checker).

    /// <summary>True when the round accepts endpoints submissions (MLPerf Endpoints logs instead of LoadGen's) for the benchmark.</summary>
    public bool AllowsEndpoints(string benchmark) => EndpointsModels?.Contains(benchmark) ?? false;

    /// <summary>The round's own layout (<c>split</c> for v5.x, <c>merged</c> for v6.x), used when a result's files do not show it.</summary>
    public Layout.ResultLayout DefaultLayout => Layout == "merged" ? Inference.Layout.ResultLayout.Merged : Inference.Layout.ResultLayout.Split;

    /// <summary>
    /// The rules of a benchmark by its folder name, or null: the official name, then an alias, then
    /// the submitter's own mapping (open division model_mapping.json), then the official checker's
    /// substring guesses (e.g. a name containing "efficientnet" is judged as resnet).
    /// </summary>
    public BenchmarkRules? FindBenchmark(string folderName, IReadOnlyDictionary<string, string>? submitterMapping = null)
    {
        if (Benchmarks.FirstOrDefault(b => b.Name == folderName) is { } exact)
        {
            return exact;
        }

        if (Aliases.TryGetValue(folderName, out var alias) || (submitterMapping?.TryGetValue(folderName, out alias) ?? false))
        {
            return Benchmarks.FirstOrDefault(b => b.Name == alias);
        }

        var guess = Guesses.FirstOrDefault(g => folderName.Contains(g.Contains, StringComparison.Ordinal))?.Benchmark ?? folderName;
        var name = Aliases.TryGetValue(guess, out var guessed) ? guessed : guess;
        return Benchmarks.FirstOrDefault(b => b.Name == name);
    }

    /// <summary>True when the name is an official benchmark of the round that this version does not audit yet.</summary>
    public bool IsUnauditedOfficialBenchmark(string folderName)
    {
        var name = Aliases.TryGetValue(folderName, out var alias) ? alias : folderName;
        return OtherOfficialBenchmarks.Contains(name);
    }
}

/// <summary>A legacy name guess of the official checker: a folder name containing <paramref name="Contains"/> is judged as <paramref name="Benchmark"/>.</summary>
public sealed record NameGuess(string Contains, string Benchmark);

/// <summary>The round's official RNG seeds (unsigned 64-bit).</summary>
public sealed record RoundSeeds(ulong QslRngSeed, ulong SampleIndexRngSeed, ulong ScheduleRngSeed);

/// <summary>File sets of result folders.</summary>
public sealed record RoundFiles(
    IReadOnlyList<string> PerformanceRequired,
    IReadOnlyList<string> AccuracyRequired,
    IReadOnlyList<string> AlwaysTolerated,
    IReadOnlyList<string> MeasurementsRequired,
    IReadOnlyList<string> PowerRunRequired,
    IReadOnlyList<string> PowerRequired);

/// <summary>What a system description JSON must hold.</summary>
public sealed record SystemDescriptionRules(
    IReadOnlyList<string> Required,
    IReadOnlyList<string> NonEmpty,
    IReadOnlyList<string> Tolerated,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> SystemTypes);

/// <summary>The rules of one benchmark in a round.</summary>
/// <param name="Name">Official model name, e.g. <c>llama2-70b-99</c>.</param>
/// <param name="Llm">True for LLM benchmarks: tokens/s headline, token latencies, TEST06.</param>
/// <param name="Scenarios">Required, optional and one-of scenarios per system type.</param>
/// <param name="Headline">Detail-log key of the headline metric per logged scenario.</param>
/// <param name="PerformanceSampleCount">Minimum <c>effective_performance_sample_count</c>.</param>
/// <param name="DatasetSize">Samples the accuracy run must cover (<c>qsl_reported_total_count</c>).</param>
/// <param name="OfflineMinSamplesPerQuery">Minimum <c>effective_samples_per_query</c> in Offline.</param>
/// <param name="EqualIssue">True when <c>effective_sample_concatenate_permutation</c> must be true.</param>
/// <param name="MinQueries">Minimum query count per scenario.</param>
/// <param name="TokenLatencyLimits">99th percentile TTFT/TPOT limits per directory scenario, in ms.</param>
/// <param name="Accuracy">Accuracy targets.</param>
/// <param name="Compliance">Compliance tests required in closed and network divisions.</param>
/// <param name="LatencyConstraintNs">Per-query latency bound per scenario, in ns, compared with <c>effective_target_latency_ns</c> under early stopping.</param>
/// <param name="ExtraAccuracyFiles">Sub-folders of accuracy/ and the file stems they must hold (stable-diffusion-xl sample images).</param>
/// <param name="AccuracyDeltaPercent">Per-metric tolerance, in percent, of TEST01's non-deterministic accuracy check; default 1 (0.1 for -99.9 models).</param>
/// <param name="AccuracySampleCount">Samples the accuracy run must cover per folder scenario when it is not the whole dataset (e.g. gpt-oss-120b: 4395 of 6396); null: <paramref name="DatasetSize"/>.</param>
/// <param name="Units">Published unit of the headline per folder scenario where it is not the default (e.g. <c>Tasks/s</c>); null: derived from the metric.</param>
/// <param name="LatencyInSeconds">True when SingleStream/MultiStream latencies are published in seconds instead of milliseconds (wan-2.2-t2v-a14b).</param>
/// <param name="MinDurationMs">The benchmark's own minimum run duration, in ms, where it differs from the round's (e2e-rag runs one fixed pass: 0); null: the round's.</param>
public sealed record BenchmarkRules(
    string Name,
    bool Llm,
    ScenarioSets Scenarios,
    IReadOnlyDictionary<string, string> Headline,
    long PerformanceSampleCount,
    long DatasetSize,
    long OfflineMinSamplesPerQuery,
    bool EqualIssue,
    IReadOnlyDictionary<string, long> MinQueries,
    IReadOnlyDictionary<string, TokenLatencyLimit> TokenLatencyLimits,
    IReadOnlyList<AccuracyTarget> Accuracy,
    IReadOnlyList<string> Compliance,
    IReadOnlyDictionary<string, long> LatencyConstraintNs,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ExtraAccuracyFiles,
    IReadOnlyDictionary<string, double> AccuracyDeltaPercent,
    IReadOnlyDictionary<string, long>? AccuracySampleCount = null,
    IReadOnlyDictionary<string, string>? Units = null,
    bool LatencyInSeconds = false,
    long? MinDurationMs = null)
{
    /// <summary>Samples the accuracy run of a folder scenario must cover.</summary>
    public long AccuracySamplesFor(string folderScenario)
        => AccuracySampleCount is { } counts && counts.TryGetValue(folderScenario, out var n) ? n : DatasetSize;

    /// <summary>The accuracy targets that apply to a folder scenario (most apply to all).</summary>
    public IEnumerable<AccuracyTarget> AccuracyFor(string folderScenario) => Accuracy.Where(t => t.AppliesTo(folderScenario));

    /// <summary>TEST01's tolerance for a metric, in percent.</summary>
    public double DeltaPercent(string metric) => AccuracyDeltaPercent.TryGetValue(metric, out var p) ? p : Name.Contains("99.9", StringComparison.Ordinal) ? 0.1 : 1;

    /// <summary>The scenario rules for a system type string of the system description, or null when the benchmark has none for it.</summary>
    public ScenarioRule? ScenariosFor(string systemType) => systemType.Replace(" ", string.Empty).ToLowerInvariant() switch
    {
        "datacenter" => Scenarios.Datacenter,
        "edge" => Scenarios.Edge,
        "datacenter,edge" or "edge,datacenter" => Scenarios.DatacenterEdge,
        _ => null,
    };
}

/// <summary>Scenario rules per system type; null where the benchmark is not offered.</summary>
public sealed record ScenarioSets(ScenarioRule? Datacenter = null, ScenarioRule? Edge = null, ScenarioRule? DatacenterEdge = null);

/// <summary>Required and optional scenarios; at least one of <paramref name="OneOf"/> must be present when it is not empty.</summary>
public sealed record ScenarioRule(IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyList<string> OneOf);

/// <summary>Token latency limits (99th percentile, strict less-than), in milliseconds.</summary>
public sealed record TokenLatencyLimit(long TtftMs, long TpotMs);

/// <summary>
/// An accuracy metric's bounds. Bound = reference × factor, computed in IEEE double as the official checker does.
/// A metric with a lower bound must be reported; one with only an upper bound (gpt-oss-120b's tokens_per_sample) is checked when reported.
/// </summary>
/// <param name="Metric">Metric name, a key of the round's metric patterns.</param>
/// <param name="Lower">Lowest accepted value, or null.</param>
/// <param name="Upper">Highest accepted value, or null.</param>
/// <param name="Scenarios">Folder scenarios the target applies to (qwen3-vl-235b-a22b's Interactive runs a smaller subset); null: all.</param>
public sealed record AccuracyTarget(string Metric, AccuracyBound? Lower = null, AccuracyBound? Upper = null, IReadOnlyList<string>? Scenarios = null)
{
    /// <summary>True when the target applies to results in <paramref name="folderScenario"/>.</summary>
    public bool AppliesTo(string folderScenario) => Scenarios is null || Scenarios.Contains(folderScenario);
}

/// <summary>One bound of an accuracy metric.</summary>
public sealed record AccuracyBound(double Reference, double Factor)
{
    /// <summary>reference × factor.</summary>
    public double Value => Reference * Factor;
}
