using System.Buffers.Binary;
using System.IO.Compression;

namespace MlPerfAudit.Core.Bundles.Gzip;

/// <summary>
/// Decompresses a gzip stream (RFC 1952: one or more members, then optional zero padding) and checks every member's
/// trailer, the CRC-32 and the size mod 2^32 of its data. <see cref="GZipStream"/> checks a trailer only when it is
/// all there: a stream cut anywhere in its last 8 bytes reads as complete. Here a missing, short or wrong trailer
/// and any non-zero data after the last member throw <see cref="InvalidDataException"/>.
/// </summary>
/// <remarks>
/// Each member's deflate data goes through a <see cref="DeflateStream"/>, which reads ahead. It asks for more input only
/// when it has used all it was given, so its data ends inside the last chunk it was handed (or right after it); the
/// trailer, whose 8 bytes are known once the data is read, is looked for from the start of that chunk. Forward only.
/// </remarks>
/// <param name="source">The compressed bytes; not disposed.</param>
internal sealed class GzipReadStream(Stream source) : Stream
{
    private const int ChunkBytes = 64 * 1024;
    private const byte FlagHeaderCrc = 2;
    private const byte FlagExtra = 4;
    private const byte FlagName = 8;
    private const byte FlagComment = 16;
    private const byte FlagsReserved = 0xE0;

    /// <summary>Compressed bytes read from the source and not yet used: [<see cref="_start"/>, <see cref="_end"/>).</summary>
    private byte[] _buffer = new byte[ChunkBytes];
    private int _start;
    private int _end;

    /// <summary>Where the last chunk handed to the current member's deflate stream began (it ends at <see cref="_start"/>).</summary>
    private int _lastFrom;

    private DeflateStream? _member;
    private uint _crc;
    private long _length;
    private int _members;
    private bool _done;

    /// <summary>Members read to their checked trailer so far.</summary>
    public int Members => _members;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_done)
        {
            if (_member is null)
            {
                _done = !BeginMember();
                continue;
            }

            var n = _member.Read(buffer);
            if (n > 0)
            {
                _crc = Crc32.Append(_crc, buffer[..n]);
                _length += n;
                return n;
            }

            EndMember();
        }

        return 0;
    }

    /// <summary>Reads a member header; false at the end of the input (or of its zero padding) after a member.</summary>
    private bool BeginMember()
    {
        if (_members > 0)
        {
            if (_start == _end && !Fill())
            {
                return false;
            }

            if (_buffer[_start] == 0)
            {
                SkipZeroPadding();
                return false;
            }
        }

        if (NextByte() != 0x1f || NextByte() != 0x8b)
        {
            throw new InvalidDataException(_members == 0 ? "not a gzip stream" : "data after the end of the gzip stream");
        }

        if (NextByte() != 8)
        {
            throw new InvalidDataException("gzip compression method is not deflate");
        }

        var flags = NextByte();
        if ((flags & FlagsReserved) != 0)
        {
            throw new InvalidDataException("gzip header sets reserved flags");
        }

        for (var i = 0; i < 6; i++)
        {
            NextByte(); // MTIME (4), XFL, OS
        }

        if ((flags & FlagExtra) != 0)
        {
            var extra = NextByte() | (NextByte() << 8);
            for (var i = 0; i < extra; i++)
            {
                NextByte();
            }
        }

        foreach (var flag in (ReadOnlySpan<byte>)[FlagName, FlagComment])
        {
            if ((flags & flag) != 0)
            {
                while (NextByte() != 0)
                {
                }
            }
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            NextByte();
            NextByte();
        }

        _lastFrom = _start;
        _crc = 0;
        _length = 0;
        _member = new DeflateStream(new Feed(this), CompressionMode.Decompress, leaveOpen: false);
        return true;
    }

    /// <summary>Finds the member's trailer after its deflate data, checks it and keeps the bytes after it.</summary>
    private void EndMember()
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_length));
        var need = _start - _lastFrom + trailer.Length;
        var window = new byte[Math.Max(Math.Max(need, _end - _lastFrom), ChunkBytes)];
        _buffer.AsSpan(_lastFrom, _end - _lastFrom).CopyTo(window);
        var have = _end - _lastFrom;
        while (have < need)
        {
            var n = source.Read(window, have, need - have);
            if (n == 0)
            {
                break;
            }

            have += n;
        }

        var at = window.AsSpan(0, have).IndexOf(trailer);
        if (at < 0)
        {
            throw new InvalidDataException(have < need
                ? "the gzip stream ends before the CRC-32 and size trailer of its data (cut short)"
                : "the gzip trailer's CRC-32 or size does not match the data");
        }

        _member!.Dispose();
        _member = null;
        _members++;
        _buffer = window;
        _start = at + trailer.Length;
        _end = have;
        _lastFrom = _start;
    }

    private void SkipZeroPadding()
    {
        do
        {
            if (_buffer.AsSpan(_start, _end - _start).IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new InvalidDataException("data after the end of the gzip stream");
            }

            _start = _end;
        }
        while (Fill());
    }

    private byte NextByte()
    {
        if (_start == _end && !Fill())
        {
            throw new InvalidDataException("the gzip header is cut short");
        }

        return _buffer[_start++];
    }

    /// <summary>Refills the empty buffer; false (and nothing changed) at the end of the input.</summary>
    private bool Fill()
    {
        var n = source.Read(_buffer);
        if (n == 0)
        {
            return false;
        }

        _start = 0;
        _end = n;
        _lastFrom = 0;
        return true;
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
            _member?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>What the deflate stream reads: the buffered bytes, remembering where each chunk handed over began.</summary>
    private sealed class Feed(GzipReadStream owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (owner._start == owner._end && !owner.Fill())
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, owner._end - owner._start);
            owner._buffer.AsSpan(owner._start, n).CopyTo(buffer);
            owner._lastFrom = owner._start;
            owner._start += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
