namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>A system description has no results folder.</summary>
    public static readonly FindingDefinition InfSystemWithoutResults = new("INF-SUB-001", Severity.Error,
        "Every systems/<system>.json of a submitter must have a results/<system> folder.", OfficialRejects);

    /// <summary>A file sits at the root of a submission tree.</summary>
    public static readonly FindingDefinition InfFileOutsideDivisions = new("INF-SUB-002", Severity.Warning,
        "A submission tree's root should hold only the division folders (and *.md or *.pdf files). The official checker rejects other files unless told to skip the check, which the published results repositories need (their roots hold scripts and tables), so this is a warning.", AuditStricter);
}
