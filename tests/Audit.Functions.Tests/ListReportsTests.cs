using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Functions.Listing;
using MlPerfAudit.Functions.Tests.Support;

namespace MlPerfAudit.Functions.Tests;

/// <summary>ListReports: finished reports newest first, filtered and paged through the index the audit writes after each envelope.</summary>
public sealed class ListReportsTests
{
    private static async Task<(List<JsonElement> Reports, int Pages)> AllPagesAsync(App app, string query)
    {
        var reports = new List<JsonElement>();
        string? token = null;
        var pages = 0;
        do
        {
            var next = token is null ? query : $"{query}&continuationToken={Uri.EscapeDataString(token)}";
            var (status, type, body) = await app.ListAsync(next);
            Assert.Equal((200, "application/json"), (status, type));
            using var page = JsonDocument.Parse(body);
            reports.AddRange(page.RootElement.GetProperty("reports").EnumerateArray().Select(r => r.Clone()));
            token = page.RootElement.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 100);

        return (reports, pages);
    }

    [AzuriteFact]
    public async Task ListReports_WhenMoreThanAThousandReportsAreFinished_PagesNewestFirstWithoutLossOrRepeat()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var bundle = TestBundles.Azure;
        var newest = Convert.ToHexStringLower(SHA256.HashData(bundle));
        await app.DeliverAsync(await app.UploadAsync("azure.zip", bundle));
        var report = ReportJson.Deserialize((await app.ReadReportBlobAsync($"{newest}/report.json"))!);

        // 1,049 earlier finished reports, listed through the same index writer the audit uses (one real audit each would take an hour here).
        var index = new ReportIndex(app.ReportsContainer);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1049), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"bundle {i}")));
            await index.AddAsync(id, report with { Bundle = new BundleInfo(id, $"earlier/{i:D4}.zip") }, start.AddSeconds(i), ct);
        });

        var (byThousand, thousandPages) = await AllPagesAsync(app, "?pageSize=1000");
        var (byHundred, hundredPages) = await AllPagesAsync(app, "?");

        Assert.Equal((1050, 2), (byThousand.Count, thousandPages));
        Assert.Equal((1050, 11), (byHundred.Count, hundredPages));
        Assert.Equal(byThousand.Select(r => r.GetProperty("id").GetString()), byHundred.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(1050, byThousand.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(newest, byThousand[0].GetProperty("id").GetString());
        Assert.Equal("earlier/1048.zip", byThousand[1].GetProperty("bundle").GetString());
        Assert.Equal("earlier/0000.zip", byThousand[^1].GetProperty("bundle").GetString());
        var finished = byThousand.Select(r => r.GetProperty("finished").GetDateTimeOffset()).ToList();
        Assert.Equal(finished.OrderDescending(), finished);

        Assert.Equal(1050, (await AllPagesAsync(app, "?submitter=AZURE&pageSize=1000")).Reports.Count);
        Assert.Equal(1050, (await AllPagesAsync(app, "?round=v5.1&verdict=valid&pageSize=1000")).Reports.Count);
        var (invalid, invalidPages) = await AllPagesAsync(app, "?verdict=invalid");
        Assert.Equal((0, 1), (invalid.Count, invalidPages));
        Assert.Empty((await AllPagesAsync(app, "?submitter=NVIDIA")).Reports);
    }

    [AzuriteFact]
    public async Task ListReports_WhenFilteredOrAskedByABrowser_ShowsOnlyMatchingReportsAndLinksTheNextPage()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink);
        var valid = TestBundles.Azure;
        var broken = TestBundles.Azure[..4096];
        await app.DeliverAsync(await app.UploadAsync("azure.zip", valid));
        await app.DeliverAsync(await app.UploadAsync("broken.zip", broken));
        var (validId, brokenId) = (Convert.ToHexStringLower(SHA256.HashData(valid)), Convert.ToHexStringLower(SHA256.HashData(broken)));

        var unreadable = Assert.Single((await AllPagesAsync(app, "?verdict=unreadable")).Reports);
        Assert.Equal((brokenId, "broken.zip", 0), (unreadable.GetProperty("id").GetString(), unreadable.GetProperty("bundle").GetString(),
            unreadable.GetProperty("submitters").GetArrayLength()));
        var azure = Assert.Single((await AllPagesAsync(app, "?submitter=Azure")).Reports);
        Assert.Equal((validId, "valid", 4, "v5.1"), (azure.GetProperty("id").GetString(), azure.GetProperty("verdict").GetString(),
            azure.GetProperty("valid").GetInt32(), azure.GetProperty("round").GetString()));

        var (status, type, html) = await app.ListAsync("?pageSize=1&code=key%2F1", "text/html,application/xhtml+xml,*/*;q=0.8");

        Assert.Equal((200, "text/html; charset=utf-8"), (status, type));
        Assert.Contains("<a href=\"reports/", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\" href=\"reports?pageSize=1&amp;continuationToken=", html, StringComparison.Ordinal);
        Assert.Contains("&amp;code=key%2F1\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?verdict=maybe&pageSize=0", new[] { "verdict", "pageSize" })]
    [InlineData("?pageSize=1001", new[] { "pageSize" })]
    [InlineData("?pageSize=ten", new[] { "pageSize" })]
    public void ReadQuery_WhenValuesAreOutOfRange_ListsEveryProblem(string query, string[] names)
    {
        var (_, errors) = Functions.ListReports.ReadQuery(
            new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
        Assert.Equal(names, errors.Select(e => e.Split(':')[0]));
    }

    [Theory]
    [InlineData("?pageSize=1", 1)]
    [InlineData("?pageSize=1000", 1000)]
    [InlineData("?", Functions.ListReports.DefaultPageSize)]
    public void ReadQuery_WhenPageSizeIsAtTheLimits_AcceptsIt(string query, int pageSize)
    {
        var (parsed, errors) = Functions.ListReports.ReadQuery(
            new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
        Assert.Empty(errors);
        Assert.Equal(pageSize, parsed.PageSize);
    }
}
