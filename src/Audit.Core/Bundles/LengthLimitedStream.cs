namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Wraps a decompressing stream and refuses to deliver more bytes than the entry declared
/// (or than the limit), so a lying header cannot expand without bound.
/// </summary>
internal sealed class LengthLimitedStream(Stream inner, long declared, long limit, string path) : Stream
{
    private readonly long _max = Math.Min(declared, limit);
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => declared;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            // A corrupt deflate stream or a CRC mismatch: the entry is unreadable, which is the input's fault.
            throw new BundleInputException(Findings.FindingCatalog.BundleLimitReached.Code, $"entry '{path}' cannot be read ({ex.Message})", ex);
        }

        _read += n;
        if (_read > _max)
        {
            throw new BundleInputException(Findings.FindingCatalog.BundleLimitReached.Code,
                $"entry '{path}' holds more bytes than its declared size of {declared}");
        }

        return n;
    }

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
        }

        base.Dispose(disposing);
    }
}
