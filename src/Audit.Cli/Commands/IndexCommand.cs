using System.CommandLine;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Local.Files;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit index PATH... --out FILE</c>: writes a prior-logs index of every detail log the audit of each bundle reads.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Inference bundles of published rounds (folder, .zip, .tar.gz).", Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "The index file to write.", Required = true };
        var round = new Option<string?>("--round") { Description = "Round the bundles' results were published in, e.g. v5.1 (default: detected per "
            + "bundle from the detail logs' RNG seeds)." };
        var timeLimit = TimeLimitOption.Create();
        timeLimit.Description = "Longest time auditing each bundle may take: seconds (90), a number with a unit (500ms, 90s, 15m, 2h) or hh:mm:ss. "
            + "When it runs out no index is written (it would miss detail logs) and the command exits 1. Default 15m.";
        var command = new Command(
            "index", "Write a prior-logs index (SHA-256 of every detail log, with its round and result) for check --prior-logs.");
        command.Arguments.Add(paths);
        command.Options.Add(output);
        command.Options.Add(round);
        command.Options.Add(timeLimit);
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(output)!, parse.GetValue(round),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(timeLimit)));
        return command;
    }

    /// <param name="paths">The bundles to index.</param>
    /// <param name="outputPath">The index file to write.</param>
    /// <param name="round">The round to judge the bundles by, or null to detect it per bundle.</param>
    /// <param name="stdout">Progress, one line per bundle.</param>
    /// <param name="stderr">Problems.</param>
    /// <param name="timeLimit">The time limit per bundle as given (--time-limit), or null for the default.</param>
    /// <param name="clock">The clock the time limit is measured on: the system clock unless given (tests pass a stepping clock).</param>
    internal static int Run(IReadOnlyList<string> paths, string outputPath, string? round, TextWriter stdout, TextWriter stderr,
        string? timeLimit = null, NodaTime.IClock? clock = null)
    {
        var unlimited = new InferenceAuditOptions { Round = round, Clock = clock ?? NodaTime.SystemClock.Instance };
        if (TimeLimitOption.Apply(unlimited, timeLimit, stderr) is not { } options)
        {
            return (int)ExitCode.Usage;
        }

        var problems = options.Validate();
        foreach (var problem in problems)
        {
            stderr.WriteLine($"mlperf-audit: {problem}");
        }

        if (problems.Count > 0)
        {
            return (int)ExitCode.Usage;
        }

        var sources = new List<PriorLogSource>();
        var entries = new List<PriorLogEntry>();
        foreach (var path in paths)
        {
            using var opened = BundleOpener.Open(path, options.Limits, out var error);
            if (opened is null)
            {
                stderr.WriteLine($"mlperf-audit: {error!.Message} ({error.Code})");
                return (int)ExitCode.InputError;
            }

            if (SuiteDetector.Detect(opened.Bundle) != Suite.Inference)
            {
                stderr.WriteLine($"mlperf-audit: {path}: holds no MLPerf Inference results; the prior-logs index covers inference detail logs only.");
                return (int)ExitCode.InputError;
            }

            var (report, logs) = InferenceAuditor.AuditAndIndex(opened, options, ToolIdentity.Current);
            if (report.Limits?.Hit.Contains(nameof(MlPerfAudit.Core.Bundles.BundleLimits.MaxAuditTime)) == true)
            {
                // An index that silently misses the logs of results not reached in time would let an old run pass as new.
                stderr.WriteLine($"mlperf-audit: {path}: the time limit of {options.Limits.MaxAuditTime.TotalSeconds:0.###} s ran out before every "
                    + "result was read; no index was written (raise --time-limit).");
                return (int)ExitCode.AuditFailed;
            }

            if (report.Results.Count == 0)
            {
                stderr.WriteLine($"mlperf-audit: {path}: no MLPerf result was found in the bundle.");
                return (int)ExitCode.InputError;
            }

            sources.Add(new PriorLogSource(report.Bundle.Name, report.Bundle.Sha256, report.Rules.Round, report.Results.Count));
            entries.AddRange(logs);
            stdout.WriteLine($"{path}: {logs.Count} detail logs of {report.Results.Count} results, round {report.Rules.Round}");
        }

        var file = PriorLogIndexFile.Create(sources, entries);
        AtomicFile.Write(outputPath, PriorLogJson.Serialize(file));
        stdout.WriteLine($"Index: {outputPath} ({file.Entries.Count} entries)");
        return (int)ExitCode.Ok;
    }
}
