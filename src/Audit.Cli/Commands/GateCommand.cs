using System.CommandLine;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Local.Gate;
using MlPerfAudit.Local.Signing;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit gate CLAIMS --evidence PATH... [--baselines FILE...]</c>: checks public claims against audited results and published
/// tables.</summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var claims = new Argument<string>("claims") { Description = "Claims file (JSON; schemas/claims.schema.json)." };
        var evidence = new Option<string[]>("--evidence") { Description = "Bundles to audit (folder, .zip, .tar.gz) or audit reports (report.json) "
            + "the claims rest on.", AllowMultipleArgumentsPerToken = true };
        var baselines = new Option<string[]>("--baselines") { Description = "Published tables: inference summary_results.json, training summary.json "
            + "or score CSV.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder for gate.json (and its signature).", DefaultValueFactory = _ => "gate-out" };
        var format = new Option<string>("--format")
        {
            Description = "What to print: text, or the whole gate report as json or markdown.", DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var noSign = new Option<bool>("--no-sign") { Description = "Do not sign: write gate.json only." };
        var keyDir = new Option<string?>("--key-dir") { Description = "Folder of the local signing key (default ~/.mlperf-audit/keys)." };
        var verifiedAt = new Option<string?>("--verified-at") { Description = "Time to record as timeVerified (RFC 3339 UTC). Default: now." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a claim is blocked (block), or also when one warns (warn).",
            DefaultValueFactory = _ => "block",
        };
        failOn.AcceptOnlyFromAmong("block", "warn");
        var annotate = new Option<string?>("--annotate") { Description = "Also print CI annotations at each claim's line: github or azure." };
        annotate.AcceptOnlyFromAmong("github", "azure");
        var summary = new Option<string?>("--summary") { Description = "Append the Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)." };

        var command = new Command("gate", "Check public performance claims against audited results and published baselines; exit 1 when a claim is "
            + "blocked.");
        command.Arguments.Add(claims);
        command.Options.Add(evidence);
        command.Options.Add(baselines);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(noSign);
        command.Options.Add(keyDir);
        command.Options.Add(verifiedAt);
        command.Options.Add(failOn);
        command.Options.Add(annotate);
        command.Options.Add(summary);
        command.SetAction((parse, ct) => RunAsync(
            new GateRequest(parse.GetValue(claims)!, parse.GetValue(evidence) ?? [], parse.GetValue(baselines) ?? [], parse.GetValue(output)!,
                parse.GetValue(format)!, !parse.GetValue(noSign), parse.GetValue(keyDir), parse.GetValue(verifiedAt),
                parse.GetValue(failOn) == "warn", parse.GetValue(annotate), parse.GetValue(summary)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    internal static async Task<int> RunAsync(GateRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        if (VerificationClock.From(request.VerifiedAt, stderr) is not { } clock)
        {
            return (int)ExitCode.Usage;
        }

        if (request.Evidence.Count == 0 && request.Baselines.Count == 0)
        {
            stderr.WriteLine("mlperf-audit: gate needs --evidence PATH... and/or --baselines FILE... to check the claims against");
            return (int)ExitCode.Usage;
        }

        var loaded = GateInputLoader.Load(
            request.ClaimsPath, request.Evidence, request.Baselines, ToolIdentity.Current, NodaTime.SystemClock.Instance);
        if (loaded.Inputs is null)
        {
            foreach (var error in loaded.Errors)
            {
                stderr.WriteLine($"mlperf-audit: {error}");
            }

            return (int)ExitCode.InputError;
        }

        var report = ClaimGate.Run(loaded.Inputs, ToolIdentity.Current);
        var bytes = ClaimsJson.Serialize(report);
        var reportPath = Path.Combine(request.OutputFolder, GateSigning.ReportFileName);
        var (written, signedWith) = await SignedOutput.WriteAsync(
            request.Sign, request.OutputFolder, request.KeyDirectory, GateSigning.ReportFileName,
            bytes, options => GateSigning.SignAsync(bytes, report, options, clock, ct), stderr).ConfigureAwait(false);
        if (!written)
        {
            return (int)ExitCode.InputError;
        }

        stdout.Write(request.Format switch
        {
            "json" => System.Text.Encoding.UTF8.GetString(bytes),
            "markdown" => GateText.RenderMarkdown(report),
            _ => GateText.Render(report),
        });
        if (request.Format == "text")
        {
            stdout.WriteLine(signedWith is null
                ? $"Gate report: {reportPath} (not signed)"
                : $"Gate report: {reportPath}, signed in {Path.Combine(request.OutputFolder, GateSigning.EnvelopeFileName)} (key {signedWith})");
        }

        if (request.Annotate is { } ci)
        {
            stdout.Write(GateAnnotations.Render(report, request.ClaimsPath, ci == "azure" ? CiSystem.AzurePipelines : CiSystem.GitHub));
        }

        if (request.SummaryPath is { } summaryPath && !AppendSummary(summaryPath, report, stderr))
        {
            return (int)ExitCode.InputError;
        }

        var failed = !report.NothingBlocked || (request.FailOnWarn && report.Summary.Warn > 0);
        return failed ? (int)ExitCode.AuditFailed : (int)ExitCode.Ok;
    }

    private static bool AppendSummary(string path, GateReport report, TextWriter stderr)
    {
        try
        {
            File.AppendAllText(path, GateText.RenderMarkdown(report) + "\n");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"mlperf-audit: {path}: cannot append the summary ({ex.Message})");
            return false;
        }
    }
}

/// <summary>The values of one <c>gate</c> invocation.</summary>
/// <param name="ClaimsPath">Claims file, as given (annotations name it).</param>
/// <param name="Evidence">Bundles or report.json files.</param>
/// <param name="Baselines">Published tables.</param>
/// <param name="OutputFolder">Folder for gate.json and its signature.</param>
/// <param name="Format">text, json or markdown.</param>
/// <param name="Sign">Sign the report with the local key.</param>
/// <param name="KeyDirectory">Folder of the local key; null for the default.</param>
/// <param name="VerifiedAt">timeVerified to record (RFC 3339); null for now.</param>
/// <param name="FailOnWarn">Exit 1 also when a claim warns (<c>--fail-on warn</c>).</param>
/// <param name="Annotate">CI annotations to print: <c>github</c>, <c>azure</c>, or null.</param>
/// <param name="SummaryPath">File to append the Markdown summary to, or null.</param>
internal sealed record GateRequest(
    string ClaimsPath, IReadOnlyList<string> Evidence, IReadOnlyList<string> Baselines, string OutputFolder, string Format,
    bool Sign = false, string? KeyDirectory = null, string? VerifiedAt = null, bool FailOnWarn = false, string? Annotate = null,
    string? SummaryPath = null);
