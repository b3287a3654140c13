using MlPerfAudit.Core.Sweeps;

namespace MlPerfAudit.Cli.Commands;

/// <summary>The sweep branch of <c>check</c>: turns the command line into validated <see cref="SweepAuditOptions"/>.</summary>
internal static class SweepCheck
{
    /// <summary>The options, or null after writing every problem to <paramref name="stderr"/>.</summary>
    public static SweepAuditOptions? Options(CheckRequest request, TextWriter stderr)
    {
        var criterion = RecommendationCheck.ParseCriterion(request.Criterion);
        var options = new SweepAuditOptions
        {
            ClaimedOptimal = request.ClaimOptimal,
            Criterion = criterion ?? SweepCriterion.TokensPerGpu,
            TelemetryUtcOffsetMinutes = request.TelemetryUtcOffsetMinutes,
        };
        var problems = options.Validate().ToList();
        if (criterion is null)
        {
            problems.Add($"--criterion '{request.Criterion}' is not step-time, tokens-per-gpu or memory-headroom.");
        }

        if (request.Round is not null)
        {
            problems.Add("--round does not apply to sweep bundles (their thresholds are recorded in the report).");
        }

        foreach (var problem in problems)
        {
            stderr.WriteLine($"mlperf-audit: {problem}");
        }

        return problems.Count == 0 ? options : null;
    }
}
