using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Tests.Support;
using MlPerfAudit.Tests.Shared;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Functions.Tests;

/// <summary>End to end: real Azurite, the real handler on loopback, the host's exact invocation bodies, a loopback Event Grid topic.</summary>
public sealed class OnBundleUploadedTests
{
    [AzuriteFact("openssl", "jq")]
    public async Task OnBundleUploaded_WhenRealBundleUploaded_StoresReportThatOpensslVerifiesAndPublishesEvent()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var gridEvent = await handler.UploadAsync("azure/ND_GB200_v6.zip", bundle);

        var (status, body) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(gridEvent));

        Assert.Equal(200, status);
        Assert.Contains("Reported", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        Assert.Equal([$"{id}/published", $"{id}/report.dsse.json", $"{id}/report.html", $"{id}/report.json"], await handler.ReportBlobsAsync(id));

        var reportJson = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray();
        var envelope = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.dsse.json"))!.ToArray();
        var report = ReportJson.Deserialize(reportJson);
        Assert.Equal((4, 0), (report.Summary.Valid, report.Summary.Invalid));
        Assert.Equal(id, report.Bundle.Sha256);
        var verified = EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(handler.Keys.Signer.PublicKeySpki), reportJson, id);
        Assert.True(verified.Verified, verified.Message);

        // openssl, with the PEM a reviewer gets from GetKeys (JWKS) rebuilt here as SPKI PEM: shared/spec/dsse-verify/pae_verify.sh.
        ExternalTools.Require("openssl", "jq");
        using var folder = new TempFolder();
        var (keysStatus, keysType, jwks) = await GetKeysAsync(handler);
        Assert.Equal((200, "application/jwk-set+json"), (keysStatus, keysType));
        var keys = PublicKeySet.TryRead(Encoding.UTF8.GetBytes(jwks), out var keyError)!;
        Assert.Null(keyError);
        File.WriteAllBytes(folder.Combine("report.dsse.json"), envelope);
        File.WriteAllText(folder.Combine("pub.pem"), PublicKeyExport.ToPem(handler.Keys.Signer.PublicKeySpki.Span));
        Assert.Contains(keys.Keys, k => k.KeyId == handler.Keys.Signer.KeyId);
        var openssl = ExternalTools.Run("bash", folder.Path, Path.Combine(RepoPaths.Shared, "spec", "dsse-verify", "pae_verify.sh"), "report.dsse.json", "pub.pem");
        Assert.True(openssl.ExitCode == 0 && openssl.Stdout.Contains("Verified OK", StringComparison.Ordinal), openssl.ToString());

        var published = Assert.Single(sink.Events);
        Assert.Equal("MLPerfAudit.ReportPublished", published.GetProperty("type").GetString());
        Assert.Equal(id, published.GetProperty("id").GetString());
        var data = published.GetProperty("data");
        Assert.Equal(id, data.GetProperty("bundleSha256").GetString());
        Assert.Equal((4, 0, true), (data.GetProperty("valid").GetInt32(), data.GetProperty("invalid").GetInt32(), data.GetProperty("passed").GetBoolean()));
        Assert.Equal(handler.Store.BlobUri(Handler.Reports, $"{id}/report.json").AbsoluteUri, data.GetProperty("reportUrl").GetString());

        var (reportStatus, reportType, served) = await handler.GetReportAsync(id);
        Assert.Equal((200, "application/json"), (reportStatus, reportType));
        Assert.Equal(reportJson, Encoding.UTF8.GetBytes(served));
        var (renderStatus, renderType, rendering) = await handler.GetReportAsync(id, accept: "text/html,application/xhtml+xml;q=0.9");
        Assert.Equal((200, "text/html; charset=utf-8"), (renderStatus, renderType));
        Assert.Contains("ND_GB200_v6", rendering, StringComparison.Ordinal);
        Assert.Contains("<svg", rendering, StringComparison.Ordinal);
        var (envelopeStatus, _, servedEnvelope) = await handler.GetReportAsync(id, "envelope");
        Assert.Equal(200, envelopeStatus);
        Assert.Equal(envelope, Encoding.UTF8.GetBytes(servedEnvelope));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenTheTimeLimitRunsOut_StoresACompleteSignedReportWithTheResultsNotJudged()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        // One stepping second per result read: AUDIT_TIME_LIMIT=2s judges two of Azure's four results.
        await using var handler = await Handler.StartAsync(azurite, sink, timeLimit: "2s", auditClock: new SteppingClock());
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var gridEvent = await handler.UploadAsync("azure/slow.zip", bundle);

        var (status, _) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(gridEvent));

        Assert.Equal(200, status);
        var reportJson = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray();
        var envelope = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.dsse.json"))!.ToArray();
        var report = ReportJson.Deserialize(reportJson);
        Assert.Equal(4, report.Results.Count);
        Assert.Equal(2, report.Results.Count(r => r.Findings.Any(f => f.Code == "BUN-LIM-002")));
        Assert.Equal(["MaxAuditTime"], report.Limits!.Hit);
        Assert.Equal(2, report.Limits.MaxAuditSeconds);
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(handler.Keys.Signer.PublicKeySpki), reportJson, id).Verified);
        var data = Assert.Single(sink.Events).GetProperty("data");
        Assert.False(data.GetProperty("passed").GetBoolean());
    }

    /// <summary>Moves one second forward at every read.</summary>
    private sealed class SteppingClock : NodaTime.IClock
    {
        private long _reads = -1;

        public NodaTime.Instant GetCurrentInstant() => NodaTime.Instant.FromUnixTimeSeconds(1_800_000_000) + NodaTime.Duration.FromSeconds(Interlocked.Increment(ref _reads));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenEventArrivesAsJsonString_DecodesItLikeAnObject()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink);
        var gridEvent = await handler.UploadAsync("string-event.zip", TestBundles.Azure);

        var (status, body) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(gridEvent, asString: true));

        Assert.Equal(200, status);
        Assert.Contains("Reported", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Single(sink.Events);
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenSameEventDelivered20Times_OneReport20Successes()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var body = HostRequests.EventInvocation(await handler.UploadAsync("repeated.zip", bundle));

        // Ten at once (racing each other), then ten more one after another.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => handler.InvokeAsync("OnBundleUploaded", body)));
        var sequential = new List<(int Status, JsonElement Body)>();
        for (var i = 0; i < 10; i++)
        {
            sequential.Add(await handler.InvokeAsync("OnBundleUploaded", body));
        }

        Assert.All(concurrent.Concat(sequential), r => Assert.Equal(200, r.Status));
        Assert.All(sequential, r => Assert.Contains("Duplicate", r.Body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal));
        Assert.Equal([$"{id}/published", $"{id}/report.dsse.json", $"{id}/report.html", $"{id}/report.json"], await handler.ReportBlobsAsync());
        var reportJson = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray();
        var envelope = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.dsse.json"))!.ToArray();
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(handler.Keys.Signer.PublicKeySpki), reportJson, id).Verified);

        // Concurrent first deliveries may each announce before the marker lands; every announcement carries the report id as its CloudEvent id.
        Assert.NotEmpty(sink.Events);
        Assert.All(sink.Events, e => Assert.Equal(id, e.GetProperty("id").GetString()));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_When20DifferentBundlesArriveAtOnce_Gives20Reports()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink);
        var bundles = Enumerable.Range(0, 20).Select(TestBundles.AzureVariant).ToList();
        var events = await Task.WhenAll(bundles.Select((b, i) => handler.UploadAsync($"batch/bundle-{i:D2}.zip", b)));

        var answers = await Task.WhenAll(events.Select(e => handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(e))));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        var ids = bundles.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))).ToHashSet();
        Assert.Equal(20, ids.Count);
        var envelopes = (await handler.ReportBlobsAsync()).Where(n => n.EndsWith("/report.dsse.json", StringComparison.Ordinal)).Select(n => n.Split('/')[0]).ToHashSet();
        Assert.Equal(ids, envelopes);
        Assert.Equal(ids, sink.Events.Select(e => e.GetProperty("id").GetString()!).ToHashSet());
        foreach (var id in ids)
        {
            var report = ReportJson.Deserialize((await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray());
            Assert.Equal(4, report.Summary.Valid);
        }
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenAzuriteStopsMidAudit_FailsWithoutAFinishedReportThenCompletesOnRedelivery()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        var stopAfterReportJson = 1;
        await using var handler = await Handler.StartAsync(azurite, sink, file =>
        {
            if (file == ReportNames.Report && Interlocked.Exchange(ref stopAfterReportJson, 0) == 1)
            {
                azurite.Stop();
            }

            return Task.CompletedTask;
        });
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var body = HostRequests.EventInvocation(await handler.UploadAsync("outage.zip", bundle));

        var (failedStatus, failedBody) = await handler.InvokeAsync("OnBundleUploaded", body);

        Assert.Equal(500, failedStatus);
        Assert.Contains("will be retried", failedBody.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(sink.Events);
        azurite.Restart();
        Assert.Equal([$"{id}/report.json"], await handler.ReportBlobsAsync());
        Assert.Equal(404, (await handler.GetReportAsync(id)).Status);

        var (status, _) = await handler.InvokeAsync("OnBundleUploaded", body);

        Assert.Equal(200, status);
        Assert.Equal([$"{id}/published", $"{id}/report.dsse.json", $"{id}/report.html", $"{id}/report.json"], await handler.ReportBlobsAsync());
        var reportJson = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray();
        var envelope = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.dsse.json"))!.ToArray();
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(handler.Keys.Signer.PublicKeySpki), reportJson, id).Verified);
        Assert.Equal(200, (await handler.GetReportAsync(id)).Status);
        Assert.Single(sink.Events);
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenBundleIsNotAnArchive_StoresSignedUnreadableReport()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure[..4096]; // a truncated zip: the central directory is gone
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));

        var (status, body) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(await handler.UploadAsync("broken.zip", bundle)));

        Assert.Equal(200, status);
        Assert.Contains("Unreadable", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        var reportJson = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray();
        var report = ReportJson.Deserialize(reportJson);
        Assert.Empty(report.Results);
        var finding = Assert.Single(report.Findings);
        Assert.StartsWith("BUN-", finding.Code, StringComparison.Ordinal);
        Assert.Contains("broken.zip", finding.Message, StringComparison.Ordinal);
        var envelope = (await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.dsse.json"))!.ToArray();
        var verified = EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(handler.Keys.Signer.PublicKeySpki), reportJson, id);
        Assert.True(verified.Verified, verified.Message);
        var data = Assert.Single(sink.Events).GetProperty("data");
        Assert.False(data.GetProperty("readable").GetBoolean());
        Assert.False(data.GetProperty("passed").GetBoolean());
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenBundleIsOverTheSizeLimit_StoresLimitReport()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink, maxBundleBytes: 64 * 1024);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));

        var (status, _) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(await handler.UploadAsync("big.zip", bundle)));

        Assert.Equal(200, status);
        var report = ReportJson.Deserialize((await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json"))!.ToArray());
        Assert.Equal("BUN-LIM-001", Assert.Single(report.Findings).Code);
        Assert.Equal(id, report.Bundle.Sha256);
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenEventIsForAnotherContainerOrNotBlobCreated_AnswersSuccessAndWritesNothing()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink);
        var gridEvent = await handler.UploadAsync("elsewhere.zip", TestBundles.Azure);
        var otherContainer = (System.Text.Json.Nodes.JsonObject)gridEvent.DeepClone();
        otherContainer["subject"] = "/blobServices/default/containers/reports/blobs/elsewhere.zip";
        var deleted = (System.Text.Json.Nodes.JsonObject)gridEvent.DeepClone();
        deleted["eventType"] = "Microsoft.Storage.BlobDeleted";

        foreach (var e in new[] { otherContainer, deleted })
        {
            var (status, body) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(e));
            Assert.Equal(200, status);
            Assert.NotEmpty(body.GetProperty("Logs")[0].GetString()!);
        }

        var (badStatus, badBody) = await handler.InvokeAsync("OnBundleUploaded", "{\"Data\": [1, 2");
        Assert.Equal(200, badStatus);
        Assert.Contains("line 1", badBody.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await handler.ReportBlobsAsync());
        Assert.Empty(sink.Events);
    }

    private static async Task<(int Status, string ContentType, string Body)> GetKeysAsync(Handler handler)
    {
        var (status, body) = await handler.InvokeAsync("GetKeys", HostRequests.HttpInvocation("GetKeys", "keys", new Dictionary<string, string>()));
        Assert.Equal(200, status);
        var res = body.GetProperty("Outputs").GetProperty("res");
        return (res.GetProperty("statusCode").GetInt32(), res.GetProperty("headers").GetProperty("Content-Type").GetString()!, res.GetProperty("body").GetString()!);
    }
}
