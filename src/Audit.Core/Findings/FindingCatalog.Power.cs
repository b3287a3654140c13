namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Power metric --------------------------------------------------------------------------

    /// <summary>No positive power sample of spl.txt falls strictly between power_begin and power_end.</summary>
    public static readonly FindingDefinition InfPowerNoSamples = new("INF-PWR-002", Severity.Error,
        "A power result needs at least one spl.txt sample with positive watts strictly between the run's power_begin and power_end; without one "
            + "there is no power metric.", OfficialRejects)
    {
        Message = "spl.txt has no positive power sample strictly between power_begin {begin} and power_end {end}.",
    };

    /// <summary>
    /// The inputs of the power metric cannot be read: power_begin/power_end/result_query_count in the detail log, or a Time line of spl.txt.
    /// </summary>
    public static readonly FindingDefinition InfPowerLogMalformed = new("INF-PWR-003", Severity.Error,
        "power_begin and power_end must be logged as MM-DD-YYYY HH:MM:SS.ffffff, stream results need a positive result_query_count, and each "
            + "spl.txt line starting with Time needs a timestamp (field 2) and, inside the window, watts (field 4).", OfficialRejects)
    {
        Message = "A power run must log {key}: {problem}.",
    };

    /// <summary>INF-PWR-003 for a power_begin or power_end that is not a timestamp.</summary>
    public static readonly FindingMessage InfPowerLogMalformedTimestamp =
        InfPowerLogMalformed.Variant("{key} is '{value}', not a timestamp MM-DD-YYYY HH:MM:SS.ffffff.");

    /// <summary>INF-PWR-003 for an spl.txt line that cannot be read.</summary>
    public static readonly FindingMessage InfPowerLogMalformedSpl = InfPowerLogMalformed.Variant("Line {line} of spl.txt cannot be read: {problem}.");

    /// <summary>INF-PWR-003 for a result_query_count that is not positive.</summary>
    public static readonly FindingMessage InfPowerLogMalformedQueryCount =
        InfPowerLogMalformed.Variant("The energy per query needs a positive result_query_count: it is {count}.");

    /// <summary>INF-PWR-003 for a result_query_count that cannot be read.</summary>
    public static readonly FindingMessage InfPowerLogMalformedNoQueryCount =
        InfPowerLogMalformed.Variant("The energy per query needs a positive result_query_count: {problem}.");

    /// <summary>A power result lacks a file the power rules require.</summary>
    public static readonly FindingDefinition InfPowerFileMissing = new("INF-PWR-001", Severity.Error,
        "A power result needs spl.txt in each run and client/server logs, ptd_logs.txt and their JSON in performance/power.", OfficialRejects)
    {
        Message = "{file} is missing.",
    };
}
