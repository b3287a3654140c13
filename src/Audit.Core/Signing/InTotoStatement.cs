using System.Text.Json.Nodes;

namespace MlPerfAudit.Core.Signing;

/// <summary>An in-toto Statement v1 carrying a <see cref="VerificationSummary"/> predicate.</summary>
/// <param name="Subjects">The artifacts the statement is about (ours: the audited bundle), matched by digest.</param>
/// <param name="Predicate">The verification summary.</param>
public sealed record InTotoStatement(IReadOnlyList<StatementSubject> Subjects, VerificationSummary Predicate)
{
    /// <summary>The statement's <c>_type</c>.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The SLSA Verification Summary Attestation predicate type.</summary>
    public const string PredicateType = "https://slsa.dev/verification_summary/v1";

    /// <summary>The canonical JSON bytes of the statement: the DSSE payload.</summary>
    public byte[] ToCanonicalJson()
    {
        var subjects = new JsonArray();
        foreach (var subject in Subjects)
        {
            subjects.Add(new JsonObject
            {
                ["name"] = subject.Name,
                ["digest"] = new JsonObject { ["sha256"] = subject.Sha256 },
            });
        }

        return CanonicalJson.Serialize(new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = subjects,
            ["predicateType"] = PredicateType,
            ["predicate"] = Predicate.ToJson(),
        });
    }
}

/// <summary>One subject of a statement.</summary>
/// <param name="Name">The bundle's file or folder name.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bundle (archive bytes, or the folder manifest).</param>
public sealed record StatementSubject(string Name, string Sha256);

/// <summary>
/// A verification summary in the shape of SLSA's VSA v1 (<c>https://slsa.dev/verification_summary/v1</c>),
/// with one URI-named extension member, <see cref="ExtensionKey"/>, holding the result counts and the
/// digest of the full report (<c>report.json</c>) that travels beside the envelope.
/// </summary>
/// <param name="VerifierId">URI naming the verifier, e.g. <c>https://mlperf-audit.dev/verifier</c>.</param>
/// <param name="ToolName">Name of the verifying tool (key of <c>verifier.version</c>).</param>
/// <param name="ToolVersion">Version of the verifying tool.</param>
/// <param name="TimeVerified">RFC 3339 UTC time of the audit, whole seconds, e.g. <c>2025-01-01T00:00:00Z</c>.</param>
/// <param name="ResourceUri">URI of the audited bundle (its blob URL, or an <c>ni:</c> hash URI locally).</param>
/// <param name="PolicyUri">URI naming the rules suite and round.</param>
/// <param name="PolicySha256">Hex SHA-256 of the rules data.</param>
/// <param name="Passed">True for <c>PASSED</c>, false for <c>FAILED</c>.</param>
/// <param name="VerifiedLevels">Levels verified, e.g. <c>MLPERF_INFERENCE_V5.1_VALID</c>, or <c>FAILED</c>.</param>
/// <param name="Valid">Results judged valid.</param>
/// <param name="Invalid">Results judged invalid.</param>
/// <param name="ReportName">File name of the full report, <c>report.json</c>.</param>
/// <param name="ReportSha256">Hex SHA-256 of the full report's bytes.</param>
public sealed record VerificationSummary(
    string VerifierId,
    string ToolName,
    string ToolVersion,
    string TimeVerified,
    string ResourceUri,
    string PolicyUri,
    string PolicySha256,
    bool Passed,
    IReadOnlyList<string> VerifiedLevels,
    int Valid,
    int Invalid,
    string ReportName,
    string ReportSha256)
{
    /// <summary>URI-named extension member holding counts and the report digest (VSA requires URI-named extensions).</summary>
    public const string ExtensionKey = "https://mlperf-audit.dev/attestation/report/v1";

    /// <summary><c>verificationResult</c> text: <c>PASSED</c> or <c>FAILED</c>.</summary>
    public string VerificationResult => Passed ? "PASSED" : "FAILED";

    /// <summary>The predicate as a JSON tree, member names as the VSA spells them.</summary>
    public JsonObject ToJson()
    {
        var levels = new JsonArray();
        foreach (var level in VerifiedLevels)
        {
            levels.Add(level);
        }

        return new JsonObject
        {
            ["verifier"] = new JsonObject
            {
                ["id"] = VerifierId,
                ["version"] = new JsonObject { [ToolName] = ToolVersion },
            },
            ["timeVerified"] = TimeVerified,
            ["resourceUri"] = ResourceUri,
            ["policy"] = new JsonObject
            {
                ["uri"] = PolicyUri,
                ["digest"] = new JsonObject { ["sha256"] = PolicySha256 },
            },
            ["verificationResult"] = VerificationResult,
            ["verifiedLevels"] = levels,
            [ExtensionKey] = new JsonObject
            {
                ["counts"] = new JsonObject { ["valid"] = Valid, ["invalid"] = Invalid },
                ["report"] = new JsonObject
                {
                    ["name"] = ReportName,
                    ["digest"] = new JsonObject { ["sha256"] = ReportSha256 },
                },
            },
        };
    }
}
