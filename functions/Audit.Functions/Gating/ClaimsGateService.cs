using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Azure.Storage;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Auditing;

namespace MlPerfAudit.Functions.Gating;

/// <summary>Where the GateClaims function finds the published tables.</summary>
/// <param name="BaselinesContainer">Container holding the tables (setting <c>AUDIT_BASELINES_CONTAINER</c>).</param>
/// <param name="BaselineBlobs">Blob names of the tables, in order (setting <c>AUDIT_GATE_BASELINES</c>); empty means the gate is not
/// configured.</param>
/// <param name="MaxClaimsBytes">Largest claims file accepted; larger bodies get 413.</param>
public sealed record GateOptions(
    string BaselinesContainer, IReadOnlyList<string> BaselineBlobs, int MaxClaimsBytes = GateOptions.DefaultMaxClaimsBytes)
{
    /// <summary>Default largest claims file: 1 MiB (a claims file is a few KiB).</summary>
    public const int DefaultMaxClaimsBytes = 1 << 20;
}

/// <summary>What one gate call produced: an HTTP status and a JSON or text body.</summary>
/// <param name="Status">HTTP status for the client.</param>
/// <param name="ContentType">Body media type.</param>
/// <param name="Body">Body text.</param>
public sealed record GateAnswer(int Status, string ContentType, string Body);

/// <summary>
/// Runs the claims gate for an HTTP caller: reads the claims file from the request body, loads the published tables named
/// by <see cref="GateOptions"/> from blob storage, runs <see cref="ClaimGate"/>, and signs the gate report with the app's key.
/// Evidence is resolved only through the published tables (result IDs, or benchmark/scenario/submitter/system): the claims
/// schema has no field naming an audited bundle, so stored audit reports are not consulted. Thread-safe.
/// </summary>
public sealed class ClaimsGateService(AuditEnvironment env, GateOptions options)
{
    private const string Json = "application/json";
    private const string Text = "text/plain; charset=utf-8";

    /// <summary>Gates one claims file.</summary>
    /// <param name="claims">The request body (UTF-8 JSON claims file).</param>
    /// <param name="name">Name recorded as the claims file's name in the report.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<GateAnswer> RunAsync(ReadOnlyMemory<byte> claims, string name, CancellationToken ct)
    {
        if (claims.Length > options.MaxClaimsBytes)
        {
            return new GateAnswer(413, Text, $"the claims file is {claims.Length} bytes; the limit is {options.MaxClaimsBytes}\n");
        }

        var read = ClaimsJson.Read(claims.Span);
        if (read.File is null)
        {
            return new GateAnswer(400, Text, string.Concat(read.Errors.Select(e => $"{name}: {e}\n")));
        }

        if (options.BaselineBlobs.Count == 0)
        {
            return new GateAnswer(503, Text, "the gate has no published tables configured (AUDIT_GATE_BASELINES)\n");
        }

        var rows = new List<PublishedResult>();
        var tables = new List<GateBaselineInfo>();
        var problems = new List<string>();
        foreach (var blob in options.BaselineBlobs)
        {
            var client = env.Storage.GetBlobContainerClient(options.BaselinesContainer).GetBlobClient(blob);
            var content = await BlobWrites.ReadIfExistsAsync(client, ct).ConfigureAwait(false);
            if (content is null)
            {
                problems.Add($"{options.BaselinesContainer}/{blob}: not found");
                continue;
            }

            var bytes = content.ToMemory();
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            var table = BaselineLoader.Load(stream, blob);
            problems.AddRange(table.Errors.Select(e => $"{options.BaselinesContainer}/{e}"));
            rows.AddRange(table.Rows);
            var digest = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
            tables.Add(new GateBaselineInfo(blob, digest, table.Rows.Count, PublishedUnitCheck.Check(table.Rows).Findings.Count));
        }

        if (problems.Count > 0)
        {
            // The app's own configuration is wrong, not the caller's file.
            return new GateAnswer(503, Text, "the published tables cannot be used:\n" + string.Concat(problems.Select(p => p + "\n")));
        }

        var info = new BundleInfo(Convert.ToHexStringLower(SHA256.HashData(claims.Span)), name);
        var report = ClaimGate.Run(new GateInputs(read.File, info, read.Lines, [], new BaselineIndex(rows), tables), env.Tool);
        var gateJson = ClaimsJson.Serialize(report);
        var signed = await ReportAttestation.CreateGateAsync(gateJson, report, ReportAttestation.HashResourceUri(info.Sha256), env.Signer,
            env.Clock.GetCurrentInstant(), ct).ConfigureAwait(false);
        return new GateAnswer(200, Json, Body(report, gateJson, signed, env.Signer.KeyId));
    }

    private static string Body(GateReport report, byte[] gateJson, SignedAttestation signed, string keyId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("nothingBlocked", report.NothingBlocked);
            writer.WriteStartObject("summary");
            writer.WriteNumber("pass", report.Summary.Pass);
            writer.WriteNumber("warn", report.Summary.Warn);
            writer.WriteNumber("block", report.Summary.Block);
            writer.WriteEndObject();
            writer.WriteString("keyId", keyId);
            writer.WriteString("report", Encoding.UTF8.GetString(gateJson));
            writer.WritePropertyName("envelope");
            writer.WriteRawValue(signed.EnvelopeJson);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
