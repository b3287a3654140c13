using System.CommandLine;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Reports.Html;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Files;

namespace MlPerfAudit.Cli.Commands;

/// <summary>
/// <c>mlperf-audit render report.json --format html|markdown [--envelope E --key K] [--out FILE]</c>: renders an existing
/// report without auditing again. With an envelope and a key the signature is verified and its outcome shown on the page.
/// Exit 0 rendered (and, when an envelope was given with a key, verified); 1 the envelope did not verify (the page is
/// still written, and says so); 2 an input cannot be read; 64 bad usage.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var report = new Argument<string>("report") { Description = "The report to render (report.json written by check)." };
        var format = new Option<string>("--format") { Description = "html: one self-contained page; markdown: a summary for a pull request or "
            + "release checklist.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "markdown");
        var envelope = new Option<string?>("--envelope") { Description = "The report's DSSE envelope (report.dsse.json), to show and check its "
            + "signature." };
        var key = new Option<string?>("--key") { Description = "Trusted public key(s), PEM or JWKS, to verify --envelope with." };
        var baselines = BaselinesOption.Create();
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)." };
        var command = new Command("render", "Render an existing report.json as HTML or Markdown, without auditing again.")
        {
            report, format, envelope, key, output, baselines,
        };
        command.SetAction(parse => (int)Run(
            new RenderRequest(parse.GetValue(report)!, parse.GetValue(format)!, parse.GetValue(envelope), parse.GetValue(key),
                parse.GetValue(output), parse.GetValue(baselines) ?? []),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Renders the report as asked.</summary>
    public static ExitCode Run(RenderRequest request, TextWriter output, TextWriter error)
    {
        if (request.KeyPath is not null && request.EnvelopePath is null)
        {
            error.WriteLine("mlperf-audit: render: --key needs --envelope (the signature to verify).");
            return ExitCode.Usage;
        }

        var reportBytes = Read(request.ReportPath, "report", error);
        if (reportBytes is null)
        {
            return ExitCode.InputError;
        }

        AuditReport report;
        try
        {
            report = ReportJson.Deserialize(reportBytes);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            error.WriteLine($"mlperf-audit: render: {request.ReportPath}{where}: not an MLPerf Audit report ({FirstSentence(ex.Message)})");
            return ExitCode.InputError;
        }

        var (signature, verified, failed) = CheckSignature(request, reportBytes, error);
        if (failed)
        {
            return ExitCode.InputError;
        }

        var comparisons = BaselinesOption.Load(request.Baselines ?? [], error);
        if (comparisons is null)
        {
            return ExitCode.InputError;
        }

        var options = new ReportViewOptions
        {
            Signature = signature,
            Comparisons = comparisons,
            ComparisonSource = request.Baselines is { Count: > 0 } b ? string.Join(", ", b.Select(Path.GetFileName)) : null,
        };
        var text = request.Format == "markdown" ? MarkdownRenderer.Render(report, options) : HtmlRenderer.Render(report, options);
        if (!Emit(request, text, signature, output, error))
        {
            return ExitCode.InputError;
        }

        return verified ? ExitCode.Ok : ExitCode.AuditFailed;
    }

    /// <summary>
    /// The signature status for the page: not signed, present but not checked (no --key), verified or failed. Failed is true
    /// (after a message on <paramref name="error"/>) when the envelope or key cannot be read.
    /// </summary>
    private static (SignatureSummary Summary, bool Verified, bool Failed) CheckSignature(RenderRequest request, byte[] reportBytes, TextWriter error)
    {
        var unsigned = new SignatureSummary(SignatureStatus.NotSigned, null, null);
        if (request.EnvelopePath is not { } envelopePath)
        {
            return (unsigned, true, false);
        }

        var envelopeBytes = Read(envelopePath, "envelope", error);
        if (envelopeBytes is null)
        {
            return (unsigned, false, true);
        }

        var envelopeName = Path.GetFileName(envelopePath);
        if (request.KeyPath is null)
        {
            var notChecked = new SignatureSummary(SignatureStatus.NotChecked, KeyIdOf(envelopeBytes), envelopeName, "render was not given --key");
            return (notChecked, true, false);
        }

        var keyBytes = Read(request.KeyPath, "key", error);
        if (keyBytes is null)
        {
            return (unsigned, false, true);
        }

        var keys = PublicKeySet.TryRead(keyBytes, out var keyError);
        if (keys is null)
        {
            error.WriteLine($"mlperf-audit: render: {request.KeyPath}: no usable public key ({keyError})");
            return (unsigned, false, true);
        }

        var result = EnvelopeVerifier.Verify(envelopeBytes, keys, reportBytes, bundleSha256: null);
        if (result.Failure == VerificationFailure.EnvelopeUnreadable)
        {
            error.WriteLine($"mlperf-audit: render: {envelopePath}: {result.Message}");
            return (unsigned, false, true);
        }

        if (!result.Verified)
        {
            error.WriteLine($"not verified: {envelopePath}: {result.Message}");
            var failed = new SignatureSummary(
                SignatureStatus.VerificationFailed, result.KeyId ?? KeyIdOf(envelopeBytes), envelopeName, result.Message);
            return (failed, false, false);
        }

        return (new SignatureSummary(SignatureStatus.Verified, result.KeyId, envelopeName,
            $"signature checked with {Path.GetFileName(request.KeyPath)}; the signed report digest matches this report.json"), true, false);
    }

    /// <summary>Writes the page to --out (printing where) or prints it; false after a message when the file cannot be written.</summary>
    private static bool Emit(RenderRequest request, string text, SignatureSummary signature, TextWriter output, TextWriter error)
    {
        if (request.OutputPath is not { } path)
        {
            output.Write(text);
            return true;
        }

        try
        {
            AtomicFile.Write(path, Encoding.UTF8.GetBytes(text));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mlperf-audit: render: {path}: cannot be written ({ex.Message})");
            return false;
        }

        output.WriteLine($"{(request.Format == "markdown" ? "Markdown" : "HTML")}: {path} (signature: {HtmlRenderer.SignatureText(signature)})");
        return true;
    }

    /// <summary>The first signature's key id, read with the strict envelope reader (which never throws), or null.</summary>
    private static string? KeyIdOf(byte[] envelopeBytes)
        => Core.Signing.DsseJson.TryRead(envelopeBytes, out _) is { Signatures.Count: > 0 } envelope ? envelope.Signatures[0].KeyId : null;

    private static byte[]? Read(string path, string what, TextWriter error)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"mlperf-audit: render: {what} {path}: cannot be read ({ex.Message})");
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}

/// <summary>The inputs of <c>render</c>.</summary>
/// <param name="ReportPath">Path of report.json.</param>
/// <param name="Format">html or markdown.</param>
/// <param name="EnvelopePath">Path of the DSSE envelope, when given.</param>
/// <param name="KeyPath">Path of the trusted PEM or JWKS, when given.</param>
/// <param name="OutputPath">File to write; null prints to standard output.</param>
/// <param name="Baselines">Published results tables to plot beside the audited results.</param>
internal sealed record RenderRequest(
    string ReportPath, string Format, string? EnvelopePath, string? KeyPath, string? OutputPath, IReadOnlyList<string>? Baselines = null);
