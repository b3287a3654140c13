using System.Text.Json;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Inference.Systems;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>The findings on one system description, shared by every result of that system.</summary>
/// <param name="File">The parsed description, or null when absent or unreadable.</param>
/// <param name="Findings">What is wrong with it.</param>
/// <param name="Nodes">number_of_nodes, when a positive whole number.</param>
/// <param name="Accelerators">number_of_nodes × accelerators_per_node, when both are positive whole numbers.</param>
internal sealed record SystemAssessment(JsonFile? File, IReadOnlyList<Finding> Findings, int? Nodes, int? Accelerators)
{
    /// <summary>system_type as written, or empty.</summary>
    public string SystemType => File?.Text("system_type") ?? string.Empty;
}

/// <summary>Checks <c>systems/&lt;system&gt;.json</c>: required and meaningful fields, allowed values, folder agreement.</summary>
internal static class SystemRules
{
    public static SystemAssessment Assess(ResultLocation location, InferenceRound round, BundleIndex index)
    {
        var findings = new List<Finding>();
        if (location.SubmitterFolder is not { } submitter)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemMissing,
                "The bundle does not reach up to the submitter folder, so the system description cannot be found.", location.Folder));
            return new SystemAssessment(null, findings, null, null);
        }

        var path = BundleIndex.Join(submitter, "systems", location.System + ".json");
        if (index.File(path) is not { } entry)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemMissing, $"{path} is missing.", path));
            return new SystemAssessment(null, findings, null, null);
        }

        JsonFile json;
        using (var stream = index.Bundle.Open(entry))
        {
            json = JsonFile.Read(stream, path, 16L << 20);
        }

        if (json.Error is not null)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemUnreadable, $"The system description cannot be read: {json.Error}.", path, json.ErrorLine));
            return new SystemAssessment(null, findings, null, null);
        }

        if (json.HasDuplicateKeys)
        {
            findings.Add(Finding.Of(FindingCatalog.InfJsonDuplicateKey, "The system description repeats a key; the last value is used.", path));
        }

        var rules = round.SystemDescription;
        foreach (var field in rules.Required.Where(f => json.Member(f) is null))
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldMissing, $"The system description has no '{field}'.", path));
        }

        foreach (var field in rules.NonEmpty.Where(f => json.Member(f) is not null && JsonFile.IsEmpty(json.Member(f))))
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldEmpty, $"The system description leaves '{field}' empty.", path));
        }

        foreach (var property in json.Root!.Value.EnumerateObject().Where(p => !rules.Required.Contains(p.Name) && !rules.Tolerated.Contains(p.Name)))
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldUnknown, $"The system description has a field the round does not define: '{property.Name}'.", path));
        }

        CheckValues(location, rules, json, path, findings);
        var nodes = Positive(json.WholeNumber("number_of_nodes"));
        var perNode = Positive(json.WholeNumber("accelerators_per_node"));
        int? accelerators = nodes is { } n && perNode is { } p ? checked(n * p) : null;
        if (accelerators is null)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemAcceleratorCount,
                $"number_of_nodes ({json.Text("number_of_nodes") ?? "missing"}) and accelerators_per_node ({json.Text("accelerators_per_node") ?? "missing"}) do not give an accelerator count.", path));
        }

        return new SystemAssessment(json, findings, nodes, accelerators);
    }

    private static void CheckValues(ResultLocation location, SystemDescriptionRules rules, JsonFile json, string path, List<Finding> findings)
    {
        var status = json.Text("status");
        if (status is not null && !rules.Statuses.Contains(status.ToLowerInvariant()))
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldValue, $"status is '{status}'; allowed: {string.Join(", ", rules.Statuses)}.", path));
        }

        var systemType = json.Text("system_type");
        if (systemType is not null && !rules.SystemTypes.Contains(systemType))
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldValue, $"system_type is '{systemType}'; allowed: {string.Join(", ", rules.SystemTypes)}.", path));
        }

        var submitter = json.Text("submitter");
        if (location.Submitter.Length > 0 && submitter is not null && !string.Equals(submitter, location.Submitter, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldValue, $"submitter is '{submitter}', but the folder is '{location.Submitter}'.", path));
        }

        var division = json.Text("division");
        if (location.Division.Length > 0 && division is not null && division != location.Division)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldValue, $"division is '{division}', but the result sits under '{location.Division}'.", path));
        }

        var isNetwork = json.Member("is_network") is { } v && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString()!.Equals("true", StringComparison.OrdinalIgnoreCase)));
        if (location.Division == "network" && !isNetwork)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldValue, "A network-division system must set is_network to true.", path));
        }
        else if (location.Division == "closed" && isNetwork)
        {
            findings.Add(Finding.Of(FindingCatalog.InfSystemFieldValue, "A closed-division system must not set is_network to true.", path));
        }
    }

    private static int? Positive(long? value) => value is > 0 and <= int.MaxValue ? (int)value : null;
}
