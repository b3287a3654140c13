namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    // ---- Power metric --------------------------------------------------------------------------

    /// <summary>No positive power sample of spl.txt falls strictly between power_begin and power_end.</summary>
    public static readonly FindingDefinition InfPowerNoSamples = new("INF-PWR-002", Severity.Error,
        "A power result needs at least one spl.txt sample with positive watts strictly between the run's power_begin and power_end; without one there is no power metric.", OfficialRejects);

    /// <summary>The inputs of the power metric cannot be read: power_begin/power_end/result_query_count in the detail log, or a Time line of spl.txt.</summary>
    public static readonly FindingDefinition InfPowerLogMalformed = new("INF-PWR-003", Severity.Error,
        "power_begin and power_end must be logged as MM-DD-YYYY HH:MM:SS.ffffff, stream results need a positive result_query_count, and each spl.txt line starting with Time needs a timestamp (field 2) and, inside the window, watts (field 4).", OfficialRejects);
}
