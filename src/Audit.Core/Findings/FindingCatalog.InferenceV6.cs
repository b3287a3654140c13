namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Rules that v6.x tightened ------------------------------------------------------------

    /// <summary>A run folder holds a file outside its allowed set, in a round whose official checker no longer checks the set (v6.x).</summary>
    public static readonly FindingDefinition InfUnexpectedFileTolerated = new("INF-FILE-004", Severity.Warning,
        "performance/run_1 and accuracy/ should hold only the LoadGen outputs the rules list; from v6.0 the official checker does not check this, "
            + "so an extra file is reported, not rejected.", "official checker: not checked from v6.0, result accepted")
    {
        Message = "{folder} holds '{name}', which the rules do not allow there.",
    };

    /// <summary>
    /// The scenario folders of a benchmark do not form the round's scenario set, in a round that rejects each result for it (v6.x).
    /// </summary>
    public static readonly FindingDefinition InfScenarioFolderSet = new("INF-SCN-006", Severity.Error,
        "From v6.0 the scenario folders of a closed or network benchmark must include every required scenario (and one of Server/Interactive where "
            + "the round asks for it) and no other; otherwise each of its results is rejected.", OfficialRejects)
    {
        Message = "{folder} (system type '{systemType}') lacks {missing}; it holds scenario(s) the round does not offer: {unknown}. {round} "
            + "rejects every result of the benchmark.",
    };

    /// <summary>INF-SCN-006 when scenarios are missing and none is extra.</summary>
    public static readonly FindingMessage InfScenarioFolderSetLacks =
        InfScenarioFolderSet.Variant("{folder} (system type '{systemType}') lacks {missing}. {round} rejects every result of the benchmark.");

    /// <summary>INF-SCN-006 when every required scenario is there but others are too.</summary>
    public static readonly FindingMessage InfScenarioFolderSetExtra =
        InfScenarioFolderSet.Variant(
            "{folder} (system type '{systemType}') holds every required scenario; it holds scenario(s) the round does not offer: {unknown}. "
                + "{round} rejects every result of the benchmark.");

    /// <summary>The accuracy run did not cover the round's accuracy sample count, in a round that rejects the shortfall (v6.x).</summary>
    public static readonly FindingDefinition InfAccuracySampleCount = new("INF-ACC-011", Severity.Error,
        "From v6.0 the accuracy run must cover exactly the benchmark's accuracy sample count (effective_accuracy_sample_count, else "
            + "qsl_reported_total_count).", OfficialRejects)
    {
        Message = "The accuracy run covered {covered} samples ({key}); {benchmark} needs {expected} in {round}.",
    };

    /// <summary>INF-ACC-011 when the sample count cannot be read.</summary>
    public static readonly FindingMessage InfAccuracySampleCountUnreadable =
        InfAccuracySampleCount.Variant("The accuracy run's sample count cannot be read ({problem}); {benchmark} needs {expected}.");

    /// <summary>INF-ACC-011 for an endpoints result's accuracy_results.json.</summary>
    public static readonly FindingMessage InfAccuracySampleCountEndpoints =
        InfAccuracySampleCount.Variant("The accuracy run covered {covered} samples; a {benchmark} {scenario} accuracy run covers {expected}.");
}
