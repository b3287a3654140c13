using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using NodaTime;

namespace MlPerfAudit.Local.Signing;

/// <summary>What <see cref="ReportSigning"/> writes and with which key. Validate once with <see cref="Validate"/>.</summary>
public sealed record ReportSigningOptions
{
    /// <summary>Folder that receives <c>report.json</c>, <c>report.dsse.json</c> and <c>report.sigstore.json</c>; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Local key folder; null means <see cref="LocalKeyStore.DefaultDirectory"/>. Ignored when a signer is passed.</summary>
    public string? KeyDirectory { get; init; }

    /// <summary>Absolute URI of the bundle (its blob URL); null means the RFC 6920 hash URI of its digest, which keeps local statements
    /// path-independent.</summary>
    public string? ResourceUri { get; init; }

    /// <summary>Also write the envelope as a Sigstore bundle v0.3 (<c>report.sigstore.json</c>). Default true.</summary>
    public bool WriteSigstoreBundle { get; init; } = true;

    /// <summary>Every problem with these options, all at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("OutputDirectory: required");
        }
        else if (File.Exists(OutputDirectory))
        {
            errors.Add($"OutputDirectory: '{OutputDirectory}' is a file");
        }

        if (KeyDirectory is not null && (string.IsNullOrWhiteSpace(KeyDirectory) || File.Exists(KeyDirectory)))
        {
            errors.Add($"KeyDirectory: '{KeyDirectory}' is not a usable folder path");
        }

        if (ResourceUri is not null && !Uri.TryCreate(ResourceUri, UriKind.Absolute, out _))
        {
            errors.Add($"ResourceUri: '{ResourceUri}' is not an absolute URI");
        }

        return errors;
    }
}

/// <summary>The files written by <see cref="ReportSigning"/>.</summary>
/// <param name="ReportPath">Path of <c>report.json</c> (the exact bytes the statement binds).</param>
/// <param name="EnvelopePath">Path of <c>report.dsse.json</c>.</param>
/// <param name="SigstoreBundlePath">Path of <c>report.sigstore.json</c>, when written.</param>
/// <param name="KeyId">The signing key's id (hex SHA-256 of its SPKI).</param>
/// <param name="Attestation">The statement and envelope bytes.</param>
public sealed record SignedReportFiles(
    string ReportPath, string EnvelopePath, string? SigstoreBundlePath, string KeyId, SignedAttestation Attestation);

/// <summary>
/// The one call the <c>check</c> command (and the Functions app) makes to sign a report: writes <c>report.json</c>
/// with the given bytes, then <c>report.dsse.json</c> and, by default, <c>report.sigstore.json</c> beside it.
/// </summary>
public static class ReportSigning
{
    /// <summary>File name of the full report.</summary>
    public const string ReportFileName = ReportAttestation.ReportFileName;

    /// <summary>File name of the DSSE envelope.</summary>
    public const string EnvelopeFileName = "report.dsse.json";

    /// <summary>File name of the Sigstore bundle wrapping the same envelope.</summary>
    public const string SigstoreBundleFileName = "report.sigstore.json";

    /// <summary>Signs with the local key folder's current key (generated on first use).</summary>
    /// <param name="reportJson">The report bytes, e.g. <see cref="ReportJson.Serialize"/> of <paramref name="report"/>.</param>
    /// <param name="report">The report those bytes hold.</param>
    /// <param name="options">Where to write and which key folder.</param>
    /// <param name="clock">Source of <c>timeVerified</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    /// <exception cref="KeyStoreException">The key folder cannot be used.</exception>
    public static async Task<SignedReportFiles> SignAsync(
        ReadOnlyMemory<byte> reportJson,
        AuditReport report,
        ReportSigningOptions options,
        IClock clock,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);
        using var signer = LocalKeyStore.Open(options.KeyDirectory).GetOrCreateSigner();
        return await SignAsync(reportJson, report, signer, options, clock, ct).ConfigureAwait(false);
    }

    /// <summary>Signs with any <see cref="ISigner"/> (e.g. Key Vault); <see cref="ReportSigningOptions.KeyDirectory"/> is ignored.</summary>
    /// <param name="reportJson">The report bytes.</param>
    /// <param name="report">The report those bytes hold.</param>
    /// <param name="signer">The signing key.</param>
    /// <param name="options">Where to write.</param>
    /// <param name="clock">Source of <c>timeVerified</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<SignedReportFiles> SignAsync(
        ReadOnlyMemory<byte> reportJson,
        AuditReport report,
        ISigner signer,
        ReportSigningOptions options,
        IClock clock,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ThrowIfInvalid(options);

        var resourceUri = options.ResourceUri ?? ReportAttestation.HashResourceUri(report.Bundle.Sha256);
        var attestation = await ReportAttestation.CreateAsync(reportJson, report, resourceUri, signer, clock.GetCurrentInstant(), ct)
            .ConfigureAwait(false);

        return await WriteAsync(options, ReportFileName, EnvelopeFileName, SigstoreBundleFileName, reportJson, attestation, signer.KeyId, ct)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a signed document beside its envelope (and Sigstore bundle). Everything is staged first; the envelope
    /// lands before the document it signs, so a document is never left beside a stale or missing signature.
    /// </summary>
    internal static async Task<SignedReportFiles> WriteAsync(ReportSigningOptions options, string documentName, string envelopeName,
        string bundleName, ReadOnlyMemory<byte> document, SignedAttestation attestation, string keyId, CancellationToken ct)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var reportPath = Path.Combine(options.OutputDirectory, documentName);
        var envelopePath = Path.Combine(options.OutputDirectory, envelopeName);
        string? bundlePath = options.WriteSigstoreBundle ? Path.Combine(options.OutputDirectory, bundleName) : null;
        var files = new List<(string, ReadOnlyMemory<byte>)> { (envelopePath, attestation.EnvelopeJson) };
        if (bundlePath is not null)
        {
            files.Add((bundlePath, attestation.SigstoreBundleJson));
        }

        files.Add((reportPath, document));
        await Files.AtomicFile.WriteAllAsync(files, ct).ConfigureAwait(false);
        return new SignedReportFiles(reportPath, envelopePath, bundlePath, keyId, attestation);
    }

    private static void ThrowIfInvalid(ReportSigningOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid report signing options: " + string.Join("; ", errors), nameof(options));
        }
    }
}
