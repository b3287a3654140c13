using System.Text;

namespace MlPerfAudit.Core.Reports;

/// <summary>
/// The results table in the official submission checker's <c>--csv</c> layout: same columns, same
/// order, same quoting, one row per valid result, so existing spreadsheets and the published-results
/// tooling keep working. Deliberate differences (README): <c>errors</c> is always 0 on a valid row
/// (the official value depends on folder walk order), and <c>Units</c> is the metric's true unit
/// (the official table labels llama3.1-8b Interactive tokens/s as Queries/s). A power result has <c>has_power</c>
/// True and is followed by a second row holding its power metric (W, or mJ per query) with Units Watts or millijoules.
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

    /// <summary>Renders the table.</summary>
    public static string Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Columns)).Append('\n');
        foreach (var r in report.Results.Where(r => r.Verdict == Verdict.Valid && r.Metric is not null && r.SystemDescription is not null))
        {
            var s = r.SystemDescription!;
            string[] row =
            [
                r.Submitter, s.Status.ToLowerInvariant(), r.Division, Quote(s.SystemType), Quote(s.SystemName), r.System,
                r.Benchmark, r.RulesBenchmark ?? r.Benchmark, r.Scenario, NumberText.PythonRepr(r.Metric!.Value), r.Accuracy ?? string.Empty,
                s.NumberOfNodes, Quote(s.HostProcessorModelName), s.HostProcessorsPerNode, s.HostProcessorCoreCount,
                Quote(s.AcceleratorModelName), Quote(s.AcceleratorsPerNode), r.Id, Quote(s.Framework), Quote(s.OperatingSystem),
                Quote(s.Notes), "1", "0", report.Rules.Round, r.Metric.InferredFrom is null ? "0" : "1", r.Power is null ? "False" : "True", r.Metric.Unit,
                Quote((r.WeightDataTypes ?? "fp32").Replace('"', '\'')),
            ];
            csv.Append(string.Join(',', row)).Append('\n');
            if (r.Power is { } power)
            {
                // The power row: the same result with the power metric and its unit (weight_data_types unescaped, as the official row writes it).
                row[9] = NumberText.PythonRepr(power.Value);
                row[26] = power.Unit;
                row[27] = Quote(r.WeightDataTypes ?? "fp32");
                csv.Append(string.Join(',', row)).Append('\n');
            }
        }

        return csv.ToString();
    }

    private static string Quote(string value) => '"' + value + '"';
}
