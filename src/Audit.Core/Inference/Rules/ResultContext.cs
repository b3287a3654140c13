using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Systems;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>Everything the rules need to judge one result, and the findings they add.</summary>
internal sealed class ResultContext(
    ResultLocation location,
    InferenceRound round,
    BenchmarkRules benchmark,
    BundleIndex index,
    BundleLimits limits,
    JsonFile? system)
{
    private readonly List<Finding> _findings = [];
    private readonly List<DetailLogHash> _detailLogHashes = [];

    public ResultLocation Location { get; } = location;
    public InferenceRound Round { get; } = round;
    public BenchmarkRules Benchmark { get; } = benchmark;
    public BundleIndex Index { get; } = index;
    public BundleLimits Limits { get; } = limits;

    /// <summary>The system description, when the bundle holds a readable one.</summary>
    public JsonFile? System { get; } = system;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>The SHA-256 of every detail log read for this result, for the bundle-wide duplicate check.</summary>
    public IReadOnlyList<DetailLogHash> DetailLogHashes => _detailLogHashes;

    /// <summary>True once a log line longer than <see cref="BundleLimits.MaxLineBytes"/> was met (the report names the limit).</summary>
    public bool LineLimitHit { get; set; }

    /// <summary>Token latencies against their limits, set by the performance rules of LLM Server/Interactive runs.</summary>
    public Reports.TokenLatency? Latency { get; set; }

    public string PerformanceFolder => Location.Folder + "/performance/run_1";
    public string AccuracyFolder => Location.Folder + "/accuracy";

    /// <summary>The split-layout (v5.x) folder of a submitter-level tree for this result, e.g. compliance or measurements.</summary>
    public string? SplitFolder(string tree) => Location.SubmitterFolder is { } s
        ? BundleIndex.Join(s, tree, Location.System, Location.Benchmark, Location.ScenarioFolder)
        : null;

    /// <summary>The result's layout, told from its files (<see cref="ResultLayouts.Detect"/>).</summary>
    public ResultLayout Layout => _layout ??= ResultLayouts.Detect(Index, Location, Round.DefaultLayout);

    private ResultLayout? _layout;

    /// <summary>
    /// The folder holding the TEST0x folders: the result folder (merged) or compliance/&lt;sys&gt;/&lt;bench&gt;/&lt;scen&gt; (split); null when the
    /// bundle does not reach the submitter.
    /// </summary>
    public string? ComplianceFolder => Layout == ResultLayout.Merged ? Location.Folder : SplitFolder("compliance");

    /// <summary>
    /// The folder holding user.conf, README.md and the implementation JSON: the result folder (merged) or
    /// measurements/&lt;sys&gt;/&lt;bench&gt;/&lt;scen&gt; (split).
    /// </summary>
    public string? MeasurementsFolder => Layout == ResultLayout.Merged ? Location.Folder : SplitFolder("measurements");

    /// <summary>
    /// The code the result must come with: the submitter's src/ folder (merged, v6.x, where the official checker asks for the
    /// folder only) or code/&lt;bench&gt; (split); null when the bundle does not reach the submitter.
    /// </summary>
    public string? CodeFolder => Location.SubmitterFolder is { } s
        ? Layout == ResultLayout.Merged ? BundleIndex.Join(s, "src") : BundleIndex.Join(s, "code", Location.Benchmark)
        : null;

    /// <summary>Adds a finding made from a catalogue message (<c>FindingCatalog.X.At(file, line, values...)</c>).</summary>
    public void Add(Finding finding) => _findings.Add(finding);

    public void AddRange(IEnumerable<Finding> findings) => _findings.AddRange(findings);

    /// <summary>Number of findings so far; with <see cref="Downgrade"/> a rule group can soften its own findings.</summary>
    public int Mark => _findings.Count;

    /// <summary>
    /// Turns the error findings added since <paramref name="mark"/> into findings of <paramref name="to"/>'s code, their
    /// message put in its one hole.
    /// </summary>
    public void Downgrade(int mark, FindingMessage to)
    {
        for (var i = mark; i < _findings.Count; i++)
        {
            if (_findings[i].Severity == Severity.Error)
            {
                var definition = to.Definition;
                _findings[i] = _findings[i] with { Code = definition.Code, Severity = definition.Severity, Message = to.Text(_findings[i].Message) };
            }
        }
    }

    /// <summary>Reads a detail log, reporting unreadable lines; null when the file is absent.</summary>
    public DetailLog? ReadDetailLog(string path)
    {
        if (Index.File(path) is not { } entry)
        {
            return null;
        }

        DetailLog log;
        if (Index.EntryDigests is { } digests)
        {
            // The bundle digest hashes the log in this same read (or has hashed it already).
            using (var stream = Index.Bundle.Open(entry))
            {
                log = DetailLog.Read(stream, path, Limits.MaxLineBytes);
            }

            _detailLogHashes.Add(new DetailLogHash(path, digests.Sha256Of(path)!));
        }
        else
        {
            using var stream = Index.Bundle.Open(entry);
            using var hashing = new HashingReadStream(stream);
            log = DetailLog.Read(hashing, path, Limits.MaxLineBytes);
            _detailLogHashes.Add(new DetailLogHash(path, hashing.Finish()));
        }

        foreach (var problem in log.Problems)
        {
            LineLimitHit |= problem.LineTooLong;
            Add(FindingCatalog.InfLogMalformed.At(path, problem.Line, problem.Line, problem.Reason));
        }

        return log;
    }
}
