using MlPerfAudit.Core.Bundles;

namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>Where a result's compliance tests, measurements and code live.</summary>
public enum ResultLayout
{
    /// <summary>v5.x: submitter-level <c>compliance/</c> and <c>measurements/</c> trees mirror <c>results/</c>; code in <c>code/</c>.</summary>
    Split,

    /// <summary>v6.x: TEST0x folders, <c>measurements.json</c> and <c>user.conf</c> inside the result folder; code in <c>src/</c>.</summary>
    Merged,
}

/// <summary>Tells the layout of one result from the files around it.</summary>
internal static class ResultLayouts
{
    /// <summary>Compliance test folders that may sit inside a merged-layout result folder.</summary>
    public static IReadOnlyList<string> TestFolders { get; } = ["TEST01", "TEST04", "TEST06", "TEST07", "TEST08", "TEST09"];

    private static readonly string[] SplitTrees = ["measurements", "compliance"];

    /// <summary>
    /// Merged when the result folder holds <c>measurements.json</c>, <c>user.conf</c> or a TEST0x folder;
    /// split when the submitter has a <c>measurements/</c> or <c>compliance/</c> folder for it; otherwise the round's own layout.
    /// </summary>
    public static ResultLayout Detect(BundleIndex index, ResultLocation location, ResultLayout roundDefault)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(location);
        var folder = location.Folder;
        if (index.File(folder + "/measurements.json") is not null || index.File(folder + "/user.conf") is not null
            || TestFolders.Any(t => index.FolderExists(BundleIndex.Join(folder, t))))
        {
            return ResultLayout.Merged;
        }

        if (location.SubmitterFolder is { } s && SplitTrees.Any(tree =>
                index.FolderExists(BundleIndex.Join(s, tree, location.System, location.Benchmark, location.ScenarioFolder))))
        {
            return ResultLayout.Split;
        }

        return roundDefault;
    }
}
