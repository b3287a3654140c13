using Azure.Storage.Blobs;
using MlPerfAudit.Azure.EventGrid;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using NodaTime;

namespace MlPerfAudit.Functions.Auditing;

/// <summary>What <see cref="UploadAuditService"/> works with; built once at start-up.</summary>
/// <param name="Storage">The data storage account (bundles, reports, baselines containers).</param>
/// <param name="Publisher">ReportPublished publisher.</param>
/// <param name="Signer">The signing key.</param>
/// <param name="Rendering">The human-readable rendering.</param>
/// <param name="Clock">Source of <c>timeVerified</c>.</param>
/// <param name="BundlesContainer">Container watched for bundles.</param>
/// <param name="ReportsContainer">Container receiving reports.</param>
/// <param name="MaxBundleBytes">Largest bundle audited, in bytes.</param>
/// <param name="WorkDirectory">Folder for temporary bundle copies.</param>
/// <param name="Tool">Tool name and version written into reports.</param>
public sealed record AuditEnvironment(
    BlobServiceClient Storage,
    ReportPublishedPublisher Publisher,
    ISigner Signer,
    IReportRendering Rendering,
    IClock Clock,
    string BundlesContainer,
    string ReportsContainer,
    long MaxBundleBytes,
    string WorkDirectory,
    ToolInfo Tool)
{
    /// <summary>Longest time judging a bundle's results may take (<c>AUDIT_TIME_LIMIT</c>); default 15 minutes.</summary>
    public TimeSpan MaxAuditTime { get; init; } = BundleLimits.Default.MaxAuditTime;

    /// <summary>The clock <see cref="MaxAuditTime"/> is measured on; the system clock, a stepping one in tests.</summary>
    public IClock AuditClock { get; init; } = SystemClock.Instance;

    /// <summary>Container holding the prior-logs indexes (setting <c>AUDIT_BASELINES_CONTAINER</c>).</summary>
    public string BaselinesContainer { get; init; } = "baselines";

    /// <summary>
    /// Blob names of prior-logs indexes every inference audit compares its detail logs with (setting <c>AUDIT_PRIOR_LOGS</c>);
    /// empty for none.
    /// </summary>
    public IReadOnlyList<string> PriorLogBlobs { get; init; } = [];

    /// <summary>The reports container.</summary>
    public BlobContainerClient Reports => Storage.GetBlobContainerClient(ReportsContainer);

    /// <summary>The baselines container.</summary>
    public BlobContainerClient Baselines => Storage.GetBlobContainerClient(BaselinesContainer);

    /// <summary>Test seam: awaited after each report blob is written (file name), e.g. to stop storage mid-audit.</summary>
    internal Func<string, Task>? AfterWrite { get; init; }
}

