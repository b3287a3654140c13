using System.Text;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Inference.Systems;
using MlPerfAudit.Core.Training.Logs;

namespace MlPerfAudit.Local.Tests.Hostile;

/// <summary>
/// Hostile logs and JSON files read by the real parsers. The outcome names the finding code the calling rule
/// reports for the parser's result (INF-LOG-001 for a detail-log problem, INF-SYS-006 for an unreadable JSON file,
/// INF-JSON-001 for a repeated key, TRN-LOG-001 for a training-log problem) with its line, or "ok".
/// </summary>
public sealed class HostileLogTests
{
    private const int MaxLine = 1024;

    internal sealed record Case(string Name, Func<string> Run, string Expected);

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private static string Detail(byte[] bytes, string? numberKey = null, string? unsignedKey = null)
    {
        var log = DetailLog.Read(new MemoryStream(bytes), "mlperf_log_detail.txt", MaxLine);
        var outcome = log.Problems.Count == 0 ? "ok" : string.Join(' ', log.Problems.Select(p => $"INF-LOG-001@{p.Line}"));
        if (numberKey is not null)
        {
            var v = log.ReadNumber(numberKey);
            outcome += $" {v.State}" + (v.Ok ? $"={v.Value}" : string.Empty);
        }

        if (unsignedKey is not null)
        {
            var v = log.ReadUnsigned(unsignedKey);
            outcome += $" {v.State}" + (v.Ok ? $"={v.Value}" : string.Empty);
        }

        return outcome;
    }

    private static string Json(byte[] bytes, string? wholeNumber = null)
    {
        var json = JsonFile.Read(new MemoryStream(bytes), "system.json", 4096);
        var outcome = json.Error is not null ? $"INF-SYS-006@{json.ErrorLine?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
            : json.HasDuplicateKeys ? "INF-JSON-001" : "ok";
        if (wholeNumber is not null)
        {
            outcome += $" {json.WholeNumber(wholeNumber)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}";
        }

        return outcome;
    }

    private static string Training(byte[] bytes)
    {
        var log = TrainingLogParser.Parse(new MemoryStream(bytes), "result_0.txt", MaxLine);
        return log.Problems.Count == 0 ? $"ok {log.Records.Count}" : string.Join(' ', log.Problems.Select(p => $"TRN-LOG-001@{p.Line}"));
    }

    /// <summary>A signature envelope as <c>verify</c> and <c>render --envelope</c> read it: "unreadable" (exit 2) or "ok".</summary>
    private static string Envelope(byte[] bytes) => Core.Signing.DsseJson.TryRead(bytes, out var error) is null ? Unreadable(error) : "ok";

    /// <summary>A statement signed with the trusted key (so the statement reader is reached), as <c>verify</c> checks it.</summary>
    private static string SignedAndVerified(byte[] statement)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var pae = Core.Signing.Pae.Encode(Core.Signing.DsseEnvelope.InTotoPayloadType, statement);
        var signature = key.SignData(pae, System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        var envelope = Core.Signing.DsseJson.Write(new Core.Signing.DsseEnvelope(Core.Signing.DsseEnvelope.InTotoPayloadType, statement,
            [new Core.Signing.DsseSignature(Core.Signing.KeyIds.Of(spki), signature)]));
        var verdict = Core.Signing.EnvelopeVerifier.Verify(envelope, Core.Signing.PublicKeySet.FromSpki(spki));
        Assert.False(string.IsNullOrEmpty(verdict.Message));
        return verdict.Verified ? "verified" : "not verified";
    }

    /// <summary>A public key file (PEM or JWKS) as <c>verify --key</c> reads it.</summary>
    private static string Keys(byte[] bytes) => Core.Signing.PublicKeySet.TryRead(bytes, out var error) is null ? Unreadable(error) : "ok";

    /// <summary>A published results table as <c>gate --baselines</c> reads it.</summary>
    private static string Table(byte[] bytes)
    {
        var table = Core.Baselines.BaselineLoader.Load(new MemoryStream(bytes), "summary_results.json");
        return table.Errors.Count > 0 && table.Rows.Count == 0 ? Unreadable(table.Errors[0].Message) : "ok";
    }

    /// <summary>A training system description: the finding code the audit reports, or "ok".</summary>
    private static string TrainingSystem(byte[] bytes)
    {
        var findings = new List<Core.Findings.Finding>();
        return Core.Training.SystemDescription.Read(new MemoryStream(bytes), "systems/s.json", findings) is null
            ? string.Join(' ', findings.Select(f => f.Code)) : "ok";
    }

