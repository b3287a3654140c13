namespace MlPerfAudit.Core.Findings;

// The sweep manifest's findings (SWP-CFG-006, SWP-CFG-007), apart from FindingCatalog.Sweeps.cs for size.
public static partial class FindingCatalog
{
    /// <summary>The sweep manifest could not be read or is invalid.</summary>
    public static readonly FindingDefinition SwpManifestInvalid = new("SWP-CFG-006", Severity.Error,
        "A sweep manifest (sweep.yaml or sweep.json) must follow schemas/sweep-manifest.schema.json: version 1, runs with positive sizes.",
        SweepRule)
    {
        Message = "A second manifest; only {manifest} is used.",
    };

    /// <summary>SWP-CFG-006: one problem of the manifest, as the manifest reader wrote it (<see cref="SwpManifestInvalidAt"/>).</summary>
    public static readonly FindingMessage SwpManifestInvalidProblem = SwpManifestInvalid.Variant("{problem}");

    /// <summary>SWP-CFG-006: a problem with its line; the JSON reader's own sentences name their line already.</summary>
    public static readonly FindingMessage SwpManifestInvalidAt = SwpManifestInvalid.Variant("line {line}: {problem}");

    /// <summary>SWP-CFG-006: a manifest over its size limit (bytes).</summary>
    public static readonly FindingMessage SwpManifestInvalidTooBig =
        SwpManifestInvalid.Variant("the manifest is {length} bytes, over the {limit}-byte limit");

    /// <summary>SWP-CFG-006: a manifest that is JSON null.</summary>
    public static readonly FindingMessage SwpManifestInvalidNull =
        SwpManifestInvalid.Variant("the manifest holds null, expected an object with version and runs");

    /// <summary>SWP-CFG-006: a version other than 1.</summary>
    public static readonly FindingMessage SwpManifestInvalidVersion =
        SwpManifestInvalid.Variant("version {version} is not supported; this tool reads version 1");

    /// <summary>SWP-CFG-006: a problem of one entry of runs.</summary>
    public static readonly FindingMessage SwpManifestInvalidRun = SwpManifestInvalid.Variant("runs[{index}] ({log}): {problem}");

    /// <summary>SWP-CFG-006: a negative warm-up step count.</summary>
    public static readonly FindingMessage SwpManifestInvalidWarmup = SwpManifestInvalid.Variant("warmupSteps {value} is negative");

    /// <summary>SWP-CFG-006: a telemetry start that is not a time with zone.</summary>
    public static readonly FindingMessage SwpManifestInvalidTelemetryStart = SwpManifestInvalid.Variant(
        "telemetry[{index}]: start '{start}' is not an ISO 8601 time with zone (e.g. 2026-11-22T00:00:37.310Z)");

    /// <summary>SWP-CFG-006: a telemetry interval out of range (ms).</summary>
    public static readonly FindingMessage SwpManifestInvalidInterval =
        SwpManifestInvalid.Variant("telemetry[{index}]: intervalMs {value} is not between 0 and 3600000");

    /// <summary>SWP-CFG-006: a run without a log.</summary>
    public static readonly FindingMessage SwpManifestInvalidLogEmpty = SwpManifestInvalid.Variant("log is empty");

    /// <summary>SWP-CFG-006: a log named by two runs.</summary>
    public static readonly FindingMessage SwpManifestInvalidLogTwice = SwpManifestInvalid.Variant("this log is named twice");

    /// <summary>SWP-CFG-006: a size that is not positive.</summary>
    public static readonly FindingMessage SwpManifestInvalidSize =
        SwpManifestInvalid.Variant("{name} {value} is not a positive whole number");

    /// <summary>SWP-CFG-006: parallel sizes that do not multiply to the GPU count.</summary>
    public static readonly FindingMessage SwpManifestInvalidGpus =
        SwpManifestInvalid.Variant("TP × PP × CP × DP = {tp} × {pp} × {cp} × {dp} = {product}, not gpus {gpus}");

    /// <summary>SWP-CFG-006: a run start that is not a time with zone.</summary>
    public static readonly FindingMessage SwpManifestInvalidRunStart =
        SwpManifestInvalid.Variant("start '{start}' is not an ISO 8601 time with zone (e.g. 2026-11-22T00:00:40.120Z)");

    /// <summary>SWP-CFG-006: YAML flow collections nested too deep.</summary>
    public static readonly FindingMessage SwpManifestInvalidDepth =
        SwpManifestInvalid.Variant("the manifest nests deeper than {depth} levels");

    /// <summary>SWP-CFG-006: YAML nested too deep or expanded too far by aliases.</summary>
    public static readonly FindingMessage SwpManifestInvalidExpansion =
        SwpManifestInvalid.Variant("the manifest nests deeper than {depth} levels or expands beyond {limit} bytes (aliases)");

    /// <summary>SWP-CFG-006: text the YAML parser refuses.</summary>
    public static readonly FindingMessage SwpManifestInvalidYaml = SwpManifestInvalid.Variant("not YAML: {error}");

    /// <summary>SWP-CFG-006: more or fewer than one YAML document.</summary>
    public static readonly FindingMessage SwpManifestInvalidDocuments =
        SwpManifestInvalid.Variant("the manifest holds {count} YAML documents, expected one");

    /// <summary>SWP-CFG-006: a mapping key that is not a scalar.</summary>
    public static readonly FindingMessage SwpManifestInvalidKey = SwpManifestInvalid.Variant("a mapping key must be a plain name");

    /// <summary>SWP-CFG-006: a YAML node that is not a mapping, sequence or scalar.</summary>
    public static readonly FindingMessage SwpManifestInvalidNode = SwpManifestInvalid.Variant("unsupported YAML node");

    /// <summary>The sweep manifest names a file the bundle does not hold.</summary>
    public static readonly FindingDefinition SwpManifestUnmatched = new("SWP-CFG-007", Severity.Warning,
        "Every log and telemetry file a sweep manifest names should be in the bundle.", SweepRule)
    {
        Message = "The manifest names {log} ({path}), which is not a sweep log of the bundle.",
    };
}
