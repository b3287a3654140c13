namespace MlPerfAudit.Core.Reports;

/// <summary>
/// The power metric of a power result, from the performance run: the mean of the analyzer's positive samples strictly
/// between power_begin and power_end. Offline, Server and Interactive report that mean in watts; SingleStream and
/// MultiStream report energy per query, mean W × window s × 1000 ÷ result_query_count, in millijoules (× 8 samples
/// per query when a MultiStream result was run as SingleStream).
/// </summary>
/// <param name="Value">The metric: W, or mJ per query.</param>
/// <param name="Unit"><c>Watts</c> or <c>millijoules</c>, as the published tables write it.</param>
/// <param name="AverageWatts">Mean of the counted samples, in W.</param>
/// <param name="Samples">Number of counted samples.</param>
/// <param name="WindowBegin">power_begin as logged (MM-DD-YYYY HH:MM:SS.ffffff).</param>
/// <param name="WindowEnd">power_end as logged.</param>
/// <param name="WindowSeconds">power_end − power_begin, in s.</param>
/// <param name="QueryCount">result_query_count, for the stream scenarios; null otherwise.</param>
/// <param name="SamplesPerQuery">Samples per LoadGen query in the energy formula: 8 when a MultiStream result was run as SingleStream, else 1; null
/// for watts.</param>
/// <param name="SamplesFile">Bundle-relative path of spl.txt.</param>
/// <param name="FirstSampleLine">1-based line of the first counted sample in spl.txt.</param>
/// <param name="LastSampleLine">1-based line of the last counted sample in spl.txt.</param>
/// <param name="DetailFile">Bundle-relative path of the detail log holding the window.</param>
/// <param name="BeginLine">1-based line of power_begin in the detail log.</param>
/// <param name="EndLine">1-based line of power_end in the detail log.</param>
public sealed record PowerMetric(
    double Value,
    string Unit,
    double AverageWatts,
    int Samples,
    string WindowBegin,
    string WindowEnd,
    double WindowSeconds,
    long? QueryCount,
    int? SamplesPerQuery,
    string SamplesFile,
    int? FirstSampleLine,
    int? LastSampleLine,
    string DetailFile,
    int? BeginLine,
    int? EndLine);
