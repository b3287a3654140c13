using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Logs;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// Compliance tests required by the round for the benchmark (closed and network divisions). For
/// LLMs in v5.x that is TEST06: <c>verify_accuracy.txt</c> must state that the first-token, EOS and
/// sample-length checks passed (Offline may skip the first-token check).
/// </summary>
internal static class ComplianceRules
{
    public static void Check(ResultContext context)
    {
        if (!context.Location.IsClosedOrNetwork || context.Benchmark.Compliance.Count == 0)
        {
            return;
        }

        var root = context.SplitFolder("compliance");
        if (root is null)
        {
            context.Add(FindingCatalog.InfComplianceMissing,
                "The bundle does not reach up to the submitter folder, so the compliance results cannot be found.", context.Location.Folder);
            return;
        }

        foreach (var test in context.Benchmark.Compliance)
        {
            switch (test)
            {
                case "TEST06":
                    CheckTest06(context, BundleIndex.Join(root, test));
                    break;
                default:
                    context.Add(FindingCatalog.InfComplianceMissing, $"{test} is required but this version cannot judge it yet.", root);
                    break;
            }
        }
    }

    private static void CheckTest06(ResultContext context, string folder)
    {
        var path = folder + "/verify_accuracy.txt";
        if (context.Index.File(path) is not { } entry)
        {
            context.Add(FindingCatalog.InfComplianceMissing, $"TEST06 is required for {context.Benchmark.Name}, but {path} is missing.", path);
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
                context.Add(FindingCatalog.InfComplianceFailed, $"TEST06 does not report that the {check} check passed.", path);
            }
        }
    }
}
