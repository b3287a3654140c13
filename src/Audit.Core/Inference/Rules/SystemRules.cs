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
            findings.Add(FindingCatalog.InfSystemMissingNoSubmitter.At(location.Folder, null));
            return new SystemAssessment(null, findings, null, null);
        }

        var path = BundleIndex.Join(submitter, "systems", location.System + ".json");
        if (index.File(path) is not { } entry)
        {
            findings.Add(FindingCatalog.InfSystemMissing.At(path, null, path));
            return new SystemAssessment(null, findings, null, null);
        }

        JsonFile json;
        using (var stream = index.Bundle.Open(entry))
        {
            json = JsonFile.Read(stream, path, 16L << 20);
        }

        if (json.Error is not null)
        {
            findings.Add(FindingCatalog.InfSystemUnreadable.At(path, json.ErrorLine, json.Error));
            return new SystemAssessment(null, findings, null, null);
        }

        if (json.HasDuplicateKeys)
        {
            findings.Add(FindingCatalog.InfJsonDuplicateKey.At(path, null));
        }

        var rules = round.SystemDescription;
        foreach (var field in rules.Required.Where(f => json.Member(f) is null))
        {
            findings.Add(FindingCatalog.InfSystemFieldMissing.At(path, null, field));
        }

        foreach (var field in rules.NonEmpty.Where(f => json.Member(f) is not null && JsonFile.IsEmpty(json.Member(f))))
        {
            findings.Add(FindingCatalog.InfSystemFieldEmpty.At(path, null, field));
        }

        var unknown = json.Root!.Value.EnumerateObject().Where(p => !rules.Required.Contains(p.Name) && !rules.Tolerated.Contains(p.Name));
        foreach (var property in unknown)
        {
            findings.Add(FindingCatalog.InfSystemFieldUnknown.At(path, null, property.Name));
        }

        CheckValues(location, rules, json, path, findings);
        var nodes = Positive(json.WholeNumber("number_of_nodes"));
        var perNode = Positive(json.WholeNumber("accelerators_per_node"));
        int? accelerators = nodes is { } n && perNode is { } p ? checked(n * p) : null;
        if (accelerators is null)
        {
            findings.Add(FindingCatalog.InfSystemAcceleratorCount.At(
                path, null, json.Text("number_of_nodes") ?? "missing", json.Text("accelerators_per_node") ?? "missing"));
        }

        return new SystemAssessment(json, findings, nodes, accelerators);
    }

    private static void CheckValues(ResultLocation location, SystemDescriptionRules rules, JsonFile json, string path, List<Finding> findings)
    {
        var status = json.Text("status");
        if (status is not null && !rules.Statuses.Contains(status.ToLowerInvariant()))
        {
            findings.Add(FindingCatalog.InfSystemFieldValue.At(path, null, status, string.Join(", ", rules.Statuses)));
        }

        var systemType = json.Text("system_type");
        if (systemType is not null && !rules.SystemTypes.Contains(systemType))
        {
            findings.Add(FindingCatalog.InfSystemFieldValueSystemType.At(path, null, systemType, string.Join(", ", rules.SystemTypes)));
        }

        var submitter = json.Text("submitter");
        if (location.Submitter.Length > 0 && submitter is not null
            && !string.Equals(submitter, location.Submitter, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(FindingCatalog.InfSystemFieldValueSubmitter.At(path, null, submitter, location.Submitter));
        }

        var division = json.Text("division");
        if (location.Division.Length > 0 && division is not null && division != location.Division)
        {
            findings.Add(FindingCatalog.InfSystemFieldValueDivision.At(path, null, division, location.Division));
        }

        var isNetwork = json.Member("is_network") is { } v && (v.ValueKind == JsonValueKind.True
            || (v.ValueKind == JsonValueKind.String && v.GetString()!.Equals("true", StringComparison.OrdinalIgnoreCase)));
        if (location.Division == "network" && !isNetwork)
        {
            findings.Add(FindingCatalog.InfSystemFieldValueNotNetwork.At(path, null));
        }
        else if (location.Division == "closed" && isNetwork)
        {
            findings.Add(FindingCatalog.InfSystemFieldValueNetwork.At(path, null));
        }
    }

    private static int? Positive(long? value) => value is > 0 and <= int.MaxValue ? (int)value : null;
}
