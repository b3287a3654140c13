using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Core.Tests.Training;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Reports.Html;

/// <summary>Real reports of the shared corpus, audited once per test run.</summary>
internal static class ReportSamples
{
    private static readonly Lazy<AuditReport> AzureLazy = new(() =>
    {
        // Opened as the CLI opens it, so the report carries the folder's real manifest digest (signable).
        using var opened = BundleOpener.Open(RepoPaths.Corpus("inference", "v5.1", "closed", "Azure"), BundleLimits.Default, out var error)
            ?? throw new InvalidOperationException(error!.Message);
        return InferenceAuditor.Audit(opened, new InferenceAuditOptions { Round = "v5.1" }, Corpus.Tool);
    });

    private static readonly Lazy<AuditReport> WholeRoundLazy = new(() => Corpus.Audit(Corpus.OpenV51()));

    private static readonly Lazy<AuditReport> TrainingLazy = new(() =>
    {
        using var bundle = FolderBundle.Opened(RepoPaths.Corpus("training", "v6.0"), null, null);
        return TrainingAuditor.Audit(bundle, new TrainingAuditOptions { RuleSet = "6.0.0" }, MlPerfAudit.Core.Tests.Support.Corpus.Tool);
    });

    /// <summary>Azure's ND_GB200_v6 submission of inference v5.1: 4 results.</summary>
    public static AuditReport Azure => AzureLazy.Value;

    /// <summary>The 14 results of Azure, NVIDIA and AMD in the v5.1 corpus.</summary>
    public static AuditReport WholeRound => WholeRoundLazy.Value;

    /// <summary>Azure's v6.0 llama31_405b training result (2048 GB200).</summary>
    public static AuditReport Training => TrainingLazy.Value;
}
