using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Local.Bundles;

/// <summary>
/// A private temp folder that archives are extracted into. Every write is resolved and checked to
/// stay under the root (defence in depth on top of <see cref="EntryPath"/>); the folder is deleted
/// when the bundle that reads it is disposed.
/// </summary>
internal sealed class WorkRoot : IExtractionTarget
{
    private WorkRoot(string path) => Path = path;

    /// <summary>Absolute path of the root.</summary>
    public string Path { get; }

    /// <summary>Creates a fresh root under the system temp folder, readable only by the owner on Unix.</summary>
    public static WorkRoot Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlperf-audit-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new WorkRoot(path);
    }

    /// <inheritdoc />
    public void Write(string path, Stream content)
    {
        var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, path));
        if (!target.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new BundleInputException(Core.Findings.FindingCatalog.BundleOutsideWorkRoot.Of(path));
        }

        // An entry named like a folder another entry needs (or the reverse) is a clash of paths, not an I/O fault.
        var folder = System.IO.Path.GetDirectoryName(target)!;
        for (var parent = folder; parent.Length > Path.Length; parent = System.IO.Path.GetDirectoryName(parent)!)
        {
            if (File.Exists(parent))
            {
                throw new BundleInputException(Core.Findings.FindingCatalog.BundleFolderIsFile.Of(path));
            }
        }

        if (Directory.Exists(target))
        {
            throw new BundleInputException(Core.Findings.FindingCatalog.BundleFileIsFolder.Of(path));
        }

        Directory.CreateDirectory(folder);
        using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        content.CopyTo(file);
    }

    /// <inheritdoc />
    public void KeepEmptyFolder(string path)
    {
        var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, path));
        if (!target.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new BundleInputException(Core.Findings.FindingCatalog.BundleUnsafePath.Code, $"entry '{path}' resolves outside the work root");
        }

        for (var at = target; at.Length > Path.Length; at = System.IO.Path.GetDirectoryName(at)!)
        {
            if (File.Exists(at))
            {
                throw new BundleInputException(Core.Findings.FindingCatalog.BundleDuplicateEntry.Code,
                    $"folder entry '{path}' needs a folder where the archive already has a file");
            }
        }

        Directory.CreateDirectory(target);
    }

    /// <summary>Deletes the root and everything under it; never throws.</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
