using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Tests.Support;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Functions.Tests;

/// <summary>GateClaims checks a posted claims file against the published tables in the baselines container and answers a signed gate
/// report.</summary>
public sealed class GateClaimsTests
{
    private const string Table = "inference-v5.1/summary_results.json";

    private const string Claims = """
        {
          "version": 1,
          "claims": [
            {
              "id": "azure-70b-offline",
              "text": "Azure ND GB200 v6 delivers 52,000 tokens/s on one VM (Llama 2 70B, Offline).",
              "quantity": "throughput", "value": 52000, "unit": "tokens/s", "scenario": "Offline",
              "evidence": { "results": [ { "resultId": "5.1-0008", "benchmark": "llama2-70b-99", "scenario": "Offline" } ] }
            },
            {
              "id": "azure-70b-inflated",
              "text": "Azure ND GB200 v6 delivers 60,000 tokens/s on one VM (Llama 2 70B, Offline).",
              "quantity": "throughput", "value": 60000, "unit": "tokens/s", "scenario": "Offline",
              "evidence": { "results": [ { "resultId": "5.1-0008", "benchmark": "llama2-70b-99", "scenario": "Offline" } ] }
            }
          ]
        }
        """;

    [AzuriteFact]
    public async Task GateClaims_WhenClaimsQuotePublishedResult_PassesTheTrueOneBlocksTheInflatedOneAndSigns()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await StartWithTableAsync(azurite, sink);

        var (status, contentType, body) = await app.GateAsync(Claims);

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        Assert.False(root.GetProperty("nothingBlocked").GetBoolean());
        Assert.Equal((1, 0, 1),
            (root.GetProperty("summary").GetProperty("pass").GetInt32(), root.GetProperty("summary").GetProperty("warn").GetInt32(),
            root.GetProperty("summary").GetProperty("block").GetInt32()));
        var gateJson = Encoding.UTF8.GetBytes(root.GetProperty("report").GetString()!);
        var report = ClaimsJson.DeserializeReport(gateJson);
        Assert.Equal(ClaimVerdict.Pass, Assert.Single(report.Results, r => r.Id == "azure-70b-offline").Verdict);
        Assert.Equal(ClaimVerdict.Block, Assert.Single(report.Results, r => r.Id == "azure-70b-inflated").Verdict);
        Assert.Equal(Table, Assert.Single(report.Baselines).Source);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Claims))), report.Claims.Sha256);

        var envelope = Encoding.UTF8.GetBytes(root.GetProperty("envelope").GetRawText());
        var verified = EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), gateJson, report.Claims.Sha256);
        Assert.True(verified.Verified, verified.Message);
        Assert.Equal(app.Keys.Signer.KeyId, root.GetProperty("keyId").GetString());
        Assert.False(
            EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), [.. gateJson, (byte)' '],
            report.Claims.Sha256).Verified);
    }

    [AzuriteFact]
    public async Task GateClaims_WhenClaimsFileIsUnreadableOrTooLarge_Answers400WithTheLineOr413()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await StartWithTableAsync(azurite, sink);

        var (status, _, body) = await app.GateAsync("{\n  \"version\": 1,\n  \"claims\": [ { \"id\": \"x\" \"text\": \"y\" } ]\n}\n");
        Assert.Equal(400, status);
        Assert.Contains("line 3", body, StringComparison.Ordinal);

        var invalid = Claims.Replace("\"value\": 60000", "\"value\": -1", StringComparison.Ordinal)
            .Replace("\"unit\": \"tokens/s\"", "\"unit\": \"furlongs\"", StringComparison.Ordinal);
        (status, _, body) = await app.GateAsync(invalid);
        Assert.Equal(400, status);
        Assert.Contains("claim 'azure-70b-inflated': value -1 must be a positive number", body, StringComparison.Ordinal);
        Assert.Contains("claim 'azure-70b-offline': unit 'furlongs'", body, StringComparison.Ordinal);

        (status, _, _) = await app.GateAsync(string.Empty);
        Assert.Equal(400, status);

        (status, _, _) = await app.GateAsync(Claims + new string(' ', Gating.GateOptions.DefaultMaxClaimsBytes));
        Assert.Equal(413, status);

        // Chunked (no Content-Length): refused once the body passes the limit.
        (status, _, body) = await app.GateAsync(Claims + new string(' ', Gating.GateOptions.DefaultMaxClaimsBytes), announceLength: false);
        Assert.Equal(413, status);
        Assert.Contains("over the 1048576-byte limit", body, StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task GateClaims_WhenNoTableIsConfiguredOrTheBlobIsMissing_Answers503()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using (var unconfigured = await App.StartAsync(azurite, sink))
        {
            var (status, _, body) = await unconfigured.GateAsync(Claims);
            Assert.Equal(503, status);
            Assert.Contains("AUDIT_GATE_BASELINES", body, StringComparison.Ordinal);
        }

        await using var missing = await App.StartAsync(azurite, sink, gateBaselines: "no-such-table.json");
        var (missingStatus, _, missingBody) = await missing.GateAsync(Claims);
        Assert.Equal(503, missingStatus);
        Assert.Contains("baselines/no-such-table.json: not found", missingBody, StringComparison.Ordinal);
    }

    private static async Task<App> StartWithTableAsync(Azurite azurite, EventGridSink sink)
    {
        var app = await App.StartAsync(azurite, sink, gateBaselines: Table);
        var bytes = await File.ReadAllBytesAsync(
            Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json"));
        await app.UploadAsync(Table, bytes, "baselines");
        return app;
    }
}
