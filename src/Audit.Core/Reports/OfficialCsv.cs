using System.Globalization;
using CsvHelper;

namespace MlPerfAudit.Core.Reports;

/// <summary>
/// The results table in the official submission checker's <c>--csv</c> layout: same columns, same
/// order, same quoting, one row per valid result, so existing spreadsheets and the published-results
/// tooling keep working. Deliberate differences (README): <c>errors</c> is always 0 on a valid row
/// (the official value depends on folder walk order), and <c>Units</c> is the metric's true unit
/// (the official table labels llama3.1-8b Interactive tokens/s as Queries/s). A power result has <c>has_power</c>
/// True and is followed by a second row holding its power metric (W, or mJ per query) with Units Watts or millijoules.
/// The columns follow the round (<see cref="Inference.Round.InferenceRound.CsvLayout"/>): the v5.x checkers' 28, or for v6.x
/// the modular checker's 31, which adds <c>total_accelerators</c> (nodes × accelerators per node), writes the division
/// in <c>compliance</c>, and ends with <c>design_power_watts</c> and <c>PrivateID</c>. Those two are left empty: the
/// official checker fills the first only for v6.1 power results (from the system's nameplate power) and the second only
/// when asked for private IDs.
/// </summary>
public static class OfficialCsv
{
    /// <summary>The official header, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Organization", "Availability", "Division", "SystemType", "SystemName", "Platform", "Model", "MlperfModel",
        "Scenario", "Result", "Accuracy", "number_of_nodes", "host_processor_model_name", "host_processors_per_node",
        "host_processor_core_count", "accelerator_model_name", "accelerators_per_node", "Location", "framework",
        "operating_system", "notes", "compliance", "errors", "version", "inferred", "has_power", "Units", "weight_data_types",
    ];

    /// <summary>The header of the modular checker that judges v6.x rounds, in order.</summary>
    public static readonly IReadOnlyList<string> ColumnsV6 =
    [
        .. Columns.Take(17), "total_accelerators", .. Columns.Skip(17), "design_power_watts", "PrivateID",
    ];

    /// <summary>The v5.x columns written in quotes: system type and name, host and accelerator names, accelerators per node, framework, OS, notes,
    /// weight data types.</summary>
    private static readonly bool[] QuotedInV5 = [.. Enumerable.Range(0, 28).Select(i => i is 3 or 4 or 12 or 15 or 16 or 18 or 19 or 20 or 27)];

    /// <summary>The header for a round: <see cref="ColumnsV6"/> when its rules say <c>csvLayout: v6</c>, else <see cref="Columns"/>.</summary>
    /// <param name="round">Round label such as <c>v6.0</c>.</param>
    public static IReadOnlyList<string> ColumnsFor(string round) => IsV6(round) ? ColumnsV6 : Columns;

    /// <summary>Renders the table in the columns of the report's round.</summary>
    public static string Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var v6 = IsV6(report.Rules.Round);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.None }, leaveOpen: true);
        foreach (var name in ColumnsFor(report.Rules.Round))
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
        foreach (var r in report.Results.Where(r => r.Verdict == Verdict.Valid && r.Metric is not null && r.SystemDescription is not null))
        {
            var s = r.SystemDescription!;
            var weights = r.WeightDataTypes ?? "fp32";
            string[] row =
            [
                r.Submitter, s.Status.ToLowerInvariant(), r.Division, s.SystemType, s.SystemName, r.System,
                r.Benchmark, r.RulesBenchmark ?? r.Benchmark, r.Scenario, NumberText.PythonRepr(r.Metric!.Value), r.Accuracy ?? string.Empty,
                s.NumberOfNodes, s.HostProcessorModelName, s.HostProcessorsPerNode, s.HostProcessorCoreCount,
                s.AcceleratorModelName, s.AcceleratorsPerNode, r.Id, s.Framework, s.OperatingSystem,
                s.Notes, v6 ? r.Division : "1", "0", report.Rules.Round, r.Metric.InferredFrom is null ? "0" : "1",
                r.Power is null ? "False" : "True", r.Metric.Unit,
                v6 ? weights : weights.Replace('"', '\''),
            ];
            var total = v6 ? TotalAccelerators(s) : string.Empty;
            Append(csv, row, v6, total);
            if (r.Power is { } power)
            {
                // The power row: the same result with the power metric and its unit (weight_data_types as written).
                row[9] = NumberText.PythonRepr(power.Value);
                row[26] = power.Unit;
                row[27] = weights;
                Append(csv, row, v6, total);
            }
        }

        csv.Flush();
        return text.ToString();
    }

    /// <summary>
    /// Writes one row from the 28 values of the v5.x layout: v5.x quotes the free-text columns (and, as RFC 4180 says, any
    /// value holding a comma, quote or line break), the modular checker quotes every value and adds its three columns.
    /// </summary>
    private static void Append(CsvWriter csv, string[] row, bool v6, string totalAccelerators)
    {
        if (v6)
        {
            IEnumerable<string> cells = [.. row.Take(17), totalAccelerators, .. row.Skip(17), string.Empty, string.Empty];
            foreach (var cell in cells)
            {
                csv.WriteField(cell, CsvQuoting.Always);
            }
        }
        else
        {
            for (var i = 0; i < row.Length; i++)
            {
                csv.WriteField(row[i], QuotedInV5[i] ? CsvQuoting.Always : CsvQuoting.WhenNeeded);
            }
        }

        csv.EndRecord();
    }

    private static bool IsV6(string round) => Inference.Round.InferenceRoundCatalog.Find(round)?.Rules.CsvLayout == "v6";

    /// <summary>number_of_nodes × accelerators_per_node, or empty when either is not a whole number (the official checker stops there).</summary>
    private static string TotalAccelerators(SystemSummary s)
        => long.TryParse(s.NumberOfNodes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var nodes)
           && long.TryParse(s.AcceleratorsPerNode, NumberStyles.Integer, CultureInfo.InvariantCulture, out var perNode)
            ? (nodes * perNode).ToString(CultureInfo.InvariantCulture)
            : string.Empty;
}
