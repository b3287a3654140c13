using System.Runtime.CompilerServices;

namespace MlPerfAudit.Core.Text;

/// <summary>
/// A forward-only, read-only stream over another that lets a subclass look at every chunk read (count it, hash it,
/// cap it), with <see cref="Position"/> = bytes read so far.
/// </summary>
/// <param name="inner">The source stream.</param>
/// <param name="ownsInner">Dispose <paramref name="inner"/> with this stream.</param>
internal abstract class ObservingReadStream(Stream inner, bool ownsInner) : ForwardReadStream
{
    /// <summary>Bytes delivered so far.</summary>
    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

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

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
