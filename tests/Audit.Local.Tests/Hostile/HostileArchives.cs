using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace MlPerfAudit.Local.Tests.Hostile;

/// <summary>Builds hostile archives in memory, so the suite needs no binary fixtures.</summary>
internal static class HostileArchives
{
    /// <summary>A zip whose entries have exactly these raw names and contents.</summary>
    public static byte[] Zip(params (string Name, string Text)[] entries)
        => ZipWith(zip =>
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        });

    /// <summary>A zip built by <paramref name="build"/>.</summary>
    public static byte[] ZipWith(Action<ZipArchive> build)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            build(zip);
        }

        return stream.ToArray();
    }

    /// <summary>A zip holding one entry of <paramref name="bytes"/> zero bytes (compresses about 1000-fold).</summary>
    public static byte[] ZipOfZeros(string name, int bytes)
        => ZipWith(zip =>
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(new byte[bytes]);
        });

    /// <summary>A zip whose single entry is a Unix symbolic link (mode 0xA000 in the external attributes).</summary>
    public static byte[] ZipSymlink(string name, string target)
        => ZipWith(zip =>
        {
            var entry = zip.CreateEntry(name);
            entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(target));
        });

    /// <summary>A POSIX (pax) tar built by <paramref name="build"/>.</summary>
    public static byte[] Tar(Action<TarWriter> build, TarEntryFormat format = TarEntryFormat.Pax)
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, format, leaveOpen: true))
        {
            build(tar);
        }

        return stream.ToArray();
    }

    /// <summary>A tar of regular files.</summary>
    public static byte[] Tar(params (string Name, string Text)[] entries)
        => Tar(tar =>
        {
            foreach (var (name, text) in entries)
            {
                File(tar, name, text);
            }
        });

    /// <summary>Writes one regular file entry.</summary>
    public static void File(TarWriter tar, string name, string text)
        => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });

    /// <summary>Writes one special entry (link, device, FIFO).</summary>
    public static void Special(TarWriter tar, TarEntryType type, string name, string? link = null)
    {
        var entry = new PaxTarEntry(type, name);
        if (link is not null)
        {
            entry.LinkName = link;
        }

        tar.WriteEntry(entry);
    }

    /// <summary>Gzips <paramref name="data"/>.</summary>
    public static byte[] Gzip(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return stream.ToArray();
    }

    /// <summary>The first <paramref name="keep"/> bytes (or all but the last -<paramref name="keep"/> when negative).</summary>
    public static byte[] Cut(byte[] data, int keep) => data[..(keep >= 0 ? keep : data.Length + keep)];

    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
