using System.CommandLine;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit check PATH</c>: audits a bundle and writes report.json.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Bundle to audit: a folder, .zip or .tar.gz holding a submission tree, a submitter, a system or a single result." };
        var round = new Option<string?>("--round") { Description = "Rules round, e.g. v5.1 (default: the newest round with rules)." };
        var output = new Option<string>("--out") { Description = "Folder for report.json.", DefaultValueFactory = _ => "audit-out" };
        var format = new Option<string>("--format") { Description = "What to print: a short text summary, or the whole report as json or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var csv = new Option<string?>("--csv") { Description = "Also write the valid results as CSV in the official checker's --csv layout." };

        var command = new Command("check", "Audit MLPerf results against the rules of their round and write report.json.");
        command.Arguments.Add(path);
        command.Options.Add(round);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(csv);
        command.SetAction(parse => Run(
            new CheckRequest(parse.GetValue(path)!, parse.GetValue(round), parse.GetValue(output)!, parse.GetValue(format)!, parse.GetValue(csv)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(CheckRequest request, TextWriter stdout, TextWriter stderr)
    {
        var options = new InferenceAuditOptions();
        if (request.Round is { } r)
        {
            options = options with { Round = r };
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"mlperf-audit: {problem}");
            }

            return (int)ExitCode.Usage;
        }

        using var opened = BundleOpener.Open(request.Path, options.Limits, out var error);
        if (opened is null)
        {
            stderr.WriteLine($"mlperf-audit: {error!.Message} ({error.Code})");
            return (int)ExitCode.InputError;
        }

        var report = InferenceAuditor.Audit(opened, options, ToolIdentity.Current);
        Directory.CreateDirectory(request.OutputFolder);
        var reportPath = Path.Combine(request.OutputFolder, "report.json");
        AtomicFile.Write(reportPath, ReportJson.Serialize(report));
        if (request.CsvPath is { } csvPath)
        {
            AtomicFile.Write(csvPath, System.Text.Encoding.UTF8.GetBytes(OfficialCsv.Render(report)));
        }

        stdout.Write(request.Format switch
        {
            "json" => System.Text.Encoding.UTF8.GetString(ReportJson.Serialize(report)),
            "markdown" => MarkdownRenderer.Render(report),
            _ => TextSummary.Render(report),
        });
        if (request.Format == "text")
        {
            stdout.WriteLine($"Report: {reportPath}");
        }

        if (report.Results.Count == 0)
        {
            stderr.WriteLine($"mlperf-audit: {request.Path}: no MLPerf result was found in the bundle.");
            return (int)ExitCode.InputError;
        }

        return report.AllValid ? (int)ExitCode.Ok : (int)ExitCode.AuditFailed;
    }
}

/// <summary>The values of one <c>check</c> invocation.</summary>
internal sealed record CheckRequest(string Path, string? Round, string OutputFolder, string Format, string? CsvPath);
