using System.Buffers;

namespace MlPerfAudit.Core.Text;

/// <summary>Reads a whole stream into one array, refusing a stream longer than a limit instead of buffering all of it.</summary>
internal static class BoundedBytes
{
    private const int ChunkBytes = 81920;

    /// <summary>The stream's bytes, or null when it holds more than <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="stream">Read to its end (or past the limit); not disposed.</param>
    /// <param name="maxBytes">Largest accepted length, in bytes.</param>
    public static byte[]? Read(Stream stream, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // The chunk is pooled: a whole-round audit reads thousands of small JSON files, and a fresh 80 KB chunk per file
        // was a sixth of everything the audit allocated.
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var buffer = new MemoryStream();
            int n;
            while ((n = stream.Read(chunk, 0, ChunkBytes)) > 0)
            {
                if (buffer.Length + n > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, n);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
