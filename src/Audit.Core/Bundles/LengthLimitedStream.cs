using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Wraps a decompressing stream and refuses to deliver more bytes than the entry declared
/// (or than the limit), so a lying header cannot expand without bound.
/// </summary>
internal sealed class LengthLimitedStream(Stream inner, long declared, long limit, string path)
    : ObservingReadStream(inner, ownsInner: true)
{
    private readonly long _max = Math.Min(declared, limit);

    public override long Length => declared;

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return base.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            // A corrupt deflate stream or a CRC mismatch: the entry is unreadable, which is the input's fault.
            throw new BundleInputException(FindingCatalog.BundleEntryDataUnreadable.Of(path, ex.Message), ex);
        }
    }

    protected override void Observe(ReadOnlySpan<byte> chunk)
    {
        if (BytesRead > _max)
        {
            throw new BundleInputException(FindingCatalog.BundleEntryLongerThanDeclared.Of(path, declared));
        }
    }
}
