namespace MlPerfAudit.Core.Training;

/// <summary>
/// Where a result folder sits: <c>[prefix/]&lt;org&gt;/results/&lt;system&gt;/&lt;benchmark&gt;</c>,
/// <c>&lt;system&gt;/&lt;benchmark&gt;</c> or bare.
/// </summary>
/// <param name="Submitter">The org folder's name, when the layout has one.</param>
/// <param name="System">The system folder's name, when the layout has one.</param>
/// <param name="Benchmark">The benchmark folder's name, when there is a folder.</param>
/// <param name="SystemJsonPath">Bundle-relative path of <c>systems/&lt;system&gt;.json</c> in the submission layout, else null.</param>
internal sealed record ResultFolderLayout(string? Submitter, string? System, string? Benchmark, string? SystemJsonPath)
{
    /// <summary>Reads the layout from a bundle-relative folder path.</summary>
    public static ResultFolderLayout Of(string folder)
    {
        var parts = folder.Length == 0 ? [] : folder.Split('/');
        if (parts.Length >= 4 && parts[^3] == "results")
        {
            var orgPath = string.Join('/', parts[..^3]);
            return new ResultFolderLayout(parts[^4], parts[^2], parts[^1], $"{orgPath}/systems/{parts[^2]}.json");
        }

        if (parts.Length == 3 && parts[0] == "results")
        {
            return new ResultFolderLayout(null, parts[1], parts[2], $"systems/{parts[1]}.json");
        }

        return parts.Length switch
        {
            >= 2 => new ResultFolderLayout(null, parts[^2], parts[^1], null),
            1 => new ResultFolderLayout(null, null, parts[0], null),
            _ => new ResultFolderLayout(null, null, null, null),
        };
    }
}
