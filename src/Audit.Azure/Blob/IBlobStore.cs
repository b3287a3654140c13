namespace MlPerfAudit.Azure.Blob;

/// <summary>
/// The blob operations of the audit pipeline, behind one interface so <see cref="BlobStorageClient"/> (REST on Azure.Core)
/// can be swapped for Azure.Storage.Blobs later. Blob names are container-relative and may contain '/'.
/// </summary>
public interface IBlobStore
{
    /// <summary>The blob's URL (names percent-encoded per segment).</summary>
    Uri BlobUri(string container, string name);

    /// <summary>Creates the container; false when it already exists.</summary>
    Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken ct = default);

    /// <summary>Writes a block blob in one request.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="name">Blob name.</param>
    /// <param name="content">The bytes; must be replayable (retries resend them).</param>
    /// <param name="contentType">MIME type stored with the blob.</param>
    /// <param name="metadata">x-ms-meta-* pairs (names must be C# identifiers; they come back lower-case).</param>
    /// <param name="onlyIfNew">Send <c>If-None-Match: *</c>: an existing blob is left untouched and <see cref="BlobWriteResult.Created"/> is false.</param>
    /// <param name="ct">Cancellation.</param>
    Task<BlobWriteResult> PutAsync(string container, string name, BinaryData content, string contentType,
        IReadOnlyDictionary<string, string>? metadata = null, bool onlyIfNew = false, CancellationToken ct = default);

    /// <summary>Opens the blob for streaming; null when it does not exist. Dispose the result.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="name">Blob name.</param>
    /// <param name="ifMatch">ETag the blob must still have (the version an event announced); HTTP 412 otherwise.</param>
    /// <param name="ct">Cancellation.</param>
    Task<BlobDownload?> OpenReadAsync(string container, string name, string? ifMatch = null, CancellationToken ct = default);

    /// <summary>Reads a small blob whole; null when it does not exist.</summary>
    Task<BinaryData?> ReadAllAsync(string container, string name, CancellationToken ct = default);

    /// <summary>Length, ETag, content type and metadata; null when the blob does not exist.</summary>
    Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken ct = default);

    /// <summary>Every blob whose name starts with <paramref name="prefix"/>, in name order, page by page.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null, CancellationToken ct = default);
}

/// <summary>The outcome of a put.</summary>
/// <param name="Created">False when <c>If-None-Match: *</c> found the blob already there.</param>
/// <param name="ETag">The new blob's ETag (quoted), when created.</param>
public sealed record BlobWriteResult(bool Created, string? ETag);

/// <summary>A blob opened for reading.</summary>
/// <param name="Content">The body stream, read once; disposing it releases the connection.</param>
/// <param name="Length">Content-Length in bytes, or -1 when the service sent none.</param>
/// <param name="ETag">The version read (quoted).</param>
/// <param name="ContentType">Stored MIME type.</param>
public sealed record BlobDownload(Stream Content, long Length, string? ETag, string? ContentType) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Content.Dispose();
}

/// <summary>What Get Blob Properties and List Blobs report.</summary>
/// <param name="Name">Blob name.</param>
/// <param name="Length">Content length in bytes.</param>
/// <param name="ETag">ETag (quoted from HEAD; as listed by List Blobs).</param>
/// <param name="ContentType">Stored MIME type.</param>
/// <param name="Metadata">Metadata, names lower-case.</param>
public sealed record BlobProperties(string Name, long Length, string? ETag, string? ContentType, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A storage request failed for a reason retries did not fix.</summary>
public sealed class BlobStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="errorCode">The service's <c>x-ms-error-code</c>, when sent.</param>
    /// <param name="message">What failed.</param>
    public BlobStorageException(int status, string? errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception.</summary>
    public BlobStorageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public BlobStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BlobStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status of the failed response.</summary>
    public int Status { get; }

    /// <summary>The service's error code, e.g. <c>ConditionNotMet</c>.</summary>
    public string? ErrorCode { get; }
}
