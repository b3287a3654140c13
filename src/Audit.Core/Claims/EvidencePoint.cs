using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Claims;

/// <summary>One resolved evidence value: an audited result, a published row, or both.</summary>
/// <param name="Benchmark">Benchmark.</param>
/// <param name="Scenario">Inference scenario; empty for training.</param>
/// <param name="Submitter">Submitting organization.</param>
/// <param name="System">System description id (audited) or platform (published).</param>
/// <param name="Round">Round, e.g. 5.1.</param>
/// <param name="Division">closed or open; empty when unknown.</param>
/// <param name="Value">The headline value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit as logged or published.</param>
/// <param name="Accelerators">Total accelerators of the system, when known.</param>
/// <param name="Audited">The audited result, when the point comes from logs.</param>
/// <param name="AuditSource">The evidence input the audited result is in.</param>
/// <param name="Published">The published row, when one matches.</param>
/// <param name="Provenance">Where the value came from.</param>
internal sealed record EvidencePoint(
    string Benchmark,
    string Scenario,
    string Submitter,
    string System,
    string Round,
    string Division,
    double Value,
    string Unit,
    int? Accelerators,
    ResultReport? Audited,
    AuditedEvidence? AuditSource,
    PublishedResult? Published,
    EvidenceProvenance Provenance)
{
    /// <summary>True for throughputs (units per second); false for times.</summary>
    public bool HigherIsBetter => Unit.EndsWith("/s", StringComparison.OrdinalIgnoreCase);

    public bool IsTraining => Audited?.Training is not null || Published?.Suite == BaselineSuite.Training;

    /// <summary>Global batch size in samples, when known.</summary>
    public double? GlobalBatchSize => Audited?.Training?.Rcp?.GlobalBatchSize ?? Published?.GlobalBatchSize;

    /// <summary>The system's name as published (system description or table), when known.</summary>
    public string? SystemName => Audited?.SystemDescription?.SystemName ?? Published?.System;

    /// <summary>Number of nodes (systems, VMs) of the evidence system, when known.</summary>
    public int? Nodes => Audited?.Nodes ?? Published?.Nodes;

    /// <summary>The system as messages name it: "ND_GB200_v6 (Azure ND GB200 v6)".</summary>
    public string SystemText
        => SystemName is { } name && !string.Equals(name, System, StringComparison.OrdinalIgnoreCase) ? $"{System} ({name})" : System;

    public string Label => Published?.Id is { } id ? $"{id} {System} {Benchmark}{ScenarioSuffix}" : $"{System} {Benchmark}{ScenarioSuffix}";

    public string? File => Provenance.File;

    public int? Line => Provenance.Line;

    /// <summary>"4 accelerators", or "accelerators unknown".</summary>
    public string AcceleratorText => Accelerators is { } a ? $"{a} accelerators" : "accelerators unknown";

    private string ScenarioSuffix => Scenario.Length > 0 ? " " + Scenario : string.Empty;
}
