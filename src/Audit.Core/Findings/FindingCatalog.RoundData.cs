namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Rules that later rounds made strict (round data: strictChecks) -------------------------

    /// <summary>Early stopping criterion not met, in a round whose official checker rejects the result for it (v6.1).</summary>
    public static readonly FindingDefinition InfEarlyStoppingNotMetStrict = new("INF-ES-101", Severity.Error,
        "Server and stream scenarios must meet LoadGen's early-stopping criterion; from v6.1 the official checker rejects a result that does not.", OfficialRejects);

    /// <summary>The accuracy run did not cover its sample count, in a round whose official checker rejects the result for it (v6.1).</summary>
    public static readonly FindingDefinition InfAccuracyDatasetSizeStrict = new("INF-ACC-101", Severity.Error,
        "The accuracy run must cover exactly the benchmark's accuracy sample count (qsl_reported_total_count); from v6.1 the official checker rejects a result that does not.", OfficialRejects);

    // ---- Endpoints submissions (v6.1) ---------------------------------------------------------

    /// <summary>A result folder holds MLPerf Endpoints logs instead of LoadGen's; MLPerf Audit does not judge those yet.</summary>
    public static readonly FindingDefinition InfEndpointsNotAudited = new("INF-EP-001", Severity.Warning,
        "Endpoints submissions (config.yaml, performance/result_summary.json, accuracy/accuracy_results.json) are listed as not audited, never as valid.", AuditInput);

    /// <summary>An endpoints result for a benchmark the round does not allow as an endpoints submission.</summary>
    public static readonly FindingDefinition InfEndpointsModelNotAllowed = new("INF-EP-002", Severity.Error,
        "Only the round's endpoints models may be submitted with MLPerf Endpoints logs.", OfficialRejects);
}
