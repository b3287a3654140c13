using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MlPerfAudit.Azure.Blob;

/// <summary>
/// The Blob REST operations the audit needs, on Azure.Core's <see cref="HttpPipeline"/> (Azure.Storage.Blobs is not on our
/// feed): create container, put (with <c>If-None-Match: *</c> and metadata), get streamed, properties, list. Transient
/// failures (408, 429, 5xx, refused connections) are retried by the pipeline with exponential backoff; other failures
/// raise <see cref="BlobStorageException"/>. Methods are virtual so callers can fake the client. Thread-safe.
/// </summary>
public class BlobStorageClient : IBlobStore
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceUri;

    /// <summary>For mocking.</summary>
    protected BlobStorageClient()
    {
        _pipeline = null!;
        _serviceUri = null!;
    }

    /// <summary>Builds the client; the options are validated first.</summary>
    /// <param name="options">Account, endpoint and authentication.</param>
    /// <param name="time">Clock for <c>x-ms-date</c>; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public BlobStorageClient(BlobStorageOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid blob storage options: " + string.Join("; ", errors), nameof(options));
        }

        HttpPipelinePolicy auth = options.AccountKey is { } key
            ? new SharedKeyPolicy(options.AccountName, Convert.FromBase64String(key), time ?? TimeProvider.System)
            : new BearerTokenAuthenticationPolicy(options.Credential!, BlobStorageOptions.StorageScope);
        _pipeline = HttpPipelineBuilder.Build(options.ClientOptions, [], [auth], new ResponseClassifier());
        _serviceUri = options.ServiceUri;
    }

    /// <summary>The account's blob endpoint.</summary>
    public virtual Uri ServiceUri => _serviceUri;

    /// <inheritdoc />
    public virtual Uri BlobUri(string container, string name)
        => new(_serviceUri.AbsoluteUri.TrimEnd('/') + "/" + container + "/" + EncodeName(name));

    /// <inheritdoc />
    public virtual async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Put, container, null);
        message.Request.Uri.AppendQuery("restype", "container");
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 201)
        {
            return true;
        }

        if (response.Status == 409 && ErrorCode(response) == "ContainerAlreadyExists")
        {
            return false;
        }

        throw Failure(response, $"create container {container}");
    }

    /// <inheritdoc />
    public virtual async Task<BlobWriteResult> PutAsync(string container, string name, BinaryData content, string contentType,
        IReadOnlyDictionary<string, string>? metadata = null, bool onlyIfNew = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var message = CreateMessage(RequestMethod.Put, container, name);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", contentType);
        if (onlyIfNew)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue("x-ms-meta-" + key, value);
        }

        request.Content = RequestContent.Create(content);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 201)
        {
            return new BlobWriteResult(true, response.Headers.ETag?.ToString("H"));
        }

        if (onlyIfNew && response.Status == 409 && ErrorCode(response) == "BlobAlreadyExists")
        {
            return new BlobWriteResult(false, null);
        }

        throw Failure(response, $"put {container}/{name}");
    }

    /// <inheritdoc />
    public virtual async Task<BlobDownload?> OpenReadAsync(string container, string name, string? ifMatch = null, CancellationToken ct = default)
    {
        var message = CreateMessage(RequestMethod.Get, container, name);
        try
        {
            message.BufferResponse = false;
            if (ifMatch is not null)
            {
                message.Request.Headers.SetValue("If-Match", ifMatch);
            }

            await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
            var response = message.Response;
            if (response.Status == 404)
            {
                return null;
            }

            if (response.Status != 200)
            {
                throw Failure(response, $"get {container}/{name}");
            }

            var stream = message.ExtractResponseContent() ?? Stream.Null;
            return new BlobDownload(new OwningStream(stream, message), response.Headers.ContentLength ?? -1,
                response.Headers.ETag?.ToString("H"), response.Headers.ContentType);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public virtual async Task<BinaryData?> ReadAllAsync(string container, string name, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Get, container, name);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        return response.Status switch
        {
            200 => response.Content,
            404 => null,
            _ => throw Failure(response, $"get {container}/{name}"),
        };
    }

    /// <inheritdoc />
    public virtual async Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Head, container, name);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404)
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw Failure(response, $"properties of {container}/{name}");
        }

        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..].ToLowerInvariant()] = header.Value;
            }
        }

        return new BlobProperties(name, response.Headers.ContentLength ?? 0, response.Headers.ETag?.ToString("H"), response.Headers.ContentType, metadata);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? marker = null;
        do
        {
            using var message = CreateMessage(RequestMethod.Get, container, null);
            var uri = message.Request.Uri;
            uri.AppendQuery("restype", "container");
            uri.AppendQuery("comp", "list");
            uri.AppendQuery("include", "metadata");
            if (!string.IsNullOrEmpty(prefix))
            {
                uri.AppendQuery("prefix", prefix);
            }

            if (marker is not null)
            {
                uri.AppendQuery("marker", marker);
            }

            await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
            if (message.Response.Status != 200)
            {
                throw Failure(message.Response, $"list {container}");
            }

            var page = ParseList(message.Response.Content.ToStream(), out marker);
            foreach (var item in page)
            {
                yield return item;
            }
        }
        while (!string.IsNullOrEmpty(marker));
    }

    /// <summary>Percent-encodes each segment of a blob name, keeping the slashes.</summary>
    internal static string EncodeName(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    private static List<BlobProperties> ParseList(Stream xml, out string? nextMarker)
    {
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            document.Load(reader);
        }

        var items = new List<BlobProperties>();
        foreach (XmlElement blob in document.SelectNodes("/EnumerationResults/Blobs/Blob")!)
        {
            var name = blob["Name"]?.InnerText ?? string.Empty;
            var properties = blob["Properties"];
            var length = long.TryParse(properties?["Content-Length"]?.InnerText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var node in blob["Metadata"]?.ChildNodes.OfType<XmlElement>() ?? [])
            {
                metadata[node.Name.ToLowerInvariant()] = node.InnerText;
            }

            items.Add(new BlobProperties(name, length, properties?["Etag"]?.InnerText, properties?["Content-Type"]?.InnerText, metadata));
        }

        nextMarker = document.SelectSingleNode("/EnumerationResults/NextMarker")?.InnerText;
        return items;
    }

    private HttpMessage CreateMessage(RequestMethod method, string container, string? name)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_serviceUri);
        request.Uri.AppendPath("/" + Uri.EscapeDataString(container), escape: false);
        if (name is not null)
        {
            request.Uri.AppendPath("/" + EncodeName(name), escape: false);
        }

        request.Headers.SetValue("x-ms-version", BlobStorageOptions.ServiceVersion);
        return message;
    }

    private static string? ErrorCode(Response response)
        => response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;

    private static BlobStorageException Failure(Response response, string operation)
        => new(response.Status, ErrorCode(response),
            $"blob storage: {operation} failed with HTTP {response.Status} {ErrorCode(response) ?? response.ReasonPhrase}");

    /// <summary>A response stream that disposes its message when read to the end or disposed.</summary>
    private sealed class OwningStream(Stream inner, HttpMessage message) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                message.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
