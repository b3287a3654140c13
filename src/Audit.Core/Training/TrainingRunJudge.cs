using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>One run of a result folder as judged: its compliance, its time and its run_stop status.</summary>
/// <param name="Log">The parsed result file.</param>
/// <param name="Compliance">The compliance verdict; not compliant also when the file has parse problems or no run time.</param>
/// <param name="Minutes">run_stop - run_start in minutes, when the run is compliant; else null.</param>
/// <param name="Status">run_stop's status metadata, when logged.</param>
internal sealed record JudgedRun(TrainingLog Log, ComplianceResult Compliance, double? Minutes, string? Status);

/// <summary>Compliance and run time of each run (spec §3-§8), and the olympic-scoring drop rule over them.</summary>
internal static class TrainingRunJudge
{
    /// <summary>Judges every log; adds TRN-RUN-001 for a run_stop whose status is not success.</summary>
    public static List<JudgedRun> Judge(List<TrainingLog> logs, TrainingRuleSet rules, int maxParseFindings, List<Finding> findings)
    {
        var runs = new List<JudgedRun>();
        foreach (var log in logs)
        {
            var compliance = ComplianceChecker.Check(log, rules, maxParseFindings);
            var minutes = RunMinutes(log);
            var stopRecord = log.First("run_stop");
            var status = stopRecord is not null && stopRecord.TryGetMetadata("status", out var st)
                ? (st.ValueKind == JsonValueKind.String ? st.GetString() : st.GetRawText())
                : null;
            if (stopRecord is not null && status != "success")
            {
                findings.Add(FindingCatalog.TrnRunNotSuccess.At(log.Path, stopRecord.Line, status ?? "missing"));
            }

            var ok = compliance.Compliant && log.Problems.Count == 0 && minutes is not null;
            runs.Add(new JudgedRun(log, compliance with { Compliant = ok }, ok ? minutes : null, status));
        }

        return runs;
    }

    /// <summary>
    /// Applies olympic scoring's drop rule: more failed runs than the benchmark allows is TRN-RUN-003 (with the failed runs'
    /// errors); fewer is TRN-RUN-002.
    /// </summary>
    /// <returns>The number of runs that failed compliance.</returns>
    public static int CheckDropped(List<JudgedRun> runs, BenchmarkRules benchmark, string folder, List<Finding> findings)
    {
        var dropped = runs.Count(r => !r.Compliance.Compliant);
        if (dropped > benchmark.MaxDropped)
        {
            findings.Add(FindingCatalog.TrnRunTooManyDropped.At(folder, null, dropped, runs.Count, benchmark.MaxDropped));
            foreach (var r in runs.Where(r => !r.Compliance.Compliant))
            {
                findings.AddRange(r.Compliance.Findings.Where(f => f.Severity == Severity.Error));
            }
        }
        else if (dropped > 0)
        {
            var failed = runs.Where(r => !r.Compliance.Compliant).Select(r => r.Log.Path);
            findings.Add(FindingCatalog.TrnRunDropped.At(folder, null, string.Join(", ", failed)));
        }

        return dropped;
    }

    /// <summary>The first run_start to the first run_stop, in minutes; null when either is missing.</summary>
    private static double? RunMinutes(TrainingLog log)
    {
        double? start = null;
        double? stop = null;
        foreach (var r in log.Records)
        {
            if (r.Key == "run_start")
            {
                start = r.TimeMs;
            }

            if (r.Key == "run_stop")
            {
                stop = r.TimeMs;
            }

            if (start is not null && stop is not null)
            {
                break;
            }
        }

        return start is not null && stop is not null ? (stop.Value - start.Value) / 60 / 1000 : null;
    }
}
