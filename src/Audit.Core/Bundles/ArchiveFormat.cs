namespace MlPerfAudit.Core.Bundles;

/// <summary>What a file's first bytes say it is; extensions are never trusted.</summary>
public enum ArchiveFormat
{
    /// <summary>Not an archive this tool reads.</summary>
    Unknown = 0,

    /// <summary>A zip archive (local file header or empty-archive signature).</summary>
    Zip = 1,

    /// <summary>A gzip stream, read as a gzip-compressed tar.</summary>
    GzipTar = 2,

    /// <summary>An uncompressed POSIX tar.</summary>
    Tar = 3,
}

/// <summary>Detects <see cref="ArchiveFormat"/> from magic bytes.</summary>
public static class ArchiveFormatSniffer
{
    /// <summary>Bytes needed to tell every format apart: the tar magic sits at offset 257.</summary>
    public const int HeadLength = 265;

    /// <summary>Classifies the first bytes of a file.</summary>
    public static ArchiveFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' &&
            ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
        {
            return ArchiveFormat.Zip;
        }

        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return ArchiveFormat.GzipTar;
        }

        if (head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return ArchiveFormat.Tar;
        }

        return ArchiveFormat.Unknown;
    }
}
