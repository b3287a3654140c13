namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>A system description has no results folder.</summary>
    public static readonly FindingDefinition InfSystemWithoutResults = new("INF-SUB-001", Severity.Error,
        "Every systems/<system>.json of a submitter must have a results/<system> folder.", OfficialRejects)
    {
        Message = "{file} describes a system with no results/{system} folder.",
    };

    /// <summary>A file sits at the root of a submission tree.</summary>
    public static readonly FindingDefinition InfFileOutsideDivisions = new("INF-SUB-002", Severity.Warning,
        "A submission tree's root should hold only the division folders (and *.md or *.pdf files). The official checker rejects other files unless "
            + "told to skip the check, which the published results repositories need (their roots hold scripts and tables), so this is a warning.",
        AuditStricter)
    {
        Message = "'{file}' sits at the root of the submission tree, outside the division folders.",
    };

    /// <summary>A submitter folder holds folders with nothing in them.</summary>
    public static readonly FindingDefinition InfEmptyFolders = new("INF-SUB-003", Severity.Error,
        "A submitter folder must hold no empty folder (one with no file, folder or link in it); the official v5.x checker rejects every result of "
            + "a submitter that has one.", OfficialRejects)
    {
        Message = "{submitter} has {count} empty folder(s): {paths}; the official checker rejects every result of the submitter.",
    };

    /// <summary>A file or folder name of a submitter begins with a dot.</summary>
    public static readonly FindingDefinition InfHiddenNames = new("INF-SUB-004", Severity.Error,
        "No file or folder of a submitter may have a name beginning with '.' (even .gitkeep); the official v5.x checker rejects every result of a "
            + "submitter that has one.", OfficialRejects)
    {
        Message = "{submitter} has {count} file(s) or folder(s) whose name begins with '.': {paths}; the official checker rejects every result of "
            + "the submitter.",
    };

    /// <summary>A file or folder name of a submitter holds a space.</summary>
    public static readonly FindingDefinition InfNamesWithSpaces = new("INF-SUB-005", Severity.Error,
        "No file or folder of a submitter may have a space in its name; the official v5.x checker rejects every result of a submitter that has one.",
        OfficialRejects)
    {
        Message = "{submitter} has {count} file(s) or folder(s) with a space in the name: {paths}; the official checker rejects every result of "
            + "the submitter.",
    };

    /// <summary>A submitter folder holds __pycache__ folders.</summary>
    public static readonly FindingDefinition InfPycacheFolders = new("INF-SUB-006", Severity.Error,
        "A submitter folder must hold no folder whose name ends with __pycache__; the official v5.x checker rejects every result of a submitter "
            + "that has one.", OfficialRejects)
    {
        Message = "{submitter} has {count} __pycache__ folder(s): {paths}; the official checker rejects every result of the submitter.",
    };

    /// <summary>A file of a submitter is over 50 MiB.</summary>
    public static readonly FindingDefinition InfFileOver50MiB = new("INF-SUB-007", Severity.Error,
        "No file of a submitter may be larger than 50 MiB (52,428,800 bytes); the official v5.x checker rejects every result of a submitter that "
            + "has one.", OfficialRejects)
    {
        Message = "{submitter} has {count} file(s) over {limit} bytes: {paths}; the official checker rejects every result of the submitter.",
    };

    /// <summary>Submitter-folder hygiene problems in a round whose official checker no longer looks for them.</summary>
    public static readonly FindingDefinition InfHygieneNotChecked = new("INF-SUB-008", Severity.Warning,
        "Empty folders, names beginning with '.' or holding a space, __pycache__ folders and files over 50 MiB reject a submitter in the v5.x "
            + "checkers; the modular checker that judges v6.x defines the check but never calls it, so in v6.x rounds they are warnings.",
        AuditStricter)
    {
        Message = "{submitter} has {count} empty folder(s): {paths} ({code} in v5.x rounds; {round}'s official checker does not check it).",
    };

    /// <summary>INF-SUB-008 for names beginning with '.' (INF-SUB-004 in v5.x rounds).</summary>
    public static readonly FindingMessage InfHygieneNotCheckedHidden =
        InfHygieneNotChecked.Variant(
            "{submitter} has {count} file(s) or folder(s) whose name begins with '.': {paths} ({code} in v5.x rounds; {round}'s official checker "
                + "does not check it).");

    /// <summary>INF-SUB-008 for names with a space (INF-SUB-005 in v5.x rounds).</summary>
    public static readonly FindingMessage InfHygieneNotCheckedSpaces =
        InfHygieneNotChecked.Variant(
            "{submitter} has {count} file(s) or folder(s) with a space in the name: {paths} ({code} in v5.x rounds; {round}'s official checker "
                + "does not check it).");

    /// <summary>INF-SUB-008 for __pycache__ folders (INF-SUB-006 in v5.x rounds).</summary>
    public static readonly FindingMessage InfHygieneNotCheckedPycache =
        InfHygieneNotChecked.Variant(
            "{submitter} has {count} __pycache__ folder(s): {paths} ({code} in v5.x rounds; {round}'s official checker does not check it).");

    /// <summary>INF-SUB-008 for files over 50 MiB (INF-SUB-007 in v5.x rounds).</summary>
    public static readonly FindingMessage InfHygieneNotCheckedLarge =
        InfHygieneNotChecked.Variant(
            "{submitter} has {count} file(s) over {limit} bytes: {paths} ({code} in v5.x rounds; {round}'s official checker does not check it).");
}
