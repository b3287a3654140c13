using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Functions.Auditing;

/// <summary>Judges a bundle copied to local disk: the suite audit, or a report of why it cannot be read (over the size limit, not an
/// archive).</summary>
/// <param name="env">Limits, rules and the prior-logs indexes to compare with.</param>
internal sealed class BundleJudge(AuditEnvironment env)
{
    /// <summary>
    /// The configured prior-logs indexes, read for each audit so a replaced index applies to the next upload; null when none
    /// is configured. A missing or invalid index fails the invocation (the host delivers again) rather than store a report that
    /// silently skipped the comparison.
    /// </summary>
    public async Task<PriorLogIndex?> LoadPriorLogsAsync(CancellationToken ct)
    {
        if (env.PriorLogBlobs.Count == 0)
        {
            return null;
        }

        var files = new List<(string, byte[])>();
        foreach (var blob in env.PriorLogBlobs)
        {
            var content = await BlobWrites.ReadIfExistsAsync(env.Baselines.GetBlobClient(blob), ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"prior-logs index {env.BaselinesContainer}/{blob} (AUDIT_PRIOR_LOGS) does not exist");
            files.Add(($"{env.BaselinesContainer}/{blob}", content.ToArray()));
        }

        return PriorLogIndex.Load(files, out var errors)
            ?? throw new InvalidOperationException("prior-logs index (AUDIT_PRIOR_LOGS) is not valid: " + string.Join("; ", errors));
    }

    public (AuditReport Report, bool Readable) Audit(string local, string blobName, string id, long bytes, bool oversize, PriorLogIndex? priorLogs)
    {
        if (oversize)
        {
            return (Unreadable(blobName, id, new InputError(FindingCatalog.BundleBlobTooLarge.Of(blobName, bytes, env.MaxBundleBytes))), false);
        }

        var options = new InferenceAuditOptions
        {
            PriorLogs = priorLogs, Clock = env.AuditClock, Limits = BundleLimits.Default with { MaxAuditTime = env.MaxAuditTime },
        };
        try
        {
            using var opened = BundleOpener.Open(local, options.Limits, out var error);
            if (opened is null)
            {
                return (Unreadable(blobName, id, error! with { Message = error.Message.Replace(local, blobName, StringComparison.Ordinal) }), false);
            }

            var report = SuiteAuditor.Audit(opened, options, env.Tool);
            report = report with { Bundle = new BundleInfo(id, blobName) };
            return report.Results.Count == 0 && report.Findings.All(f => f.Code != FindingCatalog.BundleNoResults.Code)
                ? (report with { Findings = [.. report.Findings, FindingCatalog.BundleNoResults.Of(blobName)] }, false)
                : (report, report.Results.Count > 0);
        }
        catch (BundleInputException ex)
        {
            return (Unreadable(blobName, id, new InputError(ex.Code, ex.Message.Replace(local, blobName, StringComparison.Ordinal))), false);
        }
    }

    private AuditReport Unreadable(string blobName, string id, InputError error)
    {
        var round = InferenceRoundCatalog.Find(new InferenceAuditOptions().Round ?? InferenceRoundCatalog.DefaultRound)!;
        var definition = FindingCatalog.Find(error.Code) ?? FindingCatalog.BundleNoResults;
        return new AuditReport(env.Tool, new RulesInfo("inference", round.Rules.Round, round.Digest), new BundleInfo(id, blobName), [],
            [new Finding(definition.Code, Severity.Error, error.Message, null, null)], new ReportSummary(0, 0));
    }
}