    private static readonly byte[] P256Oid = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>A P-256 public key whose curve OID (1.2.840.10045.3.1.7) is changed to 1.2.840.10061.3.1.7, which no platform knows.</summary>
    private static byte[] UnknownCurveKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var oid = spki.AsSpan().IndexOf(P256Oid);
        Assert.True(oid >= 0);
        spki[oid + 4] = 0x4D;
        return spki;
    }

    private static string Unreadable(string? error)
    {
        Assert.False(string.IsNullOrEmpty(error));
        return "unreadable";
    }

    private const string Good = ":::MLLOG {\"key\": \"result_samples_per_second\", \"value\": 12.5, \"time_ms\": 1.0}";

    internal static readonly Case[] Cases =
    [
        new("detail-line-over-limit", () => Detail(B(Good + "\n:::MLLOG {\"key\": \"x\", \"value\": \"" + new string('a', 2000) + "\"}\n")),
            "INF-LOG-001@2"),
        new("detail-line-over-limit-unterminated", () => Detail(B(":::MLLOG " + new string('a', 5000))), "INF-LOG-001@1"),
        new("detail-invalid-utf8", () => Detail([.. B(":::MLLOG {\"key\": \"a\", \"value\": \""), 0xC3, 0x28, .. B("\"}\n")]), "INF-LOG-001@1"),
        new("detail-nul-in-string", () => Detail(B(":::MLLOG {\"key\": \"a\0\", \"value\": 1}\n")), "INF-LOG-001@1"),
        new("detail-nul-between-tokens", () => Detail(B(":::MLLOG {\"key\": \"a\",\0 \"value\": 1}\n")), "INF-LOG-001@1"),
        new("detail-nul-only-line", () => Detail(B("\0\0\0\n" + Good + "\n")), "ok"),
        new("detail-crlf-and-bom", () => Detail([0xEF, 0xBB, 0xBF, .. B(Good + "\r\n")], numberKey: "result_samples_per_second"), "ok Found=12.5"),
        new("detail-duplicate-member", () => Detail(B(":::MLLOG {\"key\": \"a\", \"value\": 1, \"value\": 2}\n")), "INF-LOG-001@1"),
        new("detail-nan", () => Detail(B(":::MLLOG {\"key\": \"a\", \"value\": NaN}\n")), "INF-LOG-001@1"),
        new("detail-infinity", () => Detail(B(":::MLLOG {\"key\": \"a\", \"value\": Infinity}\n")), "INF-LOG-001@1"),
        new("detail-number-overflows-double", () => Detail(B(":::MLLOG {\"key\": \"a\", \"value\": 1e400}\n"), numberKey: "a"), "ok WrongType"),
        new("detail-seed-beyond-64-bits", () => Detail(B(":::MLLOG {\"key\": \"s\", \"value\": 18446744073709551616}\n"), unsignedKey: "s"),
            "ok WrongType"),
        new("detail-seed-at-64-bits", () => Detail(B(":::MLLOG {\"key\": \"s\", \"value\": 18446744073709551615}\n"), unsignedKey: "s"),
            "ok Found=18446744073709551615"),
        new("detail-integer-array-beyond-64-bits",
            () => Detail(B(":::MLLOG {\"key\": \"s\", \"value\": [99999999999999999999999]}\n"), numberKey: "s"), "ok WrongType"),
        new("detail-wrong-type",
            () => Detail(B(":::MLLOG {\"key\": \"result_samples_per_second\", \"value\": \"fast\"}\n"), numberKey: "result_samples_per_second"),
            "ok WrongType"),
        new("detail-key-not-a-string", () => Detail(B(":::MLLOG {\"key\": 7, \"value\": 1}\n")), "INF-LOG-001@1"),
        new("detail-not-an-object", () => Detail(B(":::MLLOG [1, 2]\n")), "INF-LOG-001@1"),
        new("detail-trailing-data", () => Detail(B(":::MLLOG {\"key\": \"a\", \"value\": 1} x\n")), "INF-LOG-001@1"),
        new("detail-deep-nesting", () => Detail(B(":::MLLOG {\"key\": \"a\", \"value\": " + new string('[', 100) + new string(']', 100) + "}\n")),
            "INF-LOG-001@1"),
        new("detail-empty-file", () => Detail([], numberKey: "result_samples_per_second"), "ok Missing"),
        new("detail-cut-mid-line", () => Detail(B(Good + "\n:::MLLOG {\"key\": \"result_validity\", \"val")), "INF-LOG-001@2"),
        new("json-duplicate-key", () => Json(B("{\"a\": 1, \"a\": 2}")), "INF-JSON-001"),
        new("json-nan", () => Json(B("{\"a\": NaN}")), "INF-SYS-006@1"),
        new("json-infinity", () => Json(B("{\"a\": -Infinity}")), "INF-SYS-006@1"),
        new("json-number-beyond-64-bits", () => Json(B("{\"n\": 123456789012345678901234567890}"), "n"), "ok null"),
        new("json-wrong-type", () => Json(B("{\"n\": [4]}"), "n"), "ok null"),
        new("json-number-as-string", () => Json(B("{\"n\": \" 4 \"}"), "n"), "ok 4"),
        new("json-empty-file", () => Json([]), "INF-SYS-006@1"),
        new("json-bom", () => Json([0xEF, 0xBB, 0xBF, .. B("{\"n\": 4}")], "n"), "INF-SYS-006@1 null"),
        new("json-crlf", () => Json(B("{\r\n\"n\": 4\r\n}\r\n"), "n"), "ok 4"),
        new("json-invalid-utf8-line-2", () => Json([.. B("{\n\"a\": \""), 0xC0, 0xAF, .. B("\"}")]), "INF-SYS-006@2"),
        new("json-invalid-utf8", () => Json([.. B("{\"a\": \""), 0xFF, .. B("\"}")]), "INF-SYS-006@1"),
        new("json-nul-byte", () => Json(B("{\"a\": 1}\0")), "INF-SYS-006@1"),
        new("json-error-on-line-3", () => Json(B("{\n\"a\": 1,\n\"b\": }\n")), "INF-SYS-006@3"),
        new("json-top-level-array", () => Json(B("[1]")), "INF-SYS-006@1"),
        new("json-over-size-limit", () => Json(B("{\"a\": \"" + new string('x', 5000) + "\"}")), "INF-SYS-006@-"),
        new("json-deep-nesting", () => Json(B("{\"a\": " + new string('[', 100) + new string(']', 100) + "}")), "INF-SYS-006@1"),
        new("training-line-over-limit", () => Training(B("x :::MLLOG {\"key\": \"a\", \"value\": \"" + new string('a', 2000) + "\"}\n")),
            "TRN-LOG-001@1"),
        new("training-cut-mid-line",
            () => Training(B("x :::MLLOG {\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"metadata\": {}}\nx :::MLLOG {\"key\": \"b\", \"va")),
            "TRN-LOG-001@2"),
        new("training-invalid-utf8", () => Training([.. B("x :::MLLOG {\"key\": \""), 0xFF, .. B("\", \"value\": 1}\n")]), "TRN-LOG-001@1"),
        new("training-crlf-bom-prefix",
            () => Training([0xEF, 0xBB, 0xBF, .. B("0: :::MLLOG {\"key\": \"a\", \"value\": 1, \"time_ms\": 1, \"metadata\": {}}\r\n")]), "ok 1"),
        new("dsse-invalid-utf8-in-payload-type",
            () => Envelope([.. B("{\"payloadType\": \"application/vnd.in-toto+json"), 0xA7, .. B("\", \"payload\": \"e30=\", \"signatures\": []}")]),
            "unreadable"),
        new("dsse-invalid-utf8-in-key-id",
            () => Envelope(
            [.. B("{\"payloadType\": \"a\", \"payload\": \"e30=\", \"signatures\": [{\"keyid\": \""), 0xC3, .. B("\", \"sig\": \"AA==\"}]}")]),
            "unreadable"),
        new("dsse-not-an-object", () => Envelope(B("[]")), "unreadable"),
        new("jwks-invalid-utf8-in-kid",
            () => Keys([.. B("{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"kid\": \""), 0xFF, .. B("\", \"x\": \"AA\", \"y\": \"AA\"}]}")]),
            "unreadable"),
        new("pem-noise", () => Keys(B("-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----\n")), "unreadable"),
        new("dsse-signed-statement-invalid-utf8", () => SignedAndVerified([.. B("{\"_type\": \"https://in-toto.io/Statement/v1"), 0xFF, .. B("\"}")]),
            "not verified"),
        new("pem-unknown-curve", () => Keys(B(Core.Signing.PublicKeyExport.ToPem(UnknownCurveKey()))), "unreadable"),
        new("baseline-invalid-utf8-in-string", () => Table([.. B("[{\"Submitter\": \"A"), 0xB5, .. B("\"}]")]), "unreadable"),
        new("baseline-csv-repeated-column", () => Table(B("round,round,submitter\n5.1,5.1,A\n")), "unreadable"),
        new("training-system-invalid-utf8-in-string", () => TrainingSystem([.. B("{\"submitter\": \"A"), 0x83, .. B("\"}")]), "TRN-SYS-004"),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Read_WhenLogIsHostile_GivesTheDocumentedOutcome(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        Assert.Equal(c.Expected, c.Run());
    }

    [Fact]
    public void Read_WhenDetailLogIsCutMidLine_SaysSoInTheProblem()
    {
        var log = DetailLog.Read(new MemoryStream(B(Good + "\n:::MLLOG {\"key\": \"a\", \"va")), "d.txt", MaxLine);
        Assert.Contains("ends in the middle", Assert.Single(log.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_AreListedOnceEachInTheReadme()
    {
        var table = HostileReadme.Table();
        foreach (var c in Cases)
        {
            Assert.True(table.TryGetValue(c.Name, out var expected), $"{c.Name} is missing from README.md");
            Assert.Equal(c.Expected, expected);
        }

        Assert.Equal(table.Count, Cases.Length + HostileArchiveTests.Cases.Length + HostileSweepTests.Cases.Length);
    }
}
