using System.Diagnostics;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Functions.Telemetry;

namespace MlPerfAudit.Functions.Auditing;

/// <summary>
/// Turns one uploaded bundle (the blob trigger's <see cref="BlobClient"/>) into a stored, signed, listed, announced report.
/// Idempotent: the report is named by the bundle's SHA-256 and every blob is written once (<c>If-None-Match: *</c>), with the
/// envelope last, so a repeated or concurrent delivery finds or completes the same report and succeeds. Thread-safe.
/// </summary>
public sealed class UploadAuditService(AuditEnvironment env, ReportPublication publication, ILogger<UploadAuditService> logger)
{
    private const int CopyBufferBytes = 1 << 16;

    /// <summary>Audits one uploaded bundle.</summary>
    /// <param name="bundle">The uploaded blob, as the trigger binds it (never read whole into memory).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The outcome; infrastructure faults that survived the client's retries throw, so the host delivers again.</returns>
    public async Task<AuditOutcome> HandleAsync(BlobClient bundle, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using var activity = AuditTelemetry.Source.StartActivity("audit");
        activity?.SetTag("mlperf_audit.bundle.name", bundle.Name);
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Bundle"] = bundle.Name });
        try
        {
            var outcome = await HandleCoreAsync(bundle, activity, ct).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            AuditTelemetry.Audits.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Kind.ToString().ToLowerInvariant()));
            if (outcome.Kind is AuditOutcomeKind.Reported or AuditOutcomeKind.Unreadable)
            {
                AuditTelemetry.Duration.Record(seconds);
            }

            activity?.SetTag("mlperf_audit.outcome", outcome.Kind.ToString());
            AuditLog.Audited(logger, outcome.Kind.ToString(), bundle.Name, Math.Round(seconds, 3), outcome.Message);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuditTelemetry.Audits.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            AuditLog.Failed(logger, ex, bundle.Name);
            throw;
        }
    }

    private async Task<AuditOutcome> HandleCoreAsync(BlobClient bundle, Activity? activity, CancellationToken ct)
    {
        if (!string.Equals(bundle.BlobContainerName, env.BundlesContainer, StringComparison.Ordinal))
        {
            return new(AuditOutcomeKind.Ignored, $"blob is in container '{bundle.BlobContainerName}', not '{env.BundlesContainer}'");
        }

        var work = Path.Combine(env.WorkDirectory, "mlperf-audit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var local = Path.Combine(work, SafeFileName(bundle.Name));
            var download = await DownloadAsync(bundle, local, ct).ConfigureAwait(false);
            if (download.Ignored is { } why)
            {
                return new(AuditOutcomeKind.Ignored, why);
            }

            var id = download.Sha256;
            activity?.SetTag("mlperf_audit.bundle.sha256", id);
            activity?.SetTag("mlperf_audit.bundle.size", download.Bytes);
            AuditTelemetry.BundleSize.Record(download.Bytes);
            var uploaded = new UploadedBundle(bundle.Name, bundle.Uri, download.ETag);

            if (await publication.CompleteExistingAsync(id, uploaded, ct).ConfigureAwait(false) is { } announced)
            {
                return new(AuditOutcomeKind.Duplicate, announced
                    ? "report existed; its listing or announcement was still missing and is done now"
                    : "report already stored and announced", id);
            }

            var judge = new BundleJudge(env);
            var priorLogs = await judge.LoadPriorLogsAsync(ct).ConfigureAwait(false);
            var (report, readable) = judge.Audit(local, bundle.Name, id, download.Bytes, download.Oversize, priorLogs);
            foreach (var result in report.Results)
            {
                AuditTelemetry.Results.Add(1, new KeyValuePair<string, object?>("verdict", result.Verdict.ToString().ToLowerInvariant()));
            }

            activity?.SetTag("mlperf_audit.results.valid", report.Summary.Valid);
            activity?.SetTag("mlperf_audit.results.invalid", report.Summary.Invalid);
            await publication.StoreAndAnnounceAsync(id, uploaded, report, ct).ConfigureAwait(false);
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
    /// Streams the bundle to <paramref name="local"/>, pinned to one version: the ETag of the blob's properties goes into
    /// <c>If-Match</c>, so a blob replaced during the read fails with 412 (the new version has its own delivery) instead of
    /// mixing two versions. Bytes past <see cref="AuditEnvironment.MaxBundleBytes"/> are hashed (the report is still named by
    /// the bundle's digest) but not stored.
    /// </summary>
    private async Task<DownloadResult> DownloadAsync(BlobClient bundle, string local, CancellationToken ct)
    {
        var properties = await BlobWrites.PropertiesIfExistsAsync(bundle, ct).ConfigureAwait(false);
        if (properties is null)
        {
            return DownloadResult.Skip("the blob no longer exists");
        }

        Response<BlobDownloadStreamingResult> download;
        try
        {
            var pinned = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } };
            download = await bundle.DownloadStreamingAsync(pinned, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return DownloadResult.Skip(ex.Status == 404
                ? "the blob no longer exists"
                : $"the blob was replaced after version {properties.ETag}; the newer version has its own delivery");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[CopyBufferBytes];
        long total = 0;
        var oversize = false;
        await using (var content = download.Value.Content)
        await using (var file = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
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

        return new DownloadResult(null, Convert.ToHexStringLower(hash.GetHashAndReset()), total, oversize, properties.ETag);
    }

    private static string SafeFileName(string blobName)
    {
        var last = blobName.Split('/', '\\')[^1];
        var safe = new string([.. last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return safe.Length == 0 ? "bundle" : safe;
    }

    private sealed record DownloadResult(string? Ignored, string Sha256, long Bytes, bool Oversize, ETag ETag)
    {
        public static DownloadResult Skip(string why) => new(why, string.Empty, 0, false, default);
    }
}

/// <summary>The audited bundle as the report and its announcement name it.</summary>
/// <param name="Name">Blob name in the bundles container.</param>
/// <param name="Uri">Blob URL.</param>
/// <param name="ETag">The version audited.</param>
public sealed record UploadedBundle(string Name, Uri Uri, ETag ETag);
