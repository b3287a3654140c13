using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Training;

namespace MlPerfAudit.Core.Pipeline;

/// <summary>Audits a bundle with the auditor of the suite it holds, each with its default options (the uploads and the gate's evidence).</summary>
public static class SuiteAuditor
{
    /// <summary>Detects the suite and audits the bundle.</summary>
    /// <param name="opened">The bundle.</param>
    /// <param name="inference">Validated inference options (round, limits, clock); a training audit takes its clock and time limit.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    public static AuditReport Audit(OpenedBundle opened, InferenceAuditOptions inference, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(inference);
        return SuiteDetector.Detect(opened.Bundle) switch
        {
            Suite.Training => TrainingAuditor.Audit(opened, new TrainingAuditOptions { Clock = inference.Clock, MaxAuditTime = inference.Limits.MaxAuditTime }, tool),
            Suite.Sweep => SweepAuditor.Audit(opened, new SweepAuditOptions(), tool),
            _ => InferenceAuditor.Audit(opened, inference, tool),
        };
    }
}
