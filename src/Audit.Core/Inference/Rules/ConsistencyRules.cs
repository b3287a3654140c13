using System.Globalization;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Logs;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>The SHA-256 of one detail log read while judging a result.</summary>
/// <param name="File">Bundle-relative path.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file bytes.</param>
internal sealed record DetailLogHash(string File, string Sha256);

/// <summary>
/// Cross-file checks no official checker makes (codes <c>INF-CONS-00N</c>): the summary log against the detail
/// log, accelerator counts written in system names against the description, and one detail log reused by two results.
/// </summary>
internal static partial class ConsistencyRules
{
    /// <summary>
    /// Summary line → detail-log key, as LoadGen writes both: throughputs, then latencies in ns (all, first token, per output
    /// token).
    /// </summary>
    private static readonly (string Summary, string Detail)[] Headlines =
    [
        ("Samples per second", "result_samples_per_second"),
        ("Tokens per second", "result_tokens_per_second"),
        ("Completed samples per second", "result_completed_samples_per_sec"),
        ("Completed tokens per second", "result_completed_tokens_per_second"),
        ("Scheduled samples per second", "result_scheduled_samples_per_sec"),
        ("Min latency (ns)", "result_min_latency_ns"),
        ("Max latency (ns)", "result_max_latency_ns"),
        ("Mean latency (ns)", "result_mean_latency_ns"),
        ("Min First Token latency (ns)", "result_first_token_min_latency_ns"),
        ("Max First Token latency (ns)", "result_first_token_max_latency_ns"),
        ("Mean First Token latency (ns)", "result_first_token_mean_latency_ns"),
        .. Percentiles.Select(p => ($"{p} percentile latency (ns)", $"result_{p}_percentile_latency_ns")),
        .. Percentiles.Select(p => ($"{p} percentile first token latency (ns)", $"result_first_token_{p}_percentile_latency_ns")),
        .. Percentiles.Select(p => ($"{p} percentile time to output token (ns)", $"result_time_per_output_token_{p}_percentile_ns")),
    ];

    private static string[] Percentiles => ["50.00", "90.00", "95.00", "97.00", "99.00", "99.90"];

    /// <summary>
    /// MultiStream runs of LoadGen versions that log per-query latencies print those under "Per-query latency:" in
    /// the summary, with the same line names: compare them with the per-query keys instead.
    /// </summary>
    private static readonly (string Summary, string Detail)[] PerQueryHeadlines =
    [
        .. Headlines.Select(h => h.Detail switch
        {
            "result_min_latency_ns" => (h.Summary, "result_min_query_latency_ns"),
            "result_max_latency_ns" => (h.Summary, "result_max_query_latency_ns"),
            "result_mean_latency_ns" => (h.Summary, "result_mean_query_latency_ns"),
            _ when h.Detail.EndsWith("_percentile_latency_ns", StringComparison.Ordinal)
                && !h.Detail.StartsWith("result_first_token_", StringComparison.Ordinal)
                => (h.Summary, h.Detail.Replace("_percentile_latency_ns", "_percentile_per_query_latency_ns", StringComparison.Ordinal)),
            _ => h,
        }),
    ];

    /// <summary>Compares <c>performance/run_1/mlperf_log_summary.txt</c> with the run's detail log.</summary>
    public static void CheckSummary(ResultContext context, DetailLog detail)
        => CheckSummary(context, detail, context.PerformanceFolder);

    /// <summary>
    /// Compares the summary log of the run in <paramref name="runFolder"/> (a compliance test's run too) with its detail log.
    /// </summary>
    public static void CheckSummary(ResultContext context, DetailLog detail, string runFolder)
    {
        var path = runFolder + "/mlperf_log_summary.txt";
        if (context.Index.File(path) is not { } entry)
        {
            return;
        }

        SummaryLog summary;
        using (var stream = context.Index.Bundle.Open(entry))
        {
            summary = SummaryLog.Read(stream, path, context.Limits.MaxLineBytes);
        }

        foreach (var problem in summary.Problems)
        {
            context.LineLimitHit |= problem.LineTooLong;
            context.Add(FindingCatalog.InfSummaryUnreadable.At(path, problem.Line, problem.Line, problem.Reason));
        }

        var verdict = summary.Find("Result is");
        var validity = detail.ReadText("result_validity");
        if (verdict is null)
        {
            context.Add(FindingCatalog.InfSummaryUnreadableNoVerdict.At(path, null));
        }
        else if (validity.Ok && !string.Equals(verdict.Value, validity.Value, StringComparison.Ordinal))
        {
            context.Add(FindingCatalog.InfSummaryVerdictMismatch.At(path, verdict.Line, verdict.Value, validity.Line, detail.File, validity.Value));
        }

        CompareValues(context, detail, summary, path);
    }

    /// <summary>Compares each value line of the summary log with the detail log's key, within the rounding of both.</summary>
    private static void CompareValues(ResultContext context, DetailLog detail, SummaryLog summary, string path)
    {
        var compared = 0;
        var inDetail = 0;
        foreach (var (summaryKey, detailKey) in detail.Find("result_min_query_latency_ns") is null ? Headlines : PerQueryHeadlines)
        {
            if (detail.Find(detailKey) is not { } record || record.ElidedArrayBytes != 0
                || record.Value.ValueKind != System.Text.Json.JsonValueKind.Number
                || !record.Value.TryGetDouble(out var detailValue) || !double.IsFinite(detailValue))
            {
                continue;
            }

            inDetail++;
            if (summary.Find(summaryKey) is not { } line)
            {
                continue;
            }

            compared++;
            if (!TryParse(line.Value, out var summaryValue))
            {
                context.Add(FindingCatalog.InfSummaryUnreadableValue.At(path, line.Line, summaryKey, line.Value));
                continue;
            }

            var tolerance = HalfUnit(line.Value) + HalfUnit(record.Value.GetRawText()) + (1e-9 * Math.Abs(detailValue));
            if (Math.Abs(summaryValue - detailValue) > tolerance)
            {
                context.Add(FindingCatalog.InfSummaryValueMismatch.At(
                    path, line.Line, summaryKey, line.Value, detailKey, record.Line, detail.File, record.Value.GetRawText(), tolerance));
            }
        }

        if (inDetail > 0 && compared == 0)
        {
            context.Add(FindingCatalog.InfSummaryUnreadableNoValues.At(path, null));
        }
    }

