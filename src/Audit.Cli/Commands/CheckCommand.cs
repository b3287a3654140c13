using System.CommandLine;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit check PATH</c>: audits a bundle and writes report.json.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Bundle to audit: a folder, .zip or .tar.gz holding a submission tree, a submitter, "
            + "a system or a single result." };
        var round = new Option<string?>("--round") { Description = "Rules round, e.g. v5.1 for inference or 5.1.0 for training (default: inference "
            + "detected from the detail logs' RNG seeds, else v5.1; training: read from the bundle)." };
        var suite = new Option<string>("--suite")
        {
            Description = "Which MLPerf suite the bundle holds (default: detected from its files).", DefaultValueFactory = _ => "auto",
        };
        suite.AcceptOnlyFromAmong("auto", "inference", "training", "sweep");
        var output = new Option<string>("--out") { Description = "Folder for report.json.", DefaultValueFactory = _ => "audit-out" };
        var format = new Option<string>("--format") { Description = "What to print: a short text summary, or the whole report as json or markdown; "
            + "html writes report.html beside report.json and prints the summary.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "html");
        var csv = new Option<string?>("--csv") { Description = "Also write the valid results as CSV in the official checker's --csv layout." };
        var noSign = new Option<bool>("--no-sign") { Description = "Do not sign: write report.json only." };
        var keyDir = new Option<string?>("--key-dir") { Description = "Folder of the local signing key (default ~/.mlperf-audit/keys; a key is "
            + "generated on first use)." };
        var baselines = BaselinesOption.Create();
        var priorLogs = new Option<string[]>("--prior-logs")
        {
            Description = "Prior-logs indexes (written by mlperf-audit index) to compare every inference detail log with: a log of an earlier round "
                + "is an error, one of another result a warning.",
            AllowMultipleArgumentsPerToken = true,
        };
        var verifiedAt = new Option<string?>("--verified-at") { Description = "Time to record as timeVerified (RFC 3339, e.g. 2026-01-01T00:00:00Z), "
            + "to reproduce a signed statement byte for byte. Default: now." };

        var claimOptimal = new Option<string?>("--claim-optimal") { Description = "Sweeps: the configuration claimed optimal, e.g. "
            + "\"MBS=4,TP=1,PP=2,CP=1\"; the report says whether the data supports it." };
        var criterion = new Option<string>("--criterion")
        {
            Description = "Sweeps: what the claimed configuration is optimal at.", DefaultValueFactory = _ => "tokens-per-gpu",
        };
        criterion.AcceptOnlyFromAmong("step-time", "tokens-per-gpu", "memory-headroom");
        var telemetryOffset = new Option<int>("--telemetry-utc-offset") { Description = "Sweeps: minutes to add to nvidia-smi's local time stamps to "
            + "get UTC (default 0: they are UTC)." };

        var timeLimit = TimeLimitOption.Create();

        var command = new Command("check", "Audit MLPerf results against the rules of their round and write report.json.");
        command.Arguments.Add(path);
        command.Options.Add(round);
        command.Options.Add(suite);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(csv);
        command.Options.Add(noSign);
        command.Options.Add(keyDir);
        command.Options.Add(verifiedAt);
        command.Options.Add(baselines);
        command.Options.Add(priorLogs);
        command.Options.Add(claimOptimal);
        command.Options.Add(criterion);
        command.Options.Add(telemetryOffset);
        command.Options.Add(timeLimit);
        command.SetAction((parse, ct) => RunAsync(
            new CheckRequest(parse.GetValue(path)!, parse.GetValue(round), parse.GetValue(output)!, parse.GetValue(format)!, parse.GetValue(csv),
                !parse.GetValue(noSign), parse.GetValue(keyDir), parse.GetValue(verifiedAt), parse.GetValue(suite)!, parse.GetValue(baselines) ?? [])
            {
                ClaimOptimal = parse.GetValue(claimOptimal),
                Criterion = parse.GetValue(criterion)!,
                TelemetryUtcOffsetMinutes = parse.GetValue(telemetryOffset),
                TimeLimit = parse.GetValue(timeLimit),
                PriorLogs = parse.GetValue(priorLogs) ?? [],
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    internal static async Task<int> RunAsync(CheckRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        if (VerificationClock.From(request.VerifiedAt, stderr) is not { } clock
            || TimeLimitOption.Apply(new InferenceAuditOptions { Clock = request.AuditClock }, request.TimeLimit, stderr) is not { } options)
        {
            return (int)ExitCode.Usage;
        }

        var timings = StageTimings.FromEnvironment(stderr);
        // A folder is walked (and its background hashing started) on another core while the options are checked; an
        // archive is opened after them, as extracting it may take long.
        var opening = Directory.Exists(request.Path) ? Task.Run(() => Open(request.Path, options.Limits), ct) : null;
        var inputs = CheckInputs.Load(request, stderr);
        if (inputs.Exit is { } exit)
        {
            Discard(opening);
            return exit;
        }

        var (openedOrNull, error) = opening is null ? Open(request.Path, options.Limits) : await opening.ConfigureAwait(false);
        using var opened = openedOrNull;
        timings.Mark("open (the digest is computed during the audit)");
        if (opened is null)
        {
            stderr.WriteLine($"mlperf-audit: {error!.Message} ({error.Code})");
            return (int)ExitCode.InputError;
        }

        // The report serializer's one-time set-up runs on another core while the audit runs.
        var serializerReady = Task.Run(ReportJson.Prepare, ct);
        AuditReport report;
        try
        {
            if (CheckPlan.Make(request, opened.Bundle, options, inputs.PriorLogs, stderr) is not { } plan)
            {
                return (int)ExitCode.Usage;
            }

            using (var progress = plan.Suite == Suite.Inference ? TerminalProgress.ForConsole(stderr) : null)
            {
                report = SuiteAuditor.Audit(opened, plan with { Progress = progress }, ToolIdentity.Current);
            }

            timings.Mark("audit");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder's files are hashed while it is audited, so a file that cannot be read shows up here.
            stderr.WriteLine($"mlperf-audit: {request.Path}: cannot be read ({ex.Message})");
            return (int)ExitCode.InputError;
        }

        await serializerReady.ConfigureAwait(false);
        return await CheckOutput.WriteAsync(request, report, inputs, clock, timings, stdout, stderr, ct).ConfigureAwait(false);
    }

    private static (OpenedBundle? Opened, InputError? Error) Open(string path, BundleLimits limits)
        => (BundleOpener.Open(path, limits, out var error), error);

    /// <summary>Closes a bundle opened ahead of a usage error.</summary>
    private static void Discard(Task<(OpenedBundle? Opened, InputError? Error)>? opening) => opening?.Result.Opened?.Dispose();
}
