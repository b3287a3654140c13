namespace MlPerfAudit.Core.Bundles;

/// <summary>Where <see cref="TarArchiveReader"/> puts regular files: a temp work root on disk, or memory in tests.</summary>
public interface IExtractionTarget
{
    /// <summary>Stores one file. <paramref name="path"/> is already normalized and safe.</summary>
    void Write(string path, Stream content);

    /// <summary>
    /// Keeps a folder entry of the archive that nothing sits under (called after every file), so the extracted copy shows it
    /// empty as the archive does. <paramref name="path"/> is normalized and safe. Targets that only collect files ignore it.
    /// </summary>
    void KeepEmptyFolder(string path)
    {
    }
}
