using System.Globalization;
using Azure.Storage.Blobs;
using MlPerfAudit.Azure.EventGrid;
using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Listing;
using MlPerfAudit.Functions.Telemetry;

namespace MlPerfAudit.Functions.Auditing;

/// <summary>
/// Stores a report in the order that makes it safe to interrupt anywhere: <c>report.json</c> and the rendering (same bytes
/// whoever writes them), then the signed envelope (a report is finished exactly when its envelope exists), then the listing
/// entries of <see cref="ReportIndex"/>, then the ReportPublished event and its <c>published</c> marker. Every blob is written
/// once; a later delivery completes whatever a failed one left out. Thread-safe.
/// </summary>
public sealed class ReportPublication(AuditEnvironment env, ReportIndex index, ILogger<ReportPublication> logger)
{
    /// <summary>Stores, signs, lists and announces a new report.</summary>
    public async Task StoreAndAnnounceAsync(string id, UploadedBundle bundle, AuditReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(report);
        var reportJson = ReportJson.Serialize(report);
        var rendering = env.Rendering.Render(report);
        var metadata = new Dictionary<string, string>
        {
            ["bundlesha256"] = id,
            ["valid"] = report.Summary.Valid.ToString(CultureInfo.InvariantCulture),
            ["invalid"] = report.Summary.Invalid.ToString(CultureInfo.InvariantCulture),
        };

        // report.json and the rendering depend only on the bundle and rules, so a concurrent or repeated audit writes the
        // same bytes; the envelope (which carries the time) goes last and whichever lands first is the report's signature.
        await WriteOnceSameAsync(id, ReportNames.Report, reportJson, "application/json", metadata, ct).ConfigureAwait(false);
        await WriteOnceSameAsync(id, env.Rendering.FileName, rendering, env.Rendering.ContentType, metadata, ct).ConfigureAwait(false);
        var attestation = await ReportAttestation.CreateAsync(reportJson, report, bundle.Uri.AbsoluteUri, env.Signer,
            env.Clock.GetCurrentInstant(), ct).ConfigureAwait(false);
        var envelope = env.Reports.GetBlobClient(ReportNames.Of(id, ReportNames.Envelope));
        var written = await BlobWrites.WriteOnceAsync(envelope, BinaryData.FromBytes(attestation.EnvelopeJson), "application/json",
            new Dictionary<string, string>(metadata) { ["keyid"] = env.Signer.KeyId }, ct).ConfigureAwait(false);
        if (written is null)
        {
            AuditLog.EnvelopeRace(logger, id);
        }

        if (env.AfterWrite is { } hook)
        {
            await hook(ReportNames.Envelope).ConfigureAwait(false);
        }

        var finished = written?.LastModified ?? (await BlobWrites.PropertiesIfExistsAsync(envelope, ct).ConfigureAwait(false))!.LastModified;
        await index.AddAsync(id, report, finished, ct).ConfigureAwait(false);
        await AnnounceOnceAsync(id, bundle, report, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// For a delivery of a bundle whose report is already finished (envelope stored): adds the listing entries and the
    /// announcement a failed earlier delivery may have left out.
    /// </summary>
    /// <returns>Null when no finished report exists; true when something was still missing and is done now; false when complete.</returns>
    public async Task<bool?> CompleteExistingAsync(string id, UploadedBundle bundle, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var envelope = await BlobWrites.PropertiesIfExistsAsync(Blob(id, ReportNames.Envelope), ct).ConfigureAwait(false);
        if (envelope is null)
        {
            return null;
        }

        if (await BlobWrites.PropertiesIfExistsAsync(Blob(id, ReportNames.Published), ct).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var reportBytes = await BlobWrites.ReadIfExistsAsync(Blob(id, ReportNames.Report), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{env.ReportsContainer}/{id}: the envelope exists without report.json");
        var report = ReportJson.Deserialize(reportBytes.ToMemory().Span);
        await index.AddAsync(id, report, envelope.LastModified, ct).ConfigureAwait(false);
        await AnnounceOnceAsync(id, bundle, report, ct).ConfigureAwait(false);
        return true;
    }

    private BlobClient Blob(string id, string file) => env.Reports.GetBlobClient(ReportNames.Of(id, file));

    private async Task WriteOnceSameAsync(string id, string file, byte[] content, string contentType, IDictionary<string, string> metadata,
        CancellationToken ct)
    {
        var blob = Blob(id, file);
        if (await BlobWrites.WriteOnceAsync(blob, BinaryData.FromBytes(content), contentType, metadata, ct).ConfigureAwait(false) is null)
        {
            var stored = await BlobWrites.ReadIfExistsAsync(blob, ct).ConfigureAwait(false);
            if (stored is null || !stored.ToMemory().Span.SequenceEqual(content))
            {
                throw new InvalidOperationException($"{env.ReportsContainer}/{blob.Name} already holds different bytes "
                    + "(another tool version audited this bundle); delete the unfinished report to audit again");
            }
        }

        if (env.AfterWrite is { } hook)
        {
            await hook(file).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes ReportPublished unless the <c>published</c> marker says it already went out.</summary>
    private async Task AnnounceOnceAsync(string id, UploadedBundle bundle, AuditReport report, CancellationToken ct)
    {
        var marker = env.Reports.GetBlobClient(ReportNames.Of(id, ReportNames.Published));
        if (await BlobWrites.PropertiesIfExistsAsync(marker, ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        var readable = report.Results.Count > 0;
        await env.Publisher.PublishAsync(new ReportPublishedData(
            id,
            env.Reports.GetBlobClient(ReportNames.Of(id, ReportNames.Report)).Uri,
            env.Reports.GetBlobClient(ReportNames.Of(id, ReportNames.Envelope)).Uri,
            env.Reports.GetBlobClient(ReportNames.Of(id, env.Rendering.FileName)).Uri,
            bundle.Uri,
            id,
            report.Rules.Suite,
            report.Rules.Round,
            report.Summary.Valid,
            report.Summary.Invalid,
            report.AllValid && readable,
            readable,
            env.Signer.KeyId), ct).ConfigureAwait(false);
        await BlobWrites.WriteOnceAsync(marker, BinaryData.FromString($"{bundle.Name} {bundle.ETag}"), "text/plain", ct: ct).ConfigureAwait(false);
    }
}
