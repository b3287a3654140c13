using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Logs;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// Compliance tests required by the round for the benchmark (closed and network divisions). For
/// LLMs in v5.x that is TEST06: <c>verify_accuracy.txt</c> must state that the first-token, EOS and
/// sample-length checks passed (Offline may skip the first-token check); v6.x adds TEST07/TEST08/TEST09.
/// The TEST folders are found in either layout (<see cref="ResultContext.ComplianceFolder"/>).
/// </summary>
internal static class ComplianceRules
{
    public static void Check(ResultContext context)
    {
        if (!context.Location.IsClosedOrNetwork || context.Benchmark.Compliance.Count == 0)
        {
            return;
        }

        var root = context.ComplianceFolder;
        if (root is null)
        {
            context.Add(FindingCatalog.InfComplianceMissingNoSubmitter.At(context.Location.Folder, null));
            return;
        }

        foreach (var test in context.Benchmark.Compliance)
        {
            switch (test)
            {
                case "TEST06":
                    CheckTest06(context, BundleIndex.Join(root, test));
                    break;
                case "TEST01":
                    if (CheckPerformanceTest(context, BundleIndex.Join(root, test), test))
                    {
                        CheckTest01Accuracy(context, BundleIndex.Join(root, test));
                    }

                    break;
                case "TEST04":
                    CheckPerformanceTest(context, BundleIndex.Join(root, test), test);
                    break;
                case "TEST07" or "TEST08":
                    CheckTestPass(context, BundleIndex.Join(root, test), test, "verify_accuracy.txt");
                    break;
                case "TEST09":
                    CheckTestPass(context, BundleIndex.Join(root, test), test, "verify_output_len.txt");
                    break;
                default:
                    context.Add(FindingCatalog.InfComplianceMissingUnjudged.At(root, null, test));
                    break;
            }
        }
    }

    /// <summary>
    /// TEST01 and TEST04 rerun the benchmark in performance mode: verify_performance.txt must say
    /// TEST PASS, and the run's own logs must pass every performance rule. False when the folder is missing.
    /// </summary>
    private static bool CheckPerformanceTest(ResultContext context, string folder, string test)
    {
        if (!context.Index.FolderExists(folder))
        {
            context.Add(FindingCatalog.InfComplianceMissing.At(folder, null, test, context.Benchmark.Name, folder));
            return false;
        }

        var verify = folder + "/verify_performance.txt";
        if (Read(context, verify) is not { } verification)
        {
            context.Add(FindingCatalog.InfComplianceFiles.At(verify, null, verify));
        }
        else if (!verification.Lines.Any(l => l.Text.Contains("TEST PASS", StringComparison.Ordinal)))
        {
            context.Add(FindingCatalog.InfComplianceFailedPerformance.At(verify, null, test));
        }

        var run = folder + "/performance/run_1";
        var present = context.Index.FilesIn(run).Select(e => e.FileName).ToHashSet(StringComparer.Ordinal);
        var required = context.Round.Files.PerformanceRequired;
        var missing = required.Where(r => !present.Contains(r)).ToList();
        var extra = present.Where(p => !required.Contains(p) && p != "mlperf_log_accuracy.json")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            context.Add(FindingCatalog.InfComplianceFilesRun.At(run, null, run, string.Join(" and ", required), Names(missing), Names(extra)));
        }

        if (context.ReadDetailLog(run + "/mlperf_log_detail.txt") is { } log)
        {
            PerformanceRules.Check(context, log);
            ConsistencyRules.CheckSummary(context, log, run);
        }

