using System.CommandLine;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Local.Gate;
using MlPerfAudit.Local.Signing;

namespace MlPerfAudit.Cli.Commands;

/// <summary><c>mlperf-audit gate CLAIMS --evidence PATH... [--baselines FILE...]</c>: checks public claims against audited results and published tables.</summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var claims = new Argument<string>("claims") { Description = "Claims file (JSON; schemas/claims.schema.json)." };
        var evidence = new Option<string[]>("--evidence") { Description = "Bundles to audit (folder, .zip, .tar.gz) or audit reports (report.json) the claims rest on.", AllowMultipleArgumentsPerToken = true };
        var baselines = new Option<string[]>("--baselines") { Description = "Published tables: inference summary_results.json, training summary.json or score CSV.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder for gate.json (and its signature).", DefaultValueFactory = _ => "gate-out" };
        var format = new Option<string>("--format") { Description = "What to print: text, or the whole gate report as json or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var noSign = new Option<bool>("--no-sign") { Description = "Do not sign: write gate.json only." };
        var keyDir = new Option<string?>("--key-dir") { Description = "Folder of the local signing key (default ~/.mlperf-audit/keys)." };
        var verifiedAt = new Option<string?>("--verified-at") { Description = "Time to record as timeVerified (RFC 3339 UTC). Default: now." };

        var command = new Command("gate", "Check public performance claims against audited results and published baselines; exit 1 when a claim is blocked.");
        command.Arguments.Add(claims);
        command.Options.Add(evidence);
        command.Options.Add(baselines);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(noSign);
        command.Options.Add(keyDir);
        command.Options.Add(verifiedAt);
        command.SetAction((parse, ct) => RunAsync(
            new GateRequest(parse.GetValue(claims)!, parse.GetValue(evidence) ?? [], parse.GetValue(baselines) ?? [], parse.GetValue(output)!,
                parse.GetValue(format)!, !parse.GetValue(noSign), parse.GetValue(keyDir), parse.GetValue(verifiedAt)),
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

        var loaded = GateInputLoader.Load(request.ClaimsPath, request.Evidence, request.Baselines, ToolIdentity.Current, NodaTime.SystemClock.Instance);
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
        var (written, signedWith) = await SignedOutput.WriteAsync(request.Sign, request.OutputFolder, request.KeyDirectory, GateSigning.ReportFileName,
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

        return report.NothingBlocked ? (int)ExitCode.Ok : (int)ExitCode.AuditFailed;
    }
}

/// <summary>The values of one <c>gate</c> invocation.</summary>
internal sealed record GateRequest(string ClaimsPath, IReadOnlyList<string> Evidence, IReadOnlyList<string> Baselines, string OutputFolder, string Format,
    bool Sign = false, string? KeyDirectory = null, string? VerifiedAt = null);
