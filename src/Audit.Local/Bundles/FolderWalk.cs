using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Local.Bundles;

/// <summary>
/// Walks folders for <see cref="DirectoryBundle"/>: symbolic links and special files are reported and skipped, and the
/// limits on depth, file count and total size hold across every part walked (from any thread).
/// </summary>
/// <param name="name">Bundle name, for messages.</param>
/// <param name="limits">Validated limits.</param>
internal sealed class FolderWalk(string name, BundleLimits limits)
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false,
    };

    private int _count;
    private long _total;

    /// <summary>Files found so far, over all parts.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Walks from <paramref name="start"/> down to <paramref name="maxDepth"/>; deeper folders are returned in
    /// <see cref="Part.Deferred"/>. A broken limit or an I/O error ends the part and is kept in <see cref="Part.Error"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Part Run(IEnumerable<(string Full, string Relative, int Depth)> start, int maxDepth)
    {
        var part = new Part();
        var pending = new Stack<(string Full, string Relative, int Depth)>(start);
        try
        {
            while (pending.Count > 0)
            {
                var (dir, prefix, depth) = pending.Pop();
                if (depth > maxDepth)
                {
                    part.Deferred.Add((dir, prefix, depth));
                    continue;
                }

                // One readdir walk; each item's attributes and length come from that walk's own stat, and its bundle path
                // is built from its folder's (no FileInfo objects, no path normalisation per file).
                var items = new FileSystemEnumerable<(string Name, FileAttributes Attributes, bool IsDirectory, long Length)>(dir,
                    (ref FileSystemEntry e) => (e.FileName.ToString(), e.Attributes, e.IsDirectory, e.IsDirectory ? 0 : e.Length), OneLevel);
                var any = false;
                foreach (var (itemName, attributes, isDirectory, length) in items)
                {
                    any = true;
                    Add(part, pending, dir, prefix + itemName, itemName, attributes, isDirectory, length, depth);
                }

                if (!any && prefix.Length > 0)
                {
                    // Nothing at all inside (no file, folder, link or special file): what the official checker calls empty.
                    part.EmptyFolders.Add(prefix[..^1]);
                }
            }
        }
        catch (Exception ex) when (ex is BundleInputException or IOException or UnauthorizedAccessException)
        {
            part.Error = ExceptionDispatchInfo.Capture(ex);
        }

        part.Deferred.Reverse();
        return part;
    }

    private void Add(Part part, Stack<(string Full, string Relative, int Depth)> pending, string dir, string relative, string itemName,
        FileAttributes attributes, bool isDirectory, long length, int depth)
    {
        // ReparsePoint marks a symbolic link on Unix.
        if ((attributes & FileAttributes.ReparsePoint) != 0)
        {
            part.Findings.Add(FindingCatalog.BundleSpecialEntry.At(relative, null, relative));
            // Only the link's own text is read (never followed); the layout may resolve it to a folder inside the bundle.
            part.Links.Add((relative, new FileInfo(Path.Join(dir, itemName)).LinkTarget ?? string.Empty));
            return;
        }

        if (isDirectory)
        {
            if (depth + 1 >= limits.MaxPathDepth)
            {
                throw new BundleInputException(FindingCatalog.BundleTooDeep.Of(name, relative, limits.MaxPathDepth));
            }

            pending.Push((Path.Join(dir, itemName), relative + "/", depth + 1));
            return;
        }

        if ((attributes & FileAttributes.Device) != 0)
        {
            part.Findings.Add(FindingCatalog.BundleSpecialFileSkipped.At(relative, null, relative));
            return;
        }

        if (Interlocked.Increment(ref _count) > limits.MaxEntries)
        {
            throw new BundleInputException(FindingCatalog.BundleTooManyFiles.Of(name, limits.MaxEntries));
        }

        if (Interlocked.Add(ref _total, length) > limits.MaxTotalBytes)
        {
            throw new BundleInputException(FindingCatalog.BundleTooManyBytes.Of(name, limits.MaxTotalBytes));
        }

        part.Entries.Add(new BundleEntry(relative, length));
    }

    /// <summary>What one walk found.</summary>
    public sealed class Part
    {
        /// <summary>Regular files.</summary>
        public List<BundleEntry> Entries { get; } = [];

        /// <summary>Skipped links and special files.</summary>
        public List<Finding> Findings { get; } = [];

        /// <summary>Symbolic links skipped, with the target text each names (bundle path, link text).</summary>
        public List<(string Path, string Target)> Links { get; } = [];

        /// <summary>Folders holding nothing at all, bundle-relative.</summary>
        public List<string> EmptyFolders { get; } = [];

        /// <summary>Folders below the walk's depth, in the order they were found.</summary>
        public List<(string Full, string Relative, int Depth)> Deferred { get; } = [];

        /// <summary>The limit broken or the I/O error met, if any.</summary>
        public ExceptionDispatchInfo? Error { get; set; }
    }
}