        return true;
    }

    /// <summary>
    /// TEST01 accuracy: TEST PASS in verify_accuracy.txt with accuracy/ holding the log and accuracy.txt;
    /// otherwise baseline and compliance accuracy must agree within the benchmark's tolerance.
    /// </summary>
    private static void CheckTest01Accuracy(ResultContext context, string folder)
    {
        var verify = folder + "/verify_accuracy.txt";
        if (Read(context, verify) is not { } verification)
        {
            context.Add(FindingCatalog.InfComplianceFiles.At(verify, null, verify));
            return;
        }

        var passed = verification.Lines.Any(l => l.Text.Contains("TEST PASS", StringComparison.Ordinal));
        var accuracy = folder + "/accuracy";
        string[] required = passed
            ? ["mlperf_log_accuracy.json", "accuracy.txt"]
            : ["mlperf_log_accuracy.json", "accuracy.txt", "baseline_accuracy.txt", "compliance_accuracy.txt"];
        var present = context.Index.FilesIn(accuracy).Select(e => e.FileName).ToHashSet(StringComparer.Ordinal);
        if (!present.SetEquals(required))
        {
            context.Add(FindingCatalog.InfComplianceFilesAccuracy.At(
                accuracy, null, accuracy, string.Join(", ", required), Names([.. present.Order(StringComparer.Ordinal)])));
            return;
        }

        if (passed)
        {
            return;
        }

        var baseline = AccuracyRules.ReadValues(context, accuracy + "/baseline_accuracy.txt");
        var compliance = AccuracyRules.ReadValues(context, accuracy + "/compliance_accuracy.txt");
        foreach (var target in context.Benchmark.AccuracyFor(context.Location.Scenario).Where(t => t.Lower is not null))
        {
            var b = baseline.Values[target.Metric] is { Count: > 0 } bv ? bv[^1].Value : 0;
            var c = compliance.Values[target.Metric] is { Count: > 0 } cv ? cv[^1].Value : 0;
            if (b == 0 || c == 0)
            {
                context.Add(FindingCatalog.InfComplianceAccuracyDeltaMissing.At(accuracy, null, target.Metric));
                return;
            }

            var delta = Math.Abs(1 - (b / c)) * 100;
            var allowed = context.Benchmark.DeltaPercent(target.Metric);
            if (delta > allowed)
            {
                context.Add(FindingCatalog.InfComplianceAccuracyDelta.At(accuracy, null, target.Metric, delta, b, c, allowed));
                return;
            }
        }
    }

    /// <summary>TEST07, TEST08 and TEST09 (v6.x): the verification file must say TEST PASS.</summary>
    private static void CheckTestPass(ResultContext context, string folder, string test, string file)
    {
        var path = folder + "/" + file;
        if (Read(context, path) is not { } verification)
        {
            context.Add(FindingCatalog.InfComplianceMissing.At(path, null, test, context.Benchmark.Name, path));
        }
        else if (!verification.Lines.Any(l => l.Text.Contains("TEST PASS", StringComparison.Ordinal)))
        {
            context.Add(FindingCatalog.InfComplianceFailed.At(path, null, test, file));
        }
    }

    private static ComplianceVerification? Read(ResultContext context, string path)
    {
        if (context.Index.File(path) is not { } entry)
        {
            return null;
        }

        using var stream = context.Index.Bundle.Open(entry);
        return ComplianceVerification.Read(stream, context.Limits.MaxLineBytes);
    }

    private static string Names(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static void CheckTest06(ResultContext context, string folder)
    {
        var path = folder + "/verify_accuracy.txt";
        if (context.Index.File(path) is not { } entry)
        {
            context.Add(FindingCatalog.InfComplianceMissing.At(path, null, "TEST06", context.Benchmark.Name, path));
            return;
        }

        ComplianceVerification verification;
        using (var stream = context.Index.Bundle.Open(entry))
        {
            verification = ComplianceVerification.Read(stream, context.Limits.MaxLineBytes);
        }

        (string Check, string[] Accepted)[] checks =
        [
            ("first token", ["First token check pass: True", "First token check pass: Skipped"]),
            ("EOS", ["EOS check pass: True"]),
            ("sample length", ["Sample length check pass: True"]),
        ];
        foreach (var (check, accepted) in checks)
        {
            if (!verification.HasAny(accepted))
            {
                context.Add(FindingCatalog.InfComplianceFailedTest06.At(path, null, check));
            }
        }
    }
}
