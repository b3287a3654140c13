using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports.Html;

namespace MlPerfAudit.Cli.Commands;

/// <summary>What <c>check</c> reads besides the bundle: the round's rules exist, the published tables, the prior-logs indexes.</summary>
/// <param name="Comparisons">Published points for the HTML and Markdown charts (empty without --baselines).</param>
/// <param name="ComparisonSource">The tables' file names, for the page; null without --baselines.</param>
/// <param name="PriorLogs">The merged prior-logs indexes; null without --prior-logs.</param>
/// <param name="Exit">The exit code when an input is wrong (after its message on stderr); null when all are usable.</param>
internal sealed record CheckInputs(IReadOnlyList<ComparisonPoint> Comparisons, string? ComparisonSource, PriorLogIndex? PriorLogs, int? Exit)
{
    /// <summary>Checks the round label and reads the tables and indexes, writing every problem to <paramref name="stderr"/>.</summary>
    public static CheckInputs Load(CheckRequest request, TextWriter stderr)
    {
        if (request.Round is { } r && !SuiteDetector.IsKnownRound(r))
        {
            stderr.WriteLine($"mlperf-audit: round '{r}' has no rules; inference: "
                + $"{string.Join(", ", Core.Inference.Round.InferenceRoundCatalog.Supported)}; " +
                $"training: {string.Join(", ", Core.Training.Rules.TrainingRuleSet.Supported)}");
            return Failed(ExitCode.Usage);
        }

        if (BaselinesOption.Load(request.Baselines ?? [], stderr) is not { } comparisons)
        {
            return Failed(ExitCode.InputError);
        }

        PriorLogIndex? priorLogs = null;
        if (request.PriorLogs.Count > 0)
        {
            priorLogs = Local.PriorLogs.PriorLogFiles.Load(request.PriorLogs, out var priorErrors);
            foreach (var priorError in priorErrors)
            {
                stderr.WriteLine($"mlperf-audit: {priorError}");
            }

            if (priorLogs is null)
            {
                return Failed(ExitCode.InputError);
            }
        }

        var source = request.Baselines is { Count: > 0 } b ? string.Join(", ", b.Select(Path.GetFileName)) : null;
        return new CheckInputs(comparisons, source, priorLogs, null);
    }

    private static CheckInputs Failed(ExitCode exit) => new([], null, null, (int)exit);
}
