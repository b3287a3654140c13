namespace MlPerfAudit.Core.Bundles;

/// <summary>Where <see cref="TarArchiveReader"/> puts regular files: a temp work root on disk, or memory in tests.</summary>
public interface IExtractionTarget
{
    /// <summary>Stores one file. <paramref name="path"/> is already normalized and safe.</summary>
    void Write(string path, Stream content);
}
