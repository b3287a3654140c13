namespace MlPerfAudit.Core.Inference.Round;

/// <summary>The declarative rules of one MLPerf Inference round, read from <c>Rounds/inference-&lt;round&gt;.json</c>.</summary>
/// <remarks>
/// <c>AccuracySampleCountRequired</c> (default false): when true (v6.x), an accuracy run that does not cover the benchmark's
/// <see cref="BenchmarkRules.DatasetSize"/> samples (<c>effective_accuracy_sample_count</c>, else <c>qsl_reported_total_count</c>)
/// invalidates the result; when false (v5.x) the shortfall is a warning, as the official v5.1 checker only logs it.
/// <c>OpenDivisionLeniencyCoversTargetsOnly</c> (default false): when true (v6.x), the open division is lenient only on the
/// accuracy targets of accuracy.txt, and the accuracy run's own rules (sample outputs, truncated log, LoadGen errors, samples
/// covered) reject an open result too; when false (v5.x) the leniency covers every accuracy rule.
/// <c>ScenarioSetPerResult</c> (default false): when true (v6.x), a closed or network benchmark whose scenario folders miss
/// a required scenario or hold one the round does not offer has every result rejected (<c>INF-SCN-006</c>); when false (v5.x)
/// missing scenarios are a submission-level finding only.
/// <c>OfflineSamplesPerQueryClosedOnly</c> (default false): when true (v6.x), the Offline minimum samples per query binds the
/// closed division only; when false (v5.x) every division.
/// <c>CsvLayout</c> (default <c>v5.1</c>): the columns of the round's official <c>--csv</c> table: <c>v5.1</c>, the 28 of
/// the v5.x checkers; <c>v6</c>, the 31 of the modular checker that judges v6.x (see <see cref="Reports.OfficialCsv"/>).
/// <c>SubmitterHygiene</c> (default false): when true (v5.x), empty folders, names beginning with '.' or holding a space,
/// __pycache__ folders and files over 50 MiB in a submitter folder reject every result of the submitter, as the v5.x checkers
/// do; when false (v6.x, whose modular checker never calls that check) they are warnings (<c>INF-SUB-008</c>).
/// </remarks>
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
    bool AccuracySampleCountRequired = false,
    bool OpenDivisionLeniencyCoversTargetsOnly = false,
    bool ScenarioSetPerResult = false,
    IReadOnlyList<string>? StrictChecks = null,
    IReadOnlyList<string>? EqualIssueDivisions = null,
    IReadOnlyList<string>? EndpointsModels = null,
    IReadOnlyDictionary<string, string>? EndpointsAuditTests = null,
    IReadOnlyList<double>? EndpointsTest09MeanOutputTokens = null,
    bool OfflineSamplesPerQueryClosedOnly = false,
    string CsvLayout = "v5.1",
    bool SubmitterHygiene = false)
{
    /// <summary>
    /// The round's official checker fails a result whose LoadGen early-stopping criterion was not met (older rounds only logged it).
    /// </summary>
    public const string StrictEarlyStopping = "earlyStopping";

    /// <summary>True when the round's official checker treats <paramref name="check"/> as an error where older rounds only logged it.</summary>
    public bool IsStrict(string check) => StrictChecks?.Contains(check) ?? false;

    /// <summary>
    /// True when equal-issue mode is required in <paramref name="division"/>: in every division unless <see cref="EqualIssueDivisions"/> names some.
    /// </summary>
    public bool EqualIssueAppliesTo(string division) => EqualIssueDivisions is null || EqualIssueDivisions.Contains(division);

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

/// <summary>
/// A legacy name guess of the official checker: a folder name containing <paramref name="Contains"/> is judged as <paramref name="Benchmark"/>.
/// </summary>
public sealed record NameGuess(string Contains, string Benchmark);

/// <summary>The round's official RNG seeds (unsigned 64-bit).</summary>
public sealed record RoundSeeds(ulong QslRngSeed, ulong SampleIndexRngSeed, ulong ScheduleRngSeed);

/// <summary>File sets of result folders.</summary>
/// <param name="PerformanceRequired">Files performance/run_1 must hold.</param>
/// <param name="AccuracyRequired">Files accuracy/ must hold.</param>
/// <param name="AlwaysTolerated">Files allowed in either folder besides the required ones.</param>
/// <param name="MeasurementsRequired">Files the measurements folder must hold (user.conf, README.md).</param>
/// <param name="PowerRunRequired">Extra files of a performance run with power.</param>
/// <param name="PowerRequired">Files of the power/ folder.</param>
/// <param name="UnexpectedFilesAllowed">
/// False (default, v5.x): a file outside the allowed set of performance/run_1 or accuracy/ rejects the result. True (v6.x, whose
/// official checker no longer checks these sets): it is reported as a warning.
/// </param>
/// <param name="MayBeEmpty">
/// Required files, by path under the result folder (e.g. <c>performance/run_1/mlperf_log_summary.txt</c>), that may be empty
/// because the round's official checker only needs them to exist (v5.x: the summary logs, the truncated accuracy log and the
/// accuracy run's detail log; v6.0: the summary logs, which the modular checker never opens, and the truncated accuracy log);
/// an empty one is a warning (<c>INF-FILE-005</c>). Any other empty required file rejects the result.
/// </param>
public sealed record RoundFiles(
    IReadOnlyList<string> PerformanceRequired,
    IReadOnlyList<string> AccuracyRequired,
    IReadOnlyList<string> AlwaysTolerated,
    IReadOnlyList<string> MeasurementsRequired,
    IReadOnlyList<string> PowerRunRequired,
    IReadOnlyList<string> PowerRequired,
    bool UnexpectedFilesAllowed = false,
    IReadOnlyList<string>? MayBeEmpty = null);

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
/// <param name="LatencyConstraintNs">Per-query latency bound per scenario, in ns, compared with <c>effective_target_latency_ns</c> under early
/// stopping.</param>
/// <param name="ExtraAccuracyFiles">Sub-folders of accuracy/ and the file stems they must hold (stable-diffusion-xl sample images).</param>
/// <param name="AccuracyDeltaPercent">Per-metric tolerance, in percent, of TEST01's non-deterministic accuracy check; default 1 (0.1 for -99.9
/// models).</param>
/// <param name="LatencyUnit">Unit of the SingleStream/MultiStream headline: <c>ms</c> (default; LoadGen's ns ÷ 1e6) or <c>s</c> (ns ÷ 1e9, v6.x
/// wan-2.2-t2v-a14b).</param>
/// <param name="AccuracySampleCount">Samples the accuracy run must cover per folder scenario when it differs by scenario or from the dataset (v6.1
/// qwen3-vl-235b-a22b: Interactive 8000); null: <paramref name="DatasetSize"/>.</param>
/// <param name="Units">Published unit of the headline per folder scenario where it is not the default (e.g. <c>Tasks/s</c>); null: derived from the
/// metric.</param>
/// <param name="MinDurationMs">The benchmark's own minimum run duration, in ms, where it differs from the round's (e2e-rag runs one fixed pass: 0);
/// null: the round's.</param>
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
    string LatencyUnit = "ms",
    IReadOnlyDictionary<string, long>? AccuracySampleCount = null,
    IReadOnlyDictionary<string, string>? Units = null,
    long? MinDurationMs = null)
{
    /// <summary>Samples the accuracy run of a folder scenario must cover.</summary>
    public long AccuracySamplesFor(string folderScenario)
        => AccuracySampleCount is { } counts && counts.TryGetValue(folderScenario, out var n) ? n : DatasetSize;

    /// <summary>The accuracy targets that apply to a folder scenario (most apply to all).</summary>
    public IEnumerable<AccuracyTarget> AccuracyFor(string folderScenario) => Accuracy.Where(t => t.AppliesTo(folderScenario));

    /// <summary>TEST01's tolerance for a metric, in percent.</summary>
    public double DeltaPercent(string metric) => AccuracyDeltaPercent.TryGetValue(metric, out var p) ? p
        : Name.Contains("99.9", StringComparison.Ordinal) ? 0.1
        : 1;

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
