using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Pipeline;

namespace MlPerfAudit.Cli.Commands;

/// <summary>Turns a <c>check</c> command line and the opened bundle into the pipeline's <see cref="SuiteAuditRequest"/>.</summary>
internal static class CheckPlan
{
    /// <summary>
    /// The suite (--suite, else detected) with validated options for it; null after writing every usage problem to
    /// <paramref name="stderr"/>.
    /// </summary>
    public static SuiteAuditRequest? Make(
        CheckRequest request, IBundle bundle, InferenceAuditOptions options, PriorLogIndex? priorLogs, TextWriter stderr)
    {
        var suite = request.Suite switch
        {
            "inference" => Suite.Inference,
            "training" => Suite.Training,
            "sweep" => Suite.Sweep,
            _ => SuiteDetector.Detect(bundle),
        };
        var name = suite.ToString().ToLowerInvariant();
        if (request.ClaimOptimal is not null && suite != Suite.Sweep)
        {
            stderr.WriteLine($"mlperf-audit: --claim-optimal applies to sweep bundles only; this bundle holds {name} results.");
            return null;
        }

        if (priorLogs is not null && suite != Suite.Inference)
        {
            stderr.WriteLine($"mlperf-audit: --prior-logs applies to inference bundles only; this bundle holds {name} results.");
            return null;
        }

        return suite switch
        {
            Suite.Sweep => SweepCheck.Options(request, stderr) is { } sweep
                ? new SuiteAuditRequest(suite, options) { Sweep = sweep with { Clock = options.Clock, MaxAuditTime = options.Limits.MaxAuditTime } }
                : null,
            Suite.Training => Training(request, options, stderr),
            _ => Inference(request, options with { Round = request.Round ?? options.Round, PriorLogs = priorLogs }, stderr),
        };
    }

    private static SuiteAuditRequest? Training(CheckRequest request, InferenceAuditOptions options, TextWriter stderr)
    {
        var training = SuiteAuditor.TrainingOptionsOf(options) with
        {
            RuleSet = request.Round is { } round ? SuiteDetector.TrainingRuleSet(round) : null,
        };
        if (request.Round is { } given && training.RuleSet is null)
        {
            stderr.WriteLine($"mlperf-audit: round '{given}' has no training rules; supported: "
                + $"{string.Join(", ", Core.Training.Rules.TrainingRuleSet.Supported)}");
            return null;
        }

        return new SuiteAuditRequest(Suite.Training, options) { Training = training };
    }

    private static SuiteAuditRequest? Inference(CheckRequest request, InferenceAuditOptions options, TextWriter stderr)
    {
        var problems = options.Validate();
        foreach (var problem in problems)
        {
            stderr.WriteLine($"mlperf-audit: {problem}");
        }

        return problems.Count == 0 ? new SuiteAuditRequest(Suite.Inference, options) : null;
    }
}
