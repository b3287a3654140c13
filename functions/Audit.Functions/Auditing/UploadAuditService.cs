using System.Diagnostics;
using System.Security.Cryptography;
using MlPerfAudit.Azure.Blob;
using MlPerfAudit.Azure.EventGrid;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Telemetry;
using MlPerfAudit.Local.Bundles;
using NodaTime;

namespace MlPerfAudit.Functions.Auditing;

/// <summary>What <see cref="UploadAuditService"/> works with; built once at start-up.</summary>
/// <param name="Store">Blob storage holding both containers.</param>
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
    IBlobStore Store,
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

    /// <summary>Blob names of prior-logs indexes every inference audit compares its detail logs with (setting <c>AUDIT_PRIOR_LOGS</c>); empty for none.</summary>
    public IReadOnlyList<string> PriorLogBlobs { get; init; } = [];

    /// <summary>Test seam: awaited after each report blob is written (file name), e.g. to stop storage mid-audit.</summary>
    internal Func<string, Task>? AfterWrite { get; init; }
}

/// <summary>
/// Turns one BlobCreated event into a stored, signed, announced report. Idempotent: the report is named by the bundle's
/// SHA-256 and every blob is written once (<c>If-None-Match: *</c>), with the envelope last, so a repeated or concurrent
/// event finds or completes the same report and answers success. Thread-safe.
/// </summary>
public sealed class UploadAuditService(AuditEnvironment env, ILogger<UploadAuditService> logger)
{
    private const int CopyBufferBytes = 1 << 16;

