using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>How a key must occur in a log (the rule's REQ).</summary>
internal enum KeyRequirement
{
    /// <summary>No count requirement; checks apply when present.</summary>
    None = 0,

    /// <summary>Exactly once (identical repeats are a warning).</summary>
    ExactlyOne = 1,

    /// <summary>At least once.</summary>
    AtLeastOne = 2,

    /// <summary>At least <see cref="KeyRule.AtLeast"/> times.</summary>
    AtLeastN = 3,

    /// <summary>This key or one of <see cref="KeyRule.Alternatives"/> at least once.</summary>
    AtLeastOneOf = 4,

    /// <summary>Optional: checks apply when present.</summary>
    Optional = 5,
}

/// <summary>A constraint with the finding it raises when false.</summary>
/// <param name="Expression">The boolean expression.</param>
/// <param name="Finding">The finding raised when it is false or cannot be evaluated.</param>
internal sealed record RuleCheck(RuleExpression Expression, FindingDefinition Finding);

/// <summary>One KEY record of a rule section.</summary>
/// <param name="Key">Log key the rule applies to.</param>
/// <param name="Requirement">Count requirement.</param>
/// <param name="AtLeast">n for <see cref="KeyRequirement.AtLeastN"/>.</param>
/// <param name="Alternatives">Other keys of a one-of group.</param>
/// <param name="Pre">Statements run before the checks.</param>
/// <param name="Checks">Constraints evaluated on every occurrence (first only for submission_* keys).</param>
/// <param name="Post">Statements run after the checks.</param>
/// <param name="FirstCheck">Constraint evaluated on the first occurrence only.</param>
/// <param name="AtLeastOneCheck">Constraint at least one occurrence must satisfy (target quality).</param>
/// <param name="Enqueue">Section to run next, with <c>{value}</c> replaced by the logged value.</param>
internal sealed record KeyRule(
    string Key,
    KeyRequirement Requirement,
    int AtLeast,
    IReadOnlyList<string> Alternatives,
    RuleStatements? Pre,
    IReadOnlyList<RuleCheck> Checks,
    RuleStatements? Post,
    RuleExpression? FirstCheck,
    RuleExpression? AtLeastOneCheck,
    string? Enqueue);

/// <summary>A rule section (one of the official checker's YAML files): initial state and key rules.</summary>
/// <param name="Name">Section name, e.g. <c>common</c>, <c>closed_llama31_405b</c>.</param>
/// <param name="InitialState">State values set before the log is scanned.</param>
/// <param name="Keys">Key rules in file order.</param>
/// <param name="AggregateEvalMetrics">Stable Diffusion: merge per-metric eval_accuracy lines into <c>aggregated_eval_accuracy</c> records.</param>
internal sealed record RuleSection(
    string Name, IReadOnlyDictionary<string, object?> InitialState, IReadOnlyList<KeyRule> Keys, bool AggregateEvalMetrics);

/// <summary>How convergence is counted for the RCP check.</summary>
internal enum ConvergenceUnit
{
    /// <summary>metadata.samples_count of the last eval before run_stop.</summary>
    Samples = 1,

    /// <summary>metadata.epoch_num of the last eval, rounded to 3 decimals.</summary>
    Epochs = 2,

    /// <summary>Stable Diffusion: first eval step where FID ≤ 90 and CLIP ≥ 0.15.</summary>
    FidClip = 3,
}

/// <summary>Package facts for one benchmark of a round.</summary>
/// <param name="Name">Benchmark id, e.g. <c>llama31_405b</c>.</param>
/// <param name="Runs">result_*.txt files required (also the RCP's submission run count).</param>
/// <param name="MaxDropped">Runs olympic scoring may drop (1; 4 for unet3d).</param>
/// <param name="Convergence">What the RCP check counts.</param>
/// <param name="RcpListKey">Name of the convergence list in the RCP JSON records.</param>
/// <param name="RcpMinEpochsAllowance">Samples subtracted from the RCP's minimum acceptable mean (405B: 46080), or 0.</param>
internal sealed record BenchmarkRules(
    string Name, int Runs, int MaxDropped, ConvergenceUnit Convergence, string RcpListKey, double RcpMinEpochsAllowance);

/// <summary>
/// One MLPerf Training rule set (4.1.0, 5.0.0, 5.1.0, 6.0.0) loaded once from the embedded
/// <c>Rounds/training-&lt;set&gt;.json</c> and <c>Rounds/training-rcp/&lt;set&gt;/*.json</c>. Immutable.
/// </summary>
public sealed class TrainingRuleSet
{
    private static readonly ConcurrentDictionary<string, Lazy<TrainingRuleSet>> Cache = new(StringComparer.Ordinal);

    private TrainingRuleSet(string id, string round, string source, IReadOnlyDictionary<string, BenchmarkRules> benchmarks,
        IReadOnlyDictionary<string, RuleSection> sections, IReadOnlyDictionary<string, byte[]> rcpFiles, string digest)
    {
        Id = id;
        Round = round;
        Source = source;
        Benchmarks = benchmarks;
        Sections = sections;
        RcpFiles = rcpFiles;
        Digest = digest;
    }

    /// <summary>The rule sets MLPerf Audit holds.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["4.1.0", "5.0.0", "5.1.0", "6.0.0"];

    /// <summary>Rule set id, e.g. <c>5.1.0</c>.</summary>
    public string Id { get; }

    /// <summary>Round label, e.g. <c>v5.1</c>.</summary>
    public string Round { get; }

    /// <summary>Where the rules were transcribed from.</summary>
    public string Source { get; }

    /// <summary>Benchmarks the round accepts (package checker and summarizer list), by id.</summary>
    internal IReadOnlyDictionary<string, BenchmarkRules> Benchmarks { get; }

    /// <summary>Rule sections by name.</summary>
    internal IReadOnlyDictionary<string, RuleSection> Sections { get; }

    /// <summary>Raw RCP JSON by benchmark id.</summary>
    public IReadOnlyDictionary<string, byte[]> RcpFiles { get; }

    /// <summary>Hex SHA-256 over the rule file and the RCP files (sorted by name), pinned into reports.</summary>
    public string Digest { get; }

    /// <summary>Loads (once) a supported rule set; null when MLPerf Audit holds no such rule set.</summary>
    public static TrainingRuleSet? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Supported.Contains(id))
        {
            return null;
        }

        return Cache.GetOrAdd(id, key => new Lazy<TrainingRuleSet>(() => Load(key))).Value;
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static TrainingRuleSet Load(string id)
    {
        var assembly = typeof(TrainingRuleSet).Assembly;
        var ruleBytes = ReadResource(assembly, $"Rounds/training-{id}.json");
        var rcpPrefix = $"Rounds/training-rcp/{id}/rcps_";
        var rcpFiles = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var rcpNames = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(rcpPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var name in rcpNames)
        {
            rcpFiles[name[rcpPrefix.Length..^".json".Length]] = ReadResource(assembly, name);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(ruleBytes);
        foreach (var bytes in rcpFiles.Values)
        {
            hash.AppendData(bytes);
        }

        var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        using var doc = JsonDocument.Parse(ruleBytes);
        var root = doc.RootElement;
        var benchmarks = new Dictionary<string, BenchmarkRules>(StringComparer.Ordinal);
        foreach (var b in root.GetProperty("benchmarks").EnumerateObject())
        {
            var v = b.Value;
            benchmarks[b.Name] = new BenchmarkRules(
                b.Name,
                v.GetProperty("runs").GetInt32(),
                v.GetProperty("maxDropped").GetInt32(),
                v.GetProperty("convergence").GetString() switch
                {
                    "samples" => ConvergenceUnit.Samples,
                    "epochs" => ConvergenceUnit.Epochs,
                    "fid_clip" => ConvergenceUnit.FidClip,
                    var other => throw new InvalidOperationException($"unknown convergence unit {other}"),
                },
                v.GetProperty("rcpListKey").GetString()!,
                v.TryGetProperty("rcpMinEpochsAllowance", out var a) ? a.GetDouble() : 0);
        }

        var sections = new Dictionary<string, RuleSection>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("sections").EnumerateObject())
        {
            sections[s.Name] = ReadSection(s.Name, s.Value);
        }

        var round = root.GetProperty("round").GetString()!;
        return new TrainingRuleSet(id, round, root.GetProperty("source").GetString()!, benchmarks, sections, rcpFiles, digest);
    }

    private static RuleSection ReadSection(string name, JsonElement section)
    {
        var state = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (section.TryGetProperty("state", out var st))
        {
            foreach (var p in st.EnumerateObject())
            {
                state[p.Name] = RuleExpression.Normalize(p.Value.Clone());
            }
        }

        var keys = new List<KeyRule>();
        foreach (var k in section.GetProperty("keys").EnumerateArray())
        {
            var (requirement, atLeast, alternatives) = ParseRequirement(k.TryGetProperty("req", out var r) ? r.GetString() : null);
            var checks = new List<RuleCheck>();
            if (k.TryGetProperty("check", out var c))
            {
                foreach (var item in c.EnumerateArray())
                {
                    checks.Add(item.ValueKind == JsonValueKind.String
                        ? new RuleCheck(RuleExpression.Parse(item.GetString()!), FindingCatalog.TrnCmpCheck)
                        : new RuleCheck(
                            RuleExpression.Parse(item.GetProperty("expr").GetString()!),
                            FindingCatalog.Find(item.GetProperty("finding").GetString()!)
                                ?? throw new InvalidOperationException($"unknown finding in {name}")));
                }
            }

            keys.Add(new KeyRule(
                k.GetProperty("key").GetString()!,
                requirement,
                atLeast,
                alternatives,
                k.TryGetProperty("pre", out var pre) ? RuleStatements.Parse(pre.GetString()!) : null,
                checks,
                k.TryGetProperty("post", out var post) ? RuleStatements.Parse(post.GetString()!) : null,
                k.TryGetProperty("firstCheck", out var fc) ? RuleExpression.Parse(fc.GetString()!) : null,
                k.TryGetProperty("atLeastOneCheck", out var alc) ? RuleExpression.Parse(alc.GetString()!) : null,
                k.TryGetProperty("enqueue", out var e) ? e.GetString() : null));
        }

        var aggregate = section.TryGetProperty("preprocess", out var pp) && pp.GetString() == "aggregate_eval_metrics";
        return new RuleSection(name, state, keys, aggregate);
    }

    private static (KeyRequirement, int, IReadOnlyList<string>) ParseRequirement(string? req)
    {
        if (req is null)
        {
            return (KeyRequirement.None, 0, []);
        }

        if (req.StartsWith("at_least_one_or:", StringComparison.Ordinal))
        {
            return (KeyRequirement.AtLeastOneOf, 1, req["at_least_one_or:".Length..].Split(','));
        }

        if (req.StartsWith("at_least:", StringComparison.Ordinal))
        {
            return (KeyRequirement.AtLeastN, int.Parse(req["at_least:".Length..], System.Globalization.CultureInfo.InvariantCulture), []);
        }

        return req switch
        {
            "exactly_one" => (KeyRequirement.ExactlyOne, 1, []),
            "at_least_one" => (KeyRequirement.AtLeastOne, 1, []),
            "optional" => (KeyRequirement.Optional, 0, []),
            _ => throw new InvalidOperationException($"unknown requirement {req}"),
        };
    }
}
