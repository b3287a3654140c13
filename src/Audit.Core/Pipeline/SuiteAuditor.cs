using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Training;

namespace MlPerfAudit.Core.Pipeline;

/// <summary>Audits a bundle with the auditor of the suite it holds: the one place that dispatches on the suite.</summary>
public static class SuiteAuditor
{
    /// <summary>Detects the suite and audits the bundle, each suite with its default options (the uploads and the gate's evidence).</summary>
    /// <param name="opened">The bundle.</param>
    /// <param name="inference">Validated inference options (round, limits, clock); a training audit takes its clock and time limit.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    public static AuditReport Audit(OpenedBundle opened, InferenceAuditOptions inference, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(inference);
        return Audit(opened, new SuiteAuditRequest(SuiteDetector.Detect(opened.Bundle), inference) { Sweep = new SweepAuditOptions() }, tool);
    }

    /// <summary>Audits the bundle as the suite the request names, with the request's options for that suite.</summary>
    /// <param name="opened">The bundle.</param>
    /// <param name="request">The suite and the validated options of each suite.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    public static AuditReport Audit(OpenedBundle opened, SuiteAuditRequest request, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(request);
        var inference = request.Inference;
        return request.Suite switch
        {
            Suite.Training => TrainingAuditor.Audit(opened, request.Training ?? TrainingOptionsOf(inference), tool),
            Suite.Sweep => SweepAuditor.Audit(opened, request.Sweep ?? SweepOptionsOf(inference), tool),
            _ => InferenceAuditor.Audit(opened, inference, tool, request.Progress),
        };
    }

    /// <summary>Training options with the inference options' clock and time limit.</summary>
    public static TrainingAuditOptions TrainingOptionsOf(InferenceAuditOptions inference)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return new TrainingAuditOptions { Clock = inference.Clock, MaxAuditTime = inference.Limits.MaxAuditTime };
    }

    /// <summary>Default sweep options with the inference options' clock and time limit.</summary>
    public static SweepAuditOptions SweepOptionsOf(InferenceAuditOptions inference)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return new SweepAuditOptions { Clock = inference.Clock, MaxAuditTime = inference.Limits.MaxAuditTime };
    }
}

/// <summary>One audit of a bundle whose suite is known (detected, or given on the command line).</summary>
/// <param name="Suite">The suite whose auditor runs.</param>
/// <param name="Inference">Validated inference options; the other suites take their clock and time limit when their own options are null.</param>
public sealed record SuiteAuditRequest(Suite Suite, InferenceAuditOptions Inference)
{
    /// <summary>Training options (rule set, limits); null: <see cref="SuiteAuditor.TrainingOptionsOf"/>.</summary>
    public TrainingAuditOptions? Training { get; init; }

    /// <summary>Sweep options (claim, criterion, thresholds); null: <see cref="SuiteAuditor.SweepOptionsOf"/>.</summary>
    public SweepAuditOptions? Sweep { get; init; }

    /// <summary>Inference: told after each result is judged; null for none.</summary>
    public IProgress<AuditProgress>? Progress { get; init; }
}
