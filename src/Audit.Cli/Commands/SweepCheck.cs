using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Reports;
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

    /// <summary>The sweep table and the recommendation outcome, for the text output.</summary>
    public static string Describe(AuditReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("  configuration            step s (mean  median  p95   CV)   tokens/s/GPU  MFU    peak GiB  util %  SM clock  power");
        var sweeps = report.Results.Where(r => r.Sweep is not null)
            .OrderBy(r => r.Sweep!.Configuration.Gpus)
            .ThenBy(r => r.Sweep!.Configuration.MicroBatchSize);
        foreach (var r in sweeps)
        {
            var d = r.Sweep!;
            var t = d.Telemetry;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {d.Configuration.Label,-24} {StepColumns(d)}  {d.TokensPerSecondPerGpu,12:N0}  "
                + $"{d.ModelFlopsUtilization * 100,4:0.0}%  {d.PeakMemoryGiB,8:0.0}  {t?.MeanUtilizationPercent,6:0.0}  "
                + $"{t?.SmClockRatio * 100,7:0}%  {t?.PowerRatio * 100,4:0}%"));
        }

        var formats = report.Results.Where(r => r.Sweep is not null)
            .GroupBy(r => r.Sweep!.LogFormat ?? "MLLOG")
            .Select(g => $"{g.Key} ({g.Count()})");
        text.AppendLine($"  log formats: {string.Join(", ", formats)}");
        if (report.Sweep!.Recommendation is { } rec)
        {
            text.AppendLine($"  Claim {rec.Claimed} optimal by {rec.Criterion}: {rec.Outcome.ToUpperInvariant()}. {rec.Message}");
        }

        return text.ToString();
    }

    /// <summary>The step-time columns (mean, median and p95 in s, CV in %), or the status when the configuration has no step times.</summary>
    private static string StepColumns(SweepDetails d) => d.StepTime is { } st
        ? string.Create(CultureInfo.InvariantCulture,
            $"{st.MeanSeconds,7:0.0000} {st.MedianSeconds,7:0.0000} {st.P95Seconds,7:0.0000} {st.CoefficientOfVariation * 100,5:0.0}%")
        : string.Create(CultureInfo.InvariantCulture, $"{d.Status,-31}");
}
