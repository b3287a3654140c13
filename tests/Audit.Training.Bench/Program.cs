using System.Diagnostics;
using System.Globalization;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Local.Bundles;

// Usage: Audit.Training.Bench <results tree> <rule set, or - to infer it> <out.tsv>
// Prints the wall time of the audit (bundle indexing + parsing + rules + RCP + scores) on stdout.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Audit.Training.Bench <results tree> <rule set> <out.tsv>");
    return 64;
}

var watch = Stopwatch.StartNew();
using var bundle = DirectoryBundle.Open(Path.GetFileName(Path.GetFullPath(args[0]).TrimEnd('/')), args[0], BundleLimits.Default);
var report = TrainingAuditor.Audit(new OpenedBundle(bundle, new string('0', 64)),
    new TrainingAuditOptions { RuleSet = args[1] == "-" ? null : args[1] }, new MlPerfAudit.Core.Reports.ToolInfo("mlperf-audit", "bench"));
watch.Stop();

using var output = new StreamWriter(args[2]);
output.WriteLine("id\tverdict\tscore_minutes\tscaling_factor\trcp\terror_codes\trule_set");
foreach (var r in report.Results)
{
    var codes = string.Join(",", r.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal));
    var score = r.Metric is null ? string.Empty : r.Metric.Value.ToString("R", CultureInfo.InvariantCulture);
    var scaling = r.Training?.Score?.ScalingFactor.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
    output.WriteLine($"{r.Id}\t{r.Verdict.ToString().ToLowerInvariant()}\t{score}\t{scaling}\t"
        + $"{r.Training?.Rcp?.Status ?? "-"}\t{codes}\t{r.Training?.RuleSet ?? "-"}");
}

foreach (var f in report.Findings.Where(f => f.Code.StartsWith("TRN-RND", StringComparison.Ordinal) || f.Code == "TRN-PKG-003"))
{
    Console.WriteLine($"{f.Code} {f.Message}");
}

Console.WriteLine(
    string.Create(CultureInfo.InvariantCulture,
    $"results={report.Results.Count} valid={report.Summary.Valid} invalid={report.Summary.Invalid} seconds={watch.Elapsed.TotalSeconds:F3}"));
return 0;
