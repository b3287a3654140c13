using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MlPerfAudit.Azure.Storage;

/// <summary>
/// The few blob operations the audit needs beyond Azure.Storage.Blobs' own: write once (<c>If-None-Match: *</c>) and
/// read or inspect a blob that may be absent, without an exception for the expected "not there" answers. Retries are
/// the client's own (its <c>BlobClientOptions.Retry</c>); nothing here loops.
/// </summary>
public static class BlobWrites
{
    /// <summary>Uploads <paramref name="content"/> unless the blob exists (<see cref="ETag.All"/> in <c>If-None-Match</c>).</summary>
    /// <param name="blob">Target blob.</param>
    /// <param name="content">The bytes; replayable, so the client's retries resend them.</param>
    /// <param name="contentType">MIME type stored with the blob.</param>
    /// <param name="metadata">Metadata (names must be C# identifiers; values ASCII).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The new blob's properties, or null when the blob already existed (nothing written).</returns>
    public static async Task<BlobContentInfo?> WriteOnceAsync(BlobClient blob, BinaryData content, string contentType,
        IDictionary<string, string>? metadata = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(content);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        };
        try
        {
            var response = await blob.UploadAsync(content, options, ct).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Reads a small blob whole; null when it does not exist.</summary>
    public static async Task<BinaryData?> ReadIfExistsAsync(BlobClient blob, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            var response = await blob.DownloadContentAsync(ct).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The blob's properties; null when it does not exist.</summary>
    public static async Task<BlobProperties?> PropertiesIfExistsAsync(BlobClient blob, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            var response = await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
