using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

// Usage: Audit.Inference.Bench, then one line per bundle on stdin: "<path>\t<round>" (round empty: detected, as `check`
// without --round). Answers one JSON line per bundle: the valid result ids and each result's error codes, or the input error.
string? line;
while ((line = Console.ReadLine()) is not null)
{
    var parts = line.Split('\t');
    var options = new InferenceAuditOptions { Round = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null };
    using var opened = BundleOpener.Open(parts[0], options.Limits, out var error);
    if (opened is null)
    {
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["error"] = error?.Message }));
        continue;
    }

    var report = InferenceAuditor.Audit(opened, options, new ToolInfo("mlperf-audit", "bench"));
    var answer = new Dictionary<string, object?>
    {
        ["valid"] = report.Results.Where(r => r.Verdict == Verdict.Valid).Select(r => r.Id).Order(StringComparer.Ordinal).ToList(),
        ["errors"] = report.Results.ToDictionary(r => r.Id,
            r => r.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal).ToList()),
        ["rules"] = report.Rules.Round,
    };
    Console.WriteLine(JsonSerializer.Serialize(answer));
}

return 0;
