using System.Globalization;
using System.Text.Json;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Training;

/// <summary>The fields of a training system description (<c>systems/&lt;system&gt;.json</c>) the audit uses.</summary>
/// <param name="Submitter">submitter.</param>
/// <param name="Division">division (closed/open).</param>
/// <param name="Status">status (availability).</param>
/// <param name="SystemName">system_name.</param>
/// <param name="AcceleratorModel">accelerator_model_name.</param>
/// <param name="Nodes">int(number_of_nodes), when it parses.</param>
/// <param name="AcceleratorsPerNode">int(accelerators_per_node), when it parses.</param>
internal sealed record SystemDescription(
    string? Submitter, string? Division, string? Status, string? SystemName, string? AcceleratorModel, int? Nodes, int? AcceleratorsPerNode)
{
    /// <summary>number_of_nodes × accelerators_per_node, when both parse.</summary>
    public int? Accelerators => Nodes is { } n && AcceleratorsPerNode is { } a ? checked(n * a) : null;

    internal static readonly string[] RequiredFields =
    [
        "submitter", "division", "status", "system_name", "number_of_nodes", "host_processors_per_node", "host_processor_model_name",
        "host_processor_core_count", "host_processor_vcpu_count", "host_processor_frequency", "host_processor_caches",
        "host_processor_interconnect", "host_memory_capacity", "host_storage_type", "host_storage_capacity", "host_networking",
        "host_networking_topology", "host_memory_configuration", "accelerators_per_node", "accelerator_model_name",
        "accelerator_host_interconnect", "accelerator_frequency", "accelerator_on-chip_memories", "accelerator_memory_configuration",
        "accelerator_memory_capacity", "accelerator_interconnect", "accelerator_interconnect_topology", "cooling", "hw_notes",
        "framework", "other_software_stack", "operating_system", "sw_notes",
    ];

    internal static readonly string[] AllowedStatus =
        ["Available on-premise", "Available cloud", "Research, Development, or Internal (RDI)", "Preview"];

    /// <summary>Reads and checks a system description (spec §12). Returns null when it is not a JSON object.</summary>
    public static SystemDescription? Read(Stream stream, string path, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(findings);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        if (!System.Text.Unicode.Utf8.IsValid(copy.GetBuffer().AsSpan(0, (int)copy.Length)))
        {
            // Checked up front: JsonDocument checks strings only when they are read (InvalidOperationException).
            findings.Add(FindingCatalog.TrnSysNotUtf8.At(path, null));
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(copy.GetBuffer().AsMemory(0, (int)copy.Length));
        }
        catch (JsonException ex)
        {
            findings.Add(FindingCatalog.TrnSysUnreadable.At(path, null, ex.Message));
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                findings.Add(FindingCatalog.TrnSysNotObject.At(path, null));
                return null;
            }

            var missing = RequiredFields.Where(f => !root.TryGetProperty(f, out _)).ToList();
            if (missing.Count > 0)
            {
                findings.Add(FindingCatalog.TrnSysFieldMissing.At(path, null, string.Join(", ", missing)));
            }

            var status = Text(root, "status");
            if (root.TryGetProperty("status", out _) && !AllowedStatus.Contains(status))
            {
                findings.Add(FindingCatalog.TrnSysStatus.At(path, null, status, string.Join("; ", AllowedStatus)));
            }

            var nodes = Int(root, "number_of_nodes");
            var perNode = Int(root, "accelerators_per_node");
            if (nodes is null || perNode is null)
            {
                findings.Add(FindingCatalog.TrnSysAcceleratorCount.At(
                    path, null, Text(root, "number_of_nodes"), Text(root, "accelerators_per_node")));
            }

            return new SystemDescription(
                Text(root, "submitter"),
                Text(root, "division"),
                status,
                Text(root, "system_name"),
                Text(root, "accelerator_model_name"),
                nodes,
                perNode);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    private static int? Int(JsonElement root, string name) =>
        int.TryParse(Text(root, name)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
}
