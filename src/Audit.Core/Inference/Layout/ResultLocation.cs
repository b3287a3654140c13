namespace MlPerfAudit.Core.Inference.Layout;

/// <summary>Where one inference result sits in the bundle and in the submission tree.</summary>
/// <param name="Folder">Bundle-relative path of the <c>&lt;benchmark&gt;/&lt;scenario&gt;</c> folder.</param>
/// <param name="Id">Path in the submission tree from the division on, e.g. <c>closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline</c>; the bundle
/// path when the bundle does not reach up to the division.</param>
/// <param name="Division">closed, open or network; empty when unknown.</param>
/// <param name="Submitter">Submitter folder; empty when unknown.</param>
/// <param name="System">System folder under results/; empty when unknown.</param>
/// <param name="Benchmark">Benchmark folder name as found.</param>
/// <param name="Scenario">Scenario, normalized to its official spelling.</param>
/// <param name="SubmitterFolder">Bundle-relative path of the submitter folder, when the bundle holds it.</param>
/// <param name="ScenarioFolder">The scenario folder name as written (e.g. <c>offline</c>); sibling trees use this spelling.</param>
internal sealed record ResultLocation(
    string Folder,
    string Id,
    string Division,
    string Submitter,
    string System,
    string Benchmark,
    string Scenario,
    string? SubmitterFolder,
    string ScenarioFolder)
{
    /// <summary>True for closed and network results, which face the full set of rules.</summary>
    public bool IsClosedOrNetwork => Division is "closed" or "network";
}