    /// <summary>Half a unit of the last digit of a number as printed: "19.46" → 0.005, "209328" → 0.5, "1.5e+06" → 50,000.</summary>
    internal static double HalfUnit(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0
            : int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) ? x : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : mantissa.Length - dot - 1;
        return 0.5 * Math.Pow(10, exponent - decimals);
    }

    private static bool TryParse(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    // A leading count: "8xMI300X_2xEPYC_9575F" → 8 (only the first: later "2xEPYC" counts CPUs), "(72x GB300-288GB ..." → 72.
    [GeneratedRegex(@"^\s*\(?\s*(?<n>[0-9]{1,6})\s?[xX]\s?(?=[A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingCount();

    // A trailing count on a name part: "aarch64x72" → 72, "GB200x4" → 4, "x4" → 4: a lower-case x after a digit or
    // alone. "NVL72" has no x (a rack size); "ZX1", "AAX2" (model codes) and "gx3" (an instance family) are not counts.
    [GeneratedRegex(@"^(?<p>(?:[A-Za-z0-9.]*[0-9])?)x(?<n>[0-9]{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingCount();

    // Accelerator groups in a name: "32xMI300X_2xEPYC_9534_16xMI325X" has two (32 and 16; EPYC is a CPU). A name with
    // several groups describes a mixed system, whose total the name does not state as one count.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[0-9]{1,6}\s?x(?!EPYC|Xeon|XEON|CPU|Grace)[A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex AcceleratorGroup();

    private static readonly char[] PartSeparators = ['_', '-', ' ', ',', '(', ')', '/', '+'];

    /// <summary>
    /// The accelerator counts a system name spells out: a leading <c>Nx</c> before a letter, and an <c>xN</c>
    /// ending a name part (parts are split at <c>_ - space , ( ) / +</c>). <c>x86</c> is an architecture, not a count.
    /// </summary>
    internal static IReadOnlyList<int> CountsInName(string name)
    {
        var counts = new List<int>();
        if (AcceleratorGroup().Count(name) > 1)
        {
            return counts;
        }

        if (LeadingCount().Match(name) is { Success: true } lead)
        {
            counts.Add(int.Parse(lead.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        foreach (var part in name.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("x86", StringComparison.OrdinalIgnoreCase) || part.Equals("x64", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (TrailingCount().Match(part) is { Success: true } trail)
            {
                counts.Add(int.Parse(trail.Groups["n"].Value, CultureInfo.InvariantCulture));
            }
        }

        return counts;
    }

    /// <summary>Compares accelerator counts written in the system folder name and system_name with the description.</summary>
    public static IReadOnlyList<Finding> CheckAcceleratorCount(ResultLocation location, SystemAssessment system, BundleIndex index)
    {
        if (system.File is not { } json || system.Accelerators is not { } total
            || json.WholeNumber("accelerators_per_node") is not { } perNode)
        {
            return [];
        }

        var findings = new List<Finding>();
        int? line = null;
        (FindingMessage Message, string Name)[] names =
        [
            (FindingCatalog.InfSystemNameAcceleratorCount.Main, location.System),
            (FindingCatalog.InfSystemNameAcceleratorCountSystemName, json.Text("system_name") ?? string.Empty),
        ];
        foreach (var (message, name) in names)
        {
            foreach (var count in CountsInName(name).Distinct())
            {
                if (count != total && count != perNode)
                {
                    line ??= LineOf(index, json.File, "\"accelerators_per_node\"");
                    findings.Add(message.At(json.File, line, name, count, system.Nodes, perNode, total));
                }
            }
        }

        return findings;
    }

    /// <summary>Findings for detail logs whose bytes appear under more than one result.</summary>
    public static IReadOnlyList<Finding> CheckDuplicateLogs(IEnumerable<(string ResultId, DetailLogHash Hash)> logs)
    {
        var findings = new List<Finding>();
        foreach (var group in logs.GroupBy(l => l.Hash.Sha256, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(l => l.Hash.File, StringComparer.Ordinal).ToList();
            var first = ordered[0];
            foreach (var other in ordered.Skip(1).Where(o => !string.Equals(o.ResultId, first.ResultId, StringComparison.Ordinal)))
            {
                findings.Add(FindingCatalog.InfDuplicateDetailLog.At(
                    other.Hash.File, null, other.Hash.File, other.ResultId, group.Key[..16], first.Hash.File, first.ResultId));
            }
        }

        return findings;
    }

    private static int? LineOf(BundleIndex index, string path, string token)
    {
        if (index.File(path) is not { } entry)
        {
            return null;
        }

        using var stream = index.Bundle.Open(entry);
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Contains(token, StringComparison.Ordinal))
            {
                return number;
            }

            if (number > 100_000)
            {
                break;
            }
        }

        return null;
    }
}
