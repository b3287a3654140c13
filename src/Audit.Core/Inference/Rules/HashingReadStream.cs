using System.Security.Cryptography;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>A read-only pass-through stream that hashes (SHA-256) every byte read, so a log is hashed while it is parsed.</summary>
internal sealed class HashingReadStream(Stream inner) : ObservingReadStream(inner, ownsInner: false)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Reads what is left, then returns the lower-case hex SHA-256 of all bytes read.</summary>
    public string Finish()
    {
        // Usually already at the end (the parser read everything): a small pooled buffer drains any rest.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    protected override void Observe(ReadOnlySpan<byte> chunk) => _hash.AppendData(chunk);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