    /// <summary>Handles one event.</summary>
    /// <param name="created">The parsed event.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The outcome; infrastructure faults that survived retries throw.</returns>
    public async Task<AuditOutcome> HandleAsync(BlobCreatedEvent created, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(created);
        using var activity = AuditTelemetry.Source.StartActivity("audit");
        activity?.SetTag("mlperf_audit.event.id", created.EventId);
        activity?.SetTag("mlperf_audit.bundle.name", created.BlobName);
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["EventId"] = created.EventId, ["Bundle"] = created.BlobName });
        try
        {
            var outcome = await HandleCoreAsync(created, activity, ct).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            AuditTelemetry.Audits.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Kind.ToString().ToLowerInvariant()));
            if (outcome.Kind is AuditOutcomeKind.Reported or AuditOutcomeKind.Unreadable)
            {
                AuditTelemetry.Duration.Record(seconds);
            }

            activity?.SetTag("mlperf_audit.outcome", outcome.Kind.ToString());
            AuditLog.Audited(logger, outcome.Kind.ToString(), created.BlobName, Math.Round(seconds, 3), outcome.Message);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuditTelemetry.Audits.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            AuditLog.Failed(logger, ex, created.BlobName);
            throw;
        }
    }

    private async Task<AuditOutcome> HandleCoreAsync(BlobCreatedEvent created, Activity? activity, CancellationToken ct)
    {
        if (!string.Equals(created.Container, env.BundlesContainer, StringComparison.Ordinal))
        {
            return new(AuditOutcomeKind.Ignored, $"blob is in container '{created.Container}', not '{env.BundlesContainer}'");
        }

        if (created.Api is { } api && !BlobCreatedEventParser.CompletingApis.Contains(api))
        {
            return new(AuditOutcomeKind.Ignored, $"storage operation {api} does not complete a blob");
        }

        var work = Path.Combine(env.WorkDirectory, "mlperf-audit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var local = Path.Combine(work, SafeFileName(created.BlobName));
            DownloadResult download;
            try
            {
                download = await DownloadAsync(created, local, ct).ConfigureAwait(false);
            }
            catch (BlobStorageException ex) when (ex.Status == 412)
            {
                return new(AuditOutcomeKind.Ignored, $"the blob was replaced after this event (ETag {created.ETag}); the newer version has its own event");
            }

            if (download.Missing)
            {
                return new(AuditOutcomeKind.Ignored, "the blob no longer exists");
            }

            var id = download.Sha256;
            activity?.SetTag("mlperf_audit.bundle.sha256", id);
            activity?.SetTag("mlperf_audit.bundle.size", download.Bytes);
            AuditTelemetry.BundleSize.Record(download.Bytes);

            var existing = await env.Store.GetPropertiesAsync(env.ReportsContainer, ReportNames.Of(id, ReportNames.Envelope), ct).ConfigureAwait(false);
            if (existing is not null)
            {
                var reportBytes = await env.Store.ReadAllAsync(env.ReportsContainer, ReportNames.Of(id, ReportNames.Report), ct).ConfigureAwait(false);
                var announced = await AnnounceOnceAsync(id, created, reportBytes is null ? null : ReportJson.Deserialize(reportBytes.ToMemory().Span), ct)
                    .ConfigureAwait(false);
                return new(AuditOutcomeKind.Duplicate, announced ? "report existed; its announcement was still missing and went out now" : "report already stored and announced", id);
            }

            var priorLogs = await LoadPriorLogsAsync(ct).ConfigureAwait(false);
            var (report, readable) = Audit(local, created.BlobName, id, download, priorLogs);
            foreach (var result in report.Results)
            {
                AuditTelemetry.Results.Add(1, new KeyValuePair<string, object?>("verdict", result.Verdict.ToString().ToLowerInvariant()));
            }

            activity?.SetTag("mlperf_audit.results.valid", report.Summary.Valid);
            activity?.SetTag("mlperf_audit.results.invalid", report.Summary.Invalid);
            await StoreAsync(id, created, report, ct).ConfigureAwait(false);
            await AnnounceOnceAsync(id, created, report, ct).ConfigureAwait(false);
            return readable
                ? new(AuditOutcomeKind.Reported, $"{report.Summary.Valid} valid, {report.Summary.Invalid} invalid result(s); report {id}", id)
                : new(AuditOutcomeKind.Unreadable, $"bundle cannot be read: {report.Findings[0].Message}; report {id}", id);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException ex)
            {
                AuditLog.TempLeft(logger, work, ex.Message);
            }
        }
    }

    /// <summary>
    /// The configured prior-logs indexes, read for each audit so a replaced index applies to the next upload; null when none
    /// is configured. A missing or invalid index fails the invocation (Event Grid redelivers) rather than store a report that
    /// silently skipped the comparison.
    /// </summary>
    private async Task<PriorLogIndex?> LoadPriorLogsAsync(CancellationToken ct)
    {
        if (env.PriorLogBlobs.Count == 0)
        {
            return null;
        }

        var files = new List<(string, byte[])>();
        foreach (var blob in env.PriorLogBlobs)
        {
            var content = await env.Store.ReadAllAsync(env.BaselinesContainer, blob, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"prior-logs index {env.BaselinesContainer}/{blob} (AUDIT_PRIOR_LOGS) does not exist");
            files.Add(($"{env.BaselinesContainer}/{blob}", content.ToArray()));
        }

        return PriorLogIndex.Load(files, out var errors)
            ?? throw new InvalidOperationException("prior-logs index (AUDIT_PRIOR_LOGS) is not valid: " + string.Join("; ", errors));
    }

    private (AuditReport Report, bool Readable) Audit(string local, string blobName, string id, DownloadResult download, PriorLogIndex? priorLogs)
    {
        if (download.Oversize)
        {
            return (Unreadable(blobName, id, new InputError(FindingCatalog.BundleLimitReached.Code,
                $"{blobName}: {download.Bytes} bytes is over the {env.MaxBundleBytes}-byte limit of this deployment")), false);
        }

        var options = new InferenceAuditOptions { PriorLogs = priorLogs, Clock = env.AuditClock, Limits = BundleLimits.Default with { MaxAuditTime = env.MaxAuditTime } };
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
                ? (report with { Findings = [.. report.Findings, Finding.Of(FindingCatalog.BundleNoResults, $"No MLPerf result was found in {blobName}.")] }, false)
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

    private async Task StoreAsync(string id, BlobCreatedEvent created, AuditReport report, CancellationToken ct)
    {
        var reportJson = ReportJson.Serialize(report);
        var rendering = env.Rendering.Render(report);
        var resourceUri = env.Store.BlobUri(env.BundlesContainer, created.BlobName).AbsoluteUri;
        var metadata = new Dictionary<string, string> { ["bundlesha256"] = id, ["valid"] = report.Summary.Valid.ToString(System.Globalization.CultureInfo.InvariantCulture), ["invalid"] = report.Summary.Invalid.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        // report.json and the rendering depend only on the bundle and rules, so a concurrent or repeated audit writes the
        // same bytes; the envelope (which carries the time) goes last and whichever lands first is the report's signature.
        await WriteOnceSameAsync(id, ReportNames.Report, reportJson, "application/json", metadata, ct).ConfigureAwait(false);
        await WriteOnceSameAsync(id, env.Rendering.FileName, rendering, env.Rendering.ContentType, metadata, ct).ConfigureAwait(false);
        var attestation = await ReportAttestation.CreateAsync(reportJson, report, resourceUri, env.Signer, env.Clock.GetCurrentInstant(), ct).ConfigureAwait(false);
        var envelope = await env.Store.PutAsync(env.ReportsContainer, ReportNames.Of(id, ReportNames.Envelope), BinaryData.FromBytes(attestation.EnvelopeJson),
            "application/json", new Dictionary<string, string>(metadata) { ["keyid"] = env.Signer.KeyId }, onlyIfNew: true, ct).ConfigureAwait(false);
        if (!envelope.Created)
        {
            AuditLog.EnvelopeRace(logger, id);
        }

        if (env.AfterWrite is { } hook)
        {
            await hook(ReportNames.Envelope).ConfigureAwait(false);
        }
    }

    private async Task WriteOnceSameAsync(string id, string file, byte[] content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var name = ReportNames.Of(id, file);
        var written = await env.Store.PutAsync(env.ReportsContainer, name, BinaryData.FromBytes(content), contentType, metadata, onlyIfNew: true, ct).ConfigureAwait(false);
        if (!written.Created)
        {
            var stored = await env.Store.ReadAllAsync(env.ReportsContainer, name, ct).ConfigureAwait(false);
            if (stored is null || !stored.ToMemory().Span.SequenceEqual(content))
            {
                throw new InvalidOperationException($"{env.ReportsContainer}/{name} already holds different bytes (another tool version audited this bundle); delete the unfinished report to audit again");
            }
        }

        if (env.AfterWrite is { } hook)
        {
            await hook(file).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes ReportPublished unless the <c>published</c> marker says it already went out.</summary>
    private async Task<bool> AnnounceOnceAsync(string id, BlobCreatedEvent created, AuditReport? report, CancellationToken ct)
    {
        var marker = ReportNames.Of(id, ReportNames.Published);
        if (report is null || await env.Store.GetPropertiesAsync(env.ReportsContainer, marker, ct).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var readable = report.Results.Count > 0;
        await env.Publisher.PublishAsync(new ReportPublishedData(
            id,
            env.Store.BlobUri(env.ReportsContainer, ReportNames.Of(id, ReportNames.Report)),
            env.Store.BlobUri(env.ReportsContainer, ReportNames.Of(id, ReportNames.Envelope)),
            env.Store.BlobUri(env.ReportsContainer, ReportNames.Of(id, env.Rendering.FileName)),
            env.Store.BlobUri(env.BundlesContainer, created.BlobName),
            id,
            report.Rules.Suite,
            report.Rules.Round,
            report.Summary.Valid,
            report.Summary.Invalid,
            report.AllValid && readable,
            readable,
            env.Signer.KeyId), ct).ConfigureAwait(false);
        await env.Store.PutAsync(env.ReportsContainer, marker, BinaryData.FromString(created.EventId), "text/plain", onlyIfNew: true, ct: ct).ConfigureAwait(false);
        return true;
    }

    private async Task<DownloadResult> DownloadAsync(BlobCreatedEvent created, string local, CancellationToken ct)
    {
        using var download = await env.Store.OpenReadAsync(env.BundlesContainer, created.BlobName, created.ETag, ct).ConfigureAwait(false);
        if (download is null)
        {
            return new DownloadResult(true, string.Empty, 0, false);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[CopyBufferBytes];
        long total = 0;
        var oversize = false;
        await using (var file = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true))
        {
            int read;
            while ((read = await download.Content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
                if (total > env.MaxBundleBytes)
                {
                    oversize = true; // keep hashing so the report is still named by the bundle's digest, but store no more
                    continue;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }
        }

        return new DownloadResult(false, Convert.ToHexStringLower(hash.GetHashAndReset()), total, oversize);
    }

    private static string SafeFileName(string blobName)
    {
        var last = blobName.Split('/', '\\')[^1];
        var safe = new string([.. last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return safe.Length == 0 ? "bundle" : safe;
    }

    private sealed record DownloadResult(bool Missing, string Sha256, long Bytes, bool Oversize);
}
