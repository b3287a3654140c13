using System.CommandLine;
using System.Security.Cryptography;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Cli.Commands;

/// <summary>
/// <c>mlperf-audit verify ENVELOPE --key PEM|JWKS [--report report.json] [--bundle PATH]</c>: checks a report
/// envelope offline. Exit 0 verified, 1 not verified (with the reason), 2 unreadable input.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var envelope = new Argument<string>("envelope") { Description = "The DSSE envelope, e.g. report.dsse.json." };
        var key = new Option<string>("--key")
        {
            Description = "Trusted public key(s): a PEM file (one or more PUBLIC KEY blocks) or a JWKS; the key is picked by kid.",
            Required = true,
        };
        var report = new Option<string?>("--report") { Description = "The full report (report.json) to check against the signed digest." };
        var bundle = new Option<string?>("--bundle") { Description = "The audited bundle (archive or folder) to check against the statement's "
            + "subject." };
        var command = new Command("verify", "Verify a signed report envelope offline.") { envelope, key, report, bundle };
        command.SetAction(parse => (int)Run(
            new VerifyRequest(parse.GetValue(envelope)!, parse.GetValue(key)!, parse.GetValue(report), parse.GetValue(bundle)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the verification and prints the outcome.</summary>
    public static ExitCode Run(VerifyRequest request, TextWriter output, TextWriter error)
    {
        var envelopeBytes = ReadFile(request.EnvelopePath, "envelope", error);
        var keyBytes = ReadFile(request.KeyPath, "key", error);
        var reportBytes = request.ReportPath is null ? null : ReadFile(request.ReportPath, "report", error);
        if (envelopeBytes is null || keyBytes is null || (request.ReportPath is not null && reportBytes is null))
        {
            return ExitCode.InputError;
        }

        var keys = PublicKeySet.TryRead(keyBytes, out var keyError);
        if (keys is null)
        {
            error.WriteLine($"mlperf-audit: verify: {request.KeyPath}: no usable public key ({keyError})");
            return ExitCode.InputError;
        }

        string? bundleSha256 = null;
        if (request.BundlePath is not null)
        {
            bundleSha256 = BundleSha256(request.BundlePath, error);
            if (bundleSha256 is null)
            {
                return ExitCode.InputError;
            }
        }

        var result = EnvelopeVerifier.Verify(envelopeBytes, keys, reportBytes, bundleSha256);
        if (result.Failure == VerificationFailure.EnvelopeUnreadable)
        {
            error.WriteLine($"mlperf-audit: verify: {request.EnvelopePath}: {result.Message}");
            return ExitCode.InputError;
        }

        if (!result.Verified)
        {
            error.WriteLine($"not verified: {request.EnvelopePath}: {result.Message}");
            return ExitCode.AuditFailed;
        }

        var summary = result.Summary!;
        output.WriteLine($"verified: {request.EnvelopePath}");
        output.WriteLine($"  key:     {result.KeyId}");
        foreach (var subject in summary.Subjects)
        {
            output.WriteLine($"  subject: {subject.Name} sha256:{subject.Sha256}");
        }

        output.WriteLine($"  result:  {summary.VerificationResult} ({summary.PolicyUri}, {summary.TimeVerified})");
        output.WriteLine($"  report:  {(reportBytes is null ? "not checked (no --report)" : "sha256 matches")}");
        output.WriteLine($"  bundle:  {(bundleSha256 is null ? "not checked (no --bundle)" : "sha256 matches")}");
        return ExitCode.Ok;
    }

    private static byte[]? ReadFile(string path, string what, TextWriter error)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"mlperf-audit: verify: {what} {path}: cannot be read ({ex.Message})");
            return null;
        }
    }

    private static string? BundleSha256(string path, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            using var opened = BundleOpener.Open(path, BundleLimits.Default, out var inputError);
            if (opened is null)
            {
                error.WriteLine($"mlperf-audit: verify: bundle {inputError!.Message}");
                return null;
            }

            return opened.Sha256;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"mlperf-audit: verify: bundle {path}: cannot be read ({ex.Message})");
            return null;
        }
    }
}

/// <summary>The inputs of <c>verify</c>.</summary>
/// <param name="EnvelopePath">Path of the envelope.</param>
/// <param name="KeyPath">Path of the PEM or JWKS.</param>
/// <param name="ReportPath">Path of report.json, when given.</param>
/// <param name="BundlePath">Path of the bundle, when given.</param>
internal sealed record VerifyRequest(string EnvelopePath, string KeyPath, string? ReportPath, string? BundlePath);
