using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Support;

/// <summary>The real v5.1 inference corpus, opened in place, and a one-call audit.</summary>
internal static class Corpus
{
    public static readonly ToolInfo Tool = new("mlperf-audit", "test");

    /// <summary>The Azure ND_GB200_v6 result folder prefix, e.g. for <c>Results("llama2-70b-99/Server")</c>.</summary>
    public const string Azure = "closed/Azure/results/ND_GB200_v6";

    public static EditedBundle OpenV51() => new(DirectoryBundle.Open("v5.1", RepoPaths.InferenceV51, BundleLimits.Default));

    public static AuditReport Audit(IBundle bundle, string? round = "v5.1")
        => InferenceAuditor.Audit(new OpenedBundle(bundle, "0000"), new InferenceAuditOptions { Round = round }, Tool);

    public static ResultReport Result(AuditReport report, string id) => Assert.Single(report.Results, r => r.Id == id);
}
