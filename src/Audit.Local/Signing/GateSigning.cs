using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Signing;
using NodaTime;

namespace MlPerfAudit.Local.Signing;

/// <summary>
/// Signs a gate report like an audit report: writes <c>gate.json</c>, <c>gate.dsse.json</c> and <c>gate.sigstore.json</c>
/// (envelope first, report last) with the options of <see cref="ReportSigningOptions"/>.
/// </summary>
public static class GateSigning
{
    /// <summary>File name of the full gate report.</summary>
    public const string ReportFileName = ReportAttestation.GateReportFileName;

    /// <summary>File name of the DSSE envelope.</summary>
    public const string EnvelopeFileName = "gate.dsse.json";

    /// <summary>File name of the Sigstore bundle.</summary>
    public const string SigstoreBundleFileName = "gate.sigstore.json";

    /// <summary>Signs with the local key folder's current key (generated on first use).</summary>
    /// <param name="gateJson">The gate report bytes (<see cref="ClaimsJson.Serialize(GateReport)"/>).</param>
    /// <param name="report">The report those bytes hold.</param>
    /// <param name="options">Where to write and which key folder.</param>
    /// <param name="clock">Source of <c>timeVerified</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    /// <exception cref="KeyStoreException">The key folder cannot be used.</exception>
    public static async Task<SignedReportFiles> SignAsync(
        ReadOnlyMemory<byte> gateJson, GateReport report, ReportSigningOptions options, IClock clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid gate signing options: " + string.Join("; ", errors), nameof(options));
        }

        using var signer = LocalKeyStore.Open(options.KeyDirectory).GetOrCreateSigner();
        var resourceUri = options.ResourceUri ?? ReportAttestation.HashResourceUri(report.Claims.Sha256);
        var attestation = await ReportAttestation.CreateGateAsync(gateJson, report, resourceUri, signer, clock.GetCurrentInstant(), ct)
            .ConfigureAwait(false);

        return await ReportSigning.WriteAsync(
            options, ReportFileName, EnvelopeFileName, SigstoreBundleFileName, gateJson, attestation, signer.KeyId, ct).ConfigureAwait(false);
    }
}
