using System.Text;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Signing;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Cli.Tests.Signing;

/// <summary>
/// A report signed by our code through <see cref="ReportSigning"/> (the path <c>check</c> uses), laid out as a
/// reviewer receives it: report.json, report.dsse.json, report.sigstore.json, mlperf-audit.pub.pem, bundle.tar.gz.
/// </summary>
public sealed class SignedReportFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public SignedReportFixture()
    {
        KeyDirectory = _temp.Combine("keys");
        Report = SampleReports.Create(valid: 13, invalid: 1);
        ReportJsonBytes = ReportJson.Serialize(Report);
        Files = ReportSigning.SignAsync(ReportJsonBytes, Report, new ReportSigningOptions { OutputDirectory = Folder, KeyDirectory = KeyDirectory },
            TestClock.At2025)
            .GetAwaiter().GetResult();
        using (var signer = LocalKeyStore.Open(KeyDirectory).GetOrCreateSigner())
        {
            PublicKeyPem = PublicKeyExport.ToPem(signer.PublicKeySpki.Span);
            RawSignature = SignRaw(signer);
        }

        File.WriteAllText(PublicKeyPath, PublicKeyPem, Encoding.ASCII);
        File.WriteAllBytes(BundlePath, SampleReports.BundleBytes);
    }

    public string Folder => _temp.Combine("review");

    public string KeyDirectory { get; }

    public AuditReport Report { get; }

    public byte[] ReportJsonBytes { get; }

    public SignedReportFiles Files { get; }

    public string PublicKeyPem { get; }

    public string PublicKeyPath => Path.Combine(Folder, "mlperf-audit.pub.pem");

    public string BundlePath => Path.Combine(Folder, "bundle.tar.gz");

    public DsseEnvelope Envelope => Files.Attestation.Envelope;

    /// <summary>A raw r‖s signature over the right PAE by the right key.</summary>
    public byte[] RawSignature { get; }

    /// <summary>A fresh folder holding a reviewer's copy of every file, with the envelope replaced by <paramref name="envelopeJson"/>.</summary>
    public string CopyWith(byte[]? envelopeJson = null, byte[]? reportJson = null)
    {
        var folder = _temp.Combine("copy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        if (envelopeJson is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, ReportSigning.EnvelopeFileName), envelopeJson);
        }

        if (reportJson is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, ReportSigning.ReportFileName), reportJson);
        }

        return folder;
    }

    /// <summary>The envelope with payload byte <paramref name="index"/> XOR <paramref name="mask"/>.</summary>
    public byte[] WithPayloadByteFlipped(int index, byte mask = 0x01)
    {
        var payload = Envelope.Payload.ToArray();
        payload[index] ^= mask;
        return DsseJson.Write(Envelope with { Payload = payload });
    }

    /// <summary>The envelope with signature byte <paramref name="index"/> XOR <paramref name="mask"/>.</summary>
    public byte[] WithSignatureByteFlipped(int index, byte mask = 0x01)
    {
        var signature = Envelope.Signatures[0].Signature.ToArray();
        signature[index] ^= mask;
        return DsseJson.Write(Envelope with { Signatures = [Envelope.Signatures[0] with { Signature = signature }] });
    }

    /// <summary>The envelope carrying <see cref="RawSignature"/>.</summary>
    public byte[] WithRawSignature()
        => DsseJson.Write(Envelope with { Signatures = [Envelope.Signatures[0] with { Signature = RawSignature }] });

    /// <summary>Spread-out positions in a buffer of <paramref name="length"/> bytes: both ends, the middle and a stride.</summary>
    public static IEnumerable<int> Positions(int length, int count = 16)
        => Enumerable.Range(0, count).Select(i => (int)((long)i * (length - 1) / (count - 1))).Distinct();

    public void Dispose() => _temp.Dispose();

    private byte[] SignRaw(LocalSigner signer)
    {
        // The local key signs DER; re-sign through the key file to get P1363 for the negative tests.
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(KeyDirectory, signer.KeyId + LocalKeyStore.KeySuffix)));
        return key.SignData(Envelope.PreAuthenticationEncoding(), System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
