using System.IO.Compression;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Bundles.Gzip;

/// <summary>
/// Decompresses a gzip stream (RFC 1952, one or more members) and refuses it unless it ends exactly after a complete
/// member. <see cref="GZipStream"/> checks each member's CRC-32 and size trailer, but only when the trailer is there:
/// cut anywhere in its last 8 bytes, a stream reads as complete, and bytes after the last member are ignored.
/// </summary>
/// <remarks>
/// The check: behind the input, <see cref="GZipStream"/> is given one more member of known content, whose output is
/// held back and compared. After a complete member it decodes as a member of its own. After a cut trailer, its first bytes
/// complete the trailer (a CRC or size mismatch), after cut deflate data they continue it, and after other trailing
/// bytes (zeros included) it is skipped with them; in each case its content does not come out, and the stream is refused
/// with <see cref="InvalidDataException"/>. No CRC is computed here: zlib checks every trailer it reads.
/// </remarks>
/// <param name="source">The compressed bytes; not disposed.</param>
internal sealed class GzipReadStream(Stream source) : ForwardReadStream
{
    /// <summary>What the appended member holds: 32 bytes no log ends with by chance.</summary>
    private static readonly byte[] EndMark = "\0mlperf-audit: end of gzip data\n"u8.ToArray();

    private static readonly byte[] EndMember = Compress(EndMark);

    private readonly MarkedSource _marked = new(source);
    private GZipStream? _inner;
    private byte[] _scratch = [];
    private readonly byte[] _held = new byte[EndMark.Length];
    private int _heldCount;
    private bool _done;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _done)
        {
            return 0;
        }

        _inner ??= new GZipStream(_marked, CompressionMode.Decompress, leaveOpen: true);
        if (_scratch.Length < buffer.Length + _held.Length)
        {
            _scratch = new byte[buffer.Length + _held.Length];
        }

        while (true)
        {
            // The newest EndMark.Length bytes of output are held back until the end shows whether they are the mark.
            _held.AsSpan(0, _heldCount).CopyTo(_scratch);
            int n;
            try
            {
                n = _inner.Read(_scratch.AsSpan(_heldCount, buffer.Length));
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException(_marked.MarkStarted
                    ? "the gzip stream is cut short (it ends inside a member or its CRC-32 and size trailer)"
                    : $"the gzip data is corrupt or its CRC-32 or size trailer does not match ({ex.Message})", ex);
            }

            if (n == 0)
            {
                _done = true;
                CheckEnd();
                return 0;
            }

            var total = _heldCount + n;
            var deliver = total - _held.Length;
            if (deliver <= 0)
            {
                _scratch.AsSpan(0, total).CopyTo(_held);
                _heldCount = total;
                continue;
            }

            _scratch.AsSpan(0, deliver).CopyTo(buffer);
            _scratch.AsSpan(deliver, _held.Length).CopyTo(_held);
            _heldCount = _held.Length;
            return deliver;
        }
    }

    private void CheckEnd()
    {
        if (!_marked.SawInput)
        {
            throw new InvalidDataException("the gzip stream is empty");
        }

        if (_heldCount != EndMark.Length || !_held.AsSpan().SequenceEqual(EndMark) || !_marked.MarkRead)
        {
            throw new InvalidDataException("the gzip stream is cut short or has data after its last member");
        }
    }

    private static byte[] Compress(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return stream.ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The input, then <see cref="EndMember"/>.</summary>
    private sealed class MarkedSource(Stream source) : ForwardReadStream
    {
        private int _markAt = -1;

        /// <summary>The input held at least one byte.</summary>
        public bool SawInput { get; private set; }

        /// <summary>The input has ended and the appended member is being read.</summary>
        public bool MarkStarted => _markAt >= 0;

        /// <summary>The appended member was read to its end.</summary>
        public bool MarkRead => _markAt == EndMember.Length;

        public override int Read(Span<byte> buffer)
        {
            if (_markAt < 0)
            {
                var n = source.Read(buffer);
                if (n > 0)
                {
                    SawInput = true;
                    return n;
                }

                _markAt = 0;
            }

            var rest = Math.Min(buffer.Length, EndMember.Length - _markAt);
            EndMember.AsSpan(_markAt, rest).CopyTo(buffer);
            _markAt += rest;
            return rest;
        }
    }
}
