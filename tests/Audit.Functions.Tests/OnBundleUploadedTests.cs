using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Tests.Support;
using MlPerfAudit.Tests.Shared;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Functions.Tests;

/// <summary>End to end: real Azurite, the app composed as Program does, OnBundleUploaded called with the uploaded blob's BlobClient, a loopback Event
/// Grid topic.</summary>
public sealed class OnBundleUploadedTests
{
    [AzuriteFact("openssl", "jq")]
    public async Task OnBundleUploaded_WhenRealBundleUploaded_StoresReportThatOpensslVerifiesAndPublishesOneEvent()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var blob = await app.UploadAsync("azure/ND_GB200_v6.zip", bundle);

        await app.DeliverAsync(blob);

        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Audit Reported for azure/ND_GB200_v6.zip", StringComparison.Ordinal));
        Assert.Equal([$"{id}/published", $"{id}/report.dsse.json", $"{id}/report.html", $"{id}/report.json"], await app.ReportBlobsAsync(id));
        var reportJson = (await app.ReadReportBlobAsync($"{id}/report.json"))!;
        var envelope = (await app.ReadReportBlobAsync($"{id}/report.dsse.json"))!;
        var report = ReportJson.Deserialize(reportJson);
        Assert.Equal((4, 0), (report.Summary.Valid, report.Summary.Invalid));
        Assert.Equal(id, report.Bundle.Sha256);
        var verified = EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), reportJson, id);
        Assert.True(verified.Verified, verified.Message);

        // openssl, with the key a reviewer gets from GetKeys (JWKS) written as SPKI PEM: shared/spec/dsse-verify/pae_verify.sh.
        ExternalTools.Require("openssl", "jq");
        using var folder = new TempFolder();
        var (keysStatus, keysType, jwks) = app.GetKeys();
        Assert.Equal((200, "application/jwk-set+json"), (keysStatus, keysType));
        var keys = PublicKeySet.TryRead(Encoding.UTF8.GetBytes(jwks), out var keyError)!;
        Assert.Null(keyError);
        Assert.Contains(keys.Keys, k => k.KeyId == app.Keys.Signer.KeyId);
        File.WriteAllBytes(folder.Combine("report.dsse.json"), envelope);
        File.WriteAllText(folder.Combine("pub.pem"), PublicKeyExport.ToPem(app.Keys.Signer.PublicKeySpki.Span));
        var openssl = ExternalTools.Run("bash", folder.Path, Path.Combine(RepoPaths.Shared, "spec", "dsse-verify", "pae_verify.sh"),
            "report.dsse.json", "pub.pem");
        Assert.True(openssl.ExitCode == 0 && openssl.Stdout.Contains("Verified OK", StringComparison.Ordinal), openssl.ToString());

        var published = Assert.Single(sink.Events);
        Assert.Equal("MLPerfAudit.ReportPublished", published.GetProperty("type").GetString());
        Assert.Equal(id, published.GetProperty("id").GetString());
        var data = published.GetProperty("data");
        Assert.Equal(id, data.GetProperty("bundleSha256").GetString());
        Assert.Equal((4, 0, true),
            (data.GetProperty("valid").GetInt32(), data.GetProperty("invalid").GetInt32(), data.GetProperty("passed").GetBoolean()));
        Assert.Equal(app.ReportsContainer.GetBlobClient($"{id}/report.json").Uri.AbsoluteUri, data.GetProperty("reportUrl").GetString());
        Assert.Equal(blob.Uri.AbsoluteUri, data.GetProperty("bundleUrl").GetString());

        var (reportStatus, reportType, served) = await app.GetReportAsync(id);
        Assert.Equal((200, "application/json"), (reportStatus, reportType));
        Assert.Equal(reportJson, Encoding.UTF8.GetBytes(served));
        var (renderStatus, renderType, rendering) = await app.GetReportAsync(id, accept: "text/html,application/xhtml+xml;q=0.9");
        Assert.Equal((200, "text/html; charset=utf-8"), (renderStatus, renderType));
        Assert.Contains("ND_GB200_v6", rendering, StringComparison.Ordinal);
        Assert.Contains("<svg", rendering, StringComparison.Ordinal);
        var (envelopeStatus, _, servedEnvelope) = await app.GetReportAsync(id, "envelope");
        Assert.Equal(200, envelopeStatus);
        Assert.Equal(envelope, Encoding.UTF8.GetBytes(servedEnvelope));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenTheTimeLimitRunsOut_StoresACompleteSignedReportWithTheResultsNotJudged()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        // One stepping second per result read: AUDIT_TIME_LIMIT=2s judges two of Azure's four results.
        await using var app = await App.StartAsync(azurite, sink, timeLimit: "2s", auditClock: new SteppingClock());
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));

        await app.DeliverAsync(await app.UploadAsync("azure/slow.zip", bundle));

        var reportJson = (await app.ReadReportBlobAsync($"{id}/report.json"))!;
        var envelope = (await app.ReadReportBlobAsync($"{id}/report.dsse.json"))!;
        var report = ReportJson.Deserialize(reportJson);
        Assert.Equal(4, report.Results.Count);
        Assert.Equal(2, report.Results.Count(r => r.Findings.Any(f => f.Code == "BUN-LIM-002")));
        Assert.Equal(["MaxAuditTime"], report.Limits!.Hit);
        Assert.Equal(2, report.Limits.MaxAuditSeconds);
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), reportJson, id).Verified);
        var data = Assert.Single(sink.Events).GetProperty("data");
        Assert.False(data.GetProperty("passed").GetBoolean());
    }

    /// <summary>Moves one second forward at every read.</summary>
    private sealed class SteppingClock : NodaTime.IClock
    {
        private long _reads = -1;

        public NodaTime.Instant GetCurrentInstant()
            => NodaTime.Instant.FromUnixTimeSeconds(1_800_000_000) + NodaTime.Duration.FromSeconds(Interlocked.Increment(ref _reads));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenSameUploadDelivered20Times_OneReport20Successes()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var blob = await app.UploadAsync("repeated.zip", bundle);

        // Ten at once (racing each other), then ten more one after another; a delivery fails only by throwing.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.DeliverAsync(blob)));
        for (var i = 0; i < 10; i++)
        {
            await app.DeliverAsync(blob);
        }

        var outcomes = app.Logs.Lines.Where(l => l.StartsWith("Audit ", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, outcomes.Count);
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Audit of ", StringComparison.Ordinal));
        Assert.All(outcomes.Skip(10), l => Assert.StartsWith("Audit Duplicate", l, StringComparison.Ordinal));
        Assert.Equal([$"{id}/published", $"{id}/report.dsse.json", $"{id}/report.html", $"{id}/report.json"], await app.ReportBlobsAsync());
        var reportJson = (await app.ReadReportBlobAsync($"{id}/report.json"))!;
        var envelope = (await app.ReadReportBlobAsync($"{id}/report.dsse.json"))!;
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), reportJson, id).Verified);
        var (status, _, listing) = await app.ListAsync("?pageSize=1000");
        Assert.Equal(200, status);
        Assert.Single(System.Text.Json.JsonDocument.Parse(listing).RootElement.GetProperty("reports").EnumerateArray());

        // Concurrent first deliveries may each announce before the marker lands; every announcement carries the report id as its CloudEvent id.
        Assert.NotEmpty(sink.Events);
        Assert.All(sink.Events, e => Assert.Equal(id, e.GetProperty("id").GetString()));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_When20DifferentBundlesArriveAtOnce_Gives20Reports()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var bundles = Enumerable.Range(0, 20).Select(TestBundles.AzureVariant).ToList();
        var blobs = await Task.WhenAll(bundles.Select((b, i) => app.UploadAsync($"batch/bundle-{i:D2}.zip", b)));

        await Task.WhenAll(blobs.Select(app.DeliverAsync));

        var ids = bundles.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))).ToHashSet();
        Assert.Equal(20, ids.Count);
        var envelopes = (await app.ReportBlobsAsync()).Where(n => n.EndsWith("/report.dsse.json", StringComparison.Ordinal))
            .Select(n => n.Split('/')[0]).ToHashSet();
        Assert.Equal(ids, envelopes);
        Assert.Equal(ids, sink.Events.Select(e => e.GetProperty("id").GetString()!).ToHashSet());
        Assert.Equal(20, sink.Events.Count);
        foreach (var id in ids)
        {
            var report = ReportJson.Deserialize((await app.ReadReportBlobAsync($"{id}/report.json"))!);
            Assert.Equal(4, report.Summary.Valid);
        }
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenAzuriteStopsMidAudit_FailsWithoutAFinishedReportThenCompletesOnRedelivery()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        var stopAfterReportJson = 1;
        await using var app = await App.StartAsync(azurite, sink, file =>
        {
            if (file == ReportNames.Report && Interlocked.Exchange(ref stopAfterReportJson, 0) == 1)
            {
                azurite.Stop();
            }

            return Task.CompletedTask;
        });
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var blob = await app.UploadAsync("outage.zip", bundle);

        await Assert.ThrowsAnyAsync<Exception>(() => app.DeliverAsync(blob));

        Assert.Contains(app.Logs.Lines, l => l == "Audit of outage.zip failed; the host will deliver it again");
        Assert.Empty(sink.Events);
        azurite.Restart();
        Assert.Equal([$"{id}/report.json"], await app.ReportBlobsAsync());
        Assert.Equal(404, (await app.GetReportAsync(id)).Status);
        Assert.Equal("[]",
            System.Text.Json.JsonDocument.Parse((await app.ListAsync(string.Empty)).Body).RootElement.GetProperty("reports").GetRawText());

        await app.DeliverAsync(blob);

        Assert.Equal([$"{id}/published", $"{id}/report.dsse.json", $"{id}/report.html", $"{id}/report.json"], await app.ReportBlobsAsync());
        var reportJson = (await app.ReadReportBlobAsync($"{id}/report.json"))!;
        var envelope = (await app.ReadReportBlobAsync($"{id}/report.dsse.json"))!;
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), reportJson, id).Verified);
        Assert.Equal(200, (await app.GetReportAsync(id)).Status);
        Assert.Single(sink.Events);
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenBundleIsNotAnArchive_StoresSignedUnreadableReport()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure[..4096]; // a truncated zip: the central directory is gone
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));

        await app.DeliverAsync(await app.UploadAsync("broken.zip", bundle));

        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Audit Unreadable for broken.zip", StringComparison.Ordinal));
        var reportJson = (await app.ReadReportBlobAsync($"{id}/report.json"))!;
        var report = ReportJson.Deserialize(reportJson);
        Assert.Empty(report.Results);
        var finding = Assert.Single(report.Findings);
        Assert.StartsWith("BUN-", finding.Code, StringComparison.Ordinal);
        Assert.Contains("broken.zip", finding.Message, StringComparison.Ordinal);
        var envelope = (await app.ReadReportBlobAsync($"{id}/report.dsse.json"))!;
        var verified = EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), reportJson, id);
        Assert.True(verified.Verified, verified.Message);
        var data = Assert.Single(sink.Events).GetProperty("data");
        Assert.False(data.GetProperty("readable").GetBoolean());
        Assert.False(data.GetProperty("passed").GetBoolean());
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenBundleIsOverTheSizeLimit_StoresSignedLimitReport()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink, maxBundleBytes: 64 * 1024);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));

        await app.DeliverAsync(await app.UploadAsync("big.zip", bundle));

        var reportJson = (await app.ReadReportBlobAsync($"{id}/report.json"))!;
        var report = ReportJson.Deserialize(reportJson);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("BUN-LIM-001", finding.Code);
        Assert.Contains($"{bundle.Length} bytes is over the 65536-byte limit", finding.Message, StringComparison.Ordinal);
        Assert.Equal(id, report.Bundle.Sha256);
        var envelope = (await app.ReadReportBlobAsync($"{id}/report.dsse.json"))!;
        Assert.True(EnvelopeVerifier.Verify(envelope, PublicKeySet.FromSpki(app.Keys.Signer.PublicKeySpki), reportJson, id).Verified);
        Assert.False(Assert.Single(sink.Events).GetProperty("data").GetProperty("readable").GetBoolean());
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenBlobIsInAnotherContainerOrGone_SucceedsAndWritesNothing()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        await app.Storage.GetBlobContainerClient("elsewhere").CreateIfNotExistsAsync();
        var elsewhere = await app.UploadAsync("elsewhere.zip", TestBundles.Azure, "elsewhere");
        var gone = await app.UploadAsync("gone.zip", TestBundles.Azure);
        await gone.DeleteAsync();

        await app.DeliverAsync(elsewhere);
        await app.DeliverAsync(gone);

        Assert.Contains(app.Logs.Lines, l => l.Contains("blob is in container 'elsewhere', not 'bundles'", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Audit Ignored for gone.zip", StringComparison.Ordinal)
            && l.EndsWith("the blob no longer exists", StringComparison.Ordinal));
        Assert.Empty(await app.ReportBlobsAsync());
        Assert.Empty(sink.Events);
    }
}
