using System.CommandLine;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Local.Baselines;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit baselines check FILE...</c>: checks published results tables on their own (INF-CONS-008).</summary>
internal static class BaselinesCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("file") { Description = "Published results tables (summary_results.json, training summary.json or score "
            + "CSV).", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Check that every inference row's unit is the unit of its benchmark's metric in its scenario; exit 1 when "
            + "one is not.");
        check.Arguments.Add(files);
        check.SetAction(parse => Run(parse.GetValue(files)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        var command = new Command("baselines", "Published results tables.");
        command.Subcommands.Add(check);
        return command;
    }

    internal static int Run(IReadOnlyList<string> paths, TextWriter stdout, TextWriter stderr)
    {
        var rows = BaselineFiles.Load(paths, out var errors);
        foreach (var error in errors)
        {
            stderr.WriteLine($"mlperf-audit: {error}");
        }

        if (errors.Count > 0)
        {
            return (int)ExitCode.InputError;
        }

        var report = PublishedUnitCheck.Check(rows);
        foreach (var finding in report.Findings)
        {
            stdout.WriteLine($"{finding.File}:{finding.Line}: {finding.Code} {finding.Severity.ToString().ToLowerInvariant()}: {finding.Message}");
        }

        stdout.WriteLine($"{rows.Count} rows, {report.Checked} inference rows checked, {report.Findings.Count} unit mismatches.");
        if (report.NotChecked.Count > 0)
        {
            stdout.WriteLine($"Not checked (no metric in the rules): {string.Join(", ", report.NotChecked.Select(kv => $"{kv.Key} ({kv.Value})"))}.");
        }

        return report.Findings.Count == 0 ? (int)ExitCode.Ok : (int)ExitCode.AuditFailed;
    }
}
