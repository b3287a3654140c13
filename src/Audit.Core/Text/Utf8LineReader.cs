using System.Buffers;
using System.Runtime.CompilerServices;

namespace MlPerfAudit.Core.Text;

/// <summary>
/// Reads a stream line by line as UTF-8 bytes, without decoding whole files: the log parsers'
/// shared front end. Handles LF and CRLF, skips a leading BOM, keeps 1-based line numbers, and
/// refuses lines longer than a limit instead of growing without bound.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    /// <param name="stream">The source; not disposed by the reader.</param>
    /// <param name="maxLineBytes">Longest accepted line in bytes, excluding the line break.</param>
    public Utf8LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = TakeCached() ?? ArrayPool<byte>.Shared.Rent(Math.Min(64 * 1024, maxLineBytes + 2));
    }

    // One buffer kept per thread: logs with megabyte lines would otherwise allocate a fresh large-object-heap
    // buffer per file (the shared pool does not keep arrays that large), and the GC would dominate whole-round audits.
    [ThreadStatic]
    private static byte[]? t_cached;

    private static byte[]? TakeCached()
    {
        var cached = t_cached;
        t_cached = null;
        return cached;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>True when the last line returned had no line break (the file ends mid-line).</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>
    /// Reads the next line. Returns false at end of stream. When a line exceeds the limit,
    /// <paramref name="tooLong"/> is true, <paramref name="line"/> is empty and the rest of that line is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        var skipping = false;
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var raw = available[..newline];
                _start += newline + 1;
                LineNumber++;
                LastLineUnterminated = false;
                if (skipping)
                {
                    tooLong = true;
                    line = default;
                    return true;
                }

                line = Trim(raw);
                if (line.Length > _maxLineBytes)
                {
                    tooLong = true;
                    line = default;
                }

                return true;
            }

            if (_eof)
            {
                if (available.Length == 0 && !skipping)
                {
                    line = default;
                    return false;
                }

                _start = _end;
                LineNumber++;
                LastLineUnterminated = true;
                tooLong = skipping;
                line = skipping ? default : Trim(available);
                return true;
            }

            if (available.Length > _maxLineBytes)
            {
                // Drop what we have of an over-long line and keep reading until its end.
                skipping = true;
                _start = _end;
            }

            Fill();
        }
    }

    private ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > 0 && raw[^1] == (byte)'\r')
        {
            raw = raw[..^1];
        }

        if (_first)
        {
            _first = false;
            if (raw.StartsWith("\uFEFF"u8))
            {
                raw = raw[3..];
            }
        }

        return raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    public void Dispose()
    {
        if (_buffer.Length >= 64 * 1024 && _buffer.Length <= 64 << 20 && (t_cached is null || t_cached.Length < _buffer.Length))
        {
            t_cached = _buffer;
        }
        else if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
    }
}
