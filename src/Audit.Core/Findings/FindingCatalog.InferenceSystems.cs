namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- System description and implementation JSON --------------------------------------

    /// <summary>No system description JSON for the system.</summary>
    public static readonly FindingDefinition InfSystemMissing = new("INF-SYS-001", Severity.Error,
        "Every system needs systems/<system>.json.", OfficialRejects)
    {
        Message = "{file} is missing.",
    };

    /// <summary>INF-SYS-001 when the bundle does not reach the submitter folder.</summary>
    public static readonly FindingMessage InfSystemMissingNoSubmitter =
        InfSystemMissing.Variant("The bundle does not reach up to the submitter folder, so the system description cannot be found.");

    /// <summary>A required system description field is absent.</summary>
    public static readonly FindingDefinition InfSystemFieldMissing = new("INF-SYS-002", Severity.Error,
        "The system description must contain every field the round requires.", OfficialRejects)
    {
        Message = "The system description has no '{field}'.",
    };

    /// <summary>A system description field that must be meaningful is empty.</summary>
    public static readonly FindingDefinition InfSystemFieldEmpty = new("INF-SYS-003", Severity.Error,
        "Key system description fields must not be empty.", OfficialRejects)
    {
        Message = "The system description leaves '{field}' empty.",
    };

    /// <summary>A system description field has a value outside its allowed set.</summary>
    public static readonly FindingDefinition InfSystemFieldValue = new("INF-SYS-004", Severity.Error,
        "status, system_type, submitter and division must have allowed values that match the folders.", OfficialRejects)
    {
        Message = "status is '{status}'; allowed: {allowed}.",
    };

    /// <summary>INF-SYS-004 for system_type.</summary>
    public static readonly FindingMessage InfSystemFieldValueSystemType =
        InfSystemFieldValue.Variant("system_type is '{systemType}'; allowed: {allowed}.");

    /// <summary>INF-SYS-004 for a submitter that is not the folder's.</summary>
    public static readonly FindingMessage InfSystemFieldValueSubmitter =
        InfSystemFieldValue.Variant("submitter is '{submitter}', but the folder is '{folder}'.");

    /// <summary>INF-SYS-004 for a division that is not the folder's.</summary>
    public static readonly FindingMessage InfSystemFieldValueDivision =
        InfSystemFieldValue.Variant("division is '{division}', but the result sits under '{folder}'.");

    /// <summary>INF-SYS-004 for a network-division system without is_network.</summary>
    public static readonly FindingMessage InfSystemFieldValueNotNetwork =
        InfSystemFieldValue.Variant("A network-division system must set is_network to true.");

    /// <summary>INF-SYS-004 for a closed-division system with is_network.</summary>
    public static readonly FindingMessage InfSystemFieldValueNetwork =
        InfSystemFieldValue.Variant("A closed-division system must not set is_network to true.");

    /// <summary>The system description holds a field the round does not know.</summary>
    public static readonly FindingDefinition InfSystemFieldUnknown = new("INF-SYS-005", Severity.Warning,
        "Fields the round does not define are reported.", OfficialLogsOnly)
    {
        Message = "The system description has a field the round does not define: '{field}'.",
    };

    /// <summary>The system description is not valid JSON.</summary>
    public static readonly FindingDefinition InfSystemUnreadable = new("INF-SYS-006", Severity.Error,
        "The system description must be a valid JSON object.", OfficialRejects)
    {
        Message = "The system description cannot be read: {error}.",
    };

    /// <summary>Accelerator count cannot be computed.</summary>
    public static readonly FindingDefinition InfSystemAcceleratorCount = new("INF-SYS-007", Severity.Warning,
        "number_of_nodes and accelerators_per_node should be whole numbers so per-accelerator values can be derived.", AuditStricter)
    {
        Message = "number_of_nodes ({nodes}) and accelerators_per_node ({perNode}) do not give an accelerator count.",
    };

    /// <summary>The measurements folder or its files are missing.</summary>
    public static readonly FindingDefinition InfMeasurementsMissing = new("INF-MEAS-001", Severity.Error,
        "Every result needs its measurements folder with user.conf, README.md and the implementation JSON.", OfficialRejects)
    {
        Message = "{path} is missing.",
    };

    /// <summary>INF-MEAS-001 for the merged layout's measurements.json.</summary>
    public static readonly FindingMessage InfMeasurementsMissingJson = InfMeasurementsMissing.Variant("{file} (the implementation JSON) is missing.");

    /// <summary>INF-MEAS-001 for the split layout's JSON named after the system.</summary>
    public static readonly FindingMessage InfMeasurementsMissingSystemJson =
        InfMeasurementsMissing.Variant("{folder} has no implementation JSON named after the system ({system}_{scenario}.json).");

    /// <summary>The implementation JSON lacks a required field or is unreadable.</summary>
    public static readonly FindingDefinition InfMeasurementsField = new("INF-MEAS-002", Severity.Error,
        "The implementation JSON must be valid and give every required field a value.", OfficialRejects)
    {
        Message = "The implementation JSON has no '{field}'.",
    };

    /// <summary>INF-MEAS-002 for an implementation JSON that cannot be read.</summary>
    public static readonly FindingMessage InfMeasurementsFieldUnreadable =
        InfMeasurementsField.Variant("The implementation JSON cannot be read: {error}.");

    /// <summary>INF-MEAS-002 for a required field left empty.</summary>
    public static readonly FindingMessage InfMeasurementsFieldEmpty = InfMeasurementsField.Variant("The implementation JSON leaves '{field}' empty.");

    /// <summary>A JSON file repeats a key.</summary>
    public static readonly FindingDefinition InfJsonDuplicateKey = new("INF-JSON-001", Severity.Warning,
        "JSON files should not repeat a key; the last value is used, as the official checker's JSON reader does.", OfficialLogsOnly)
    {
        Message = "The system description repeats a key; the last value is used.",
    };

    /// <summary>INF-JSON-001 for the implementation JSON.</summary>
    public static readonly FindingMessage InfJsonDuplicateKeyImplementation =
        InfJsonDuplicateKey.Variant("The implementation JSON repeats a key; the last value is used.");
}
