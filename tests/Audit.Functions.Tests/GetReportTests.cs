using System.Security.Cryptography;
using MlPerfAudit.Functions.Tests.Support;

namespace MlPerfAudit.Functions.Tests;

/// <summary>GetReport answers only for finished reports and accepts no path tricks.</summary>
public sealed class GetReportTests
{
    [AzuriteFact]
    public async Task GetReport_WhenIdOrPartIsNotOneOfOurs_RefusesWithoutTouchingOtherBlobs()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        await app.DeliverAsync(await app.UploadAsync("served.zip", bundle));

        Assert.Equal(200, (await app.GetReportAsync(id)).Status);
        Assert.Equal(200, (await app.GetReportAsync(id, "rendering")).Status);
        Assert.Equal(404, (await app.GetReportAsync(new string('0', 64))).Status);
        foreach (var bad in new[] { id.ToUpperInvariant(), id[..63], id + "0", "../bundles/served.zip", "..%2Fbundles", id[..62] + "/.",
            string.Empty.PadLeft(64, 'g') })
        {
            Assert.Equal(400, (await app.GetReportAsync(bad)).Status);
        }

        foreach (var part in new[] { "../report.json", "published", "report.md", "..", "%2e%2e" })
        {
            Assert.Equal(404, (await app.GetReportAsync(id, part)).Status);
        }
    }
}
