using System.Runtime.CompilerServices;

namespace MlPerfAudit.Core.Text;

/// <summary>
/// A forward-only, read-only stream over another that lets a subclass look at every chunk read (count it, hash it,
/// cap it). Holds the Stream boilerplate once: no seeking, no writing, <see cref="Position"/> = bytes read so far.
/// </summary>
/// <param name="inner">The source stream.</param>
/// <param name="ownsInner">Dispose <paramref name="inner"/> with this stream.</param>
internal abstract class ObservingReadStream(Stream inner, bool ownsInner) : Stream
{
    /// <summary>Bytes delivered so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        Observe(buffer[..n]);
        return n;
    }

    /// <summary>Sees each chunk just read (may throw to stop reading).</summary>
    protected abstract void Observe(ReadOnlySpan<byte> chunk);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
