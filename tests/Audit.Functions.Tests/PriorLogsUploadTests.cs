using System.Security.Cryptography;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Inference.PriorLogs;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Functions.Tests.Support;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Functions.Tests;

/// <summary>
/// OnBundleUploaded compares detail logs with the prior-logs indexes named by AUDIT_PRIOR_LOGS (blobs in the baselines
/// container), built here from the real v5.1 corpus.
/// </summary>
public sealed class PriorLogsUploadTests
{
    private const string IndexBlob = "prior-logs/v5.x.json";

    /// <summary>An index of the corpus's detail logs, each labelled with <paramref name="round"/>.</summary>
    private static byte[] CorpusIndex(string round)
    {
        using var opened = new OpenedBundle(DirectoryBundle.Open("v5.1", RepoPaths.InferenceV51, BundleLimits.Default), "0000");
        var (report, logs) = InferenceAuditor.AuditAndIndex(opened, new InferenceAuditOptions { Round = "v5.1" },
            new ToolInfo("mlperf-audit", "test"));
        return PriorLogJson.Serialize(PriorLogIndexFile.Create([new PriorLogSource("v5.1", report.Bundle.Sha256, round, report.Results.Count)],
            logs.Select(l => l with { Round = round })));
    }

    /// <summary>Uploads Azure's bundle and delivers it once; the exception the delivery threw (null on success) and the stored report.</summary>
    private static async Task<(Exception? Failure, AuditReport? Report)> UploadAsync(App app, byte[]? index)
    {
        if (index is not null)
        {
            await app.UploadAsync(IndexBlob, index, "baselines");
        }

        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var blob = await app.UploadAsync("azure.zip", bundle);
        var failure = await Record.ExceptionAsync(() => app.DeliverAsync(blob));
        var stored = await app.ReadReportBlobAsync($"{id}/report.json");
        return (failure, stored is null ? null : ReportJson.Deserialize(stored));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenIndexHoldsTheBundlesOwnRound_RaisesNothingAndPinsTheIndex()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink, priorLogs: IndexBlob);
        var index = CorpusIndex("v5.1");

        var (failure, report) = await UploadAsync(app, index);

        Assert.Null(failure);
        Assert.Equal((4, 0), (report!.Summary.Valid, report.Summary.Invalid));
        var pinned = Assert.Single(report.PriorLogs!);
        Assert.Equal(("baselines/" + IndexBlob, Convert.ToHexStringLower(SHA256.HashData(index))), (pinned.Name, pinned.Sha256));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenIndexListsTheLogsUnderAnEarlierRound_ReportsThemReusedAndInvalid()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink, priorLogs: IndexBlob);

        var (failure, report) = await UploadAsync(app, CorpusIndex("v5.0"));

        Assert.Null(failure);
        Assert.Equal((0, 4), (report!.Summary.Valid, report.Summary.Invalid));
        Assert.Equal(8, report.Results.SelectMany(r => r.Findings).Count(f => f.Code == "INF-CONS-006"));
        Assert.False(Assert.Single(sink.Events).GetProperty("data").GetProperty("passed").GetBoolean());
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenConfiguredIndexIsMissing_FailsTheInvocationWithoutAReport()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var app = await App.StartAsync(azurite, sink, priorLogs: IndexBlob);

        var (failure, report) = await UploadAsync(app, null);

        Assert.Contains("baselines/" + IndexBlob, Assert.IsType<InvalidOperationException>(failure).Message, StringComparison.Ordinal);
        Assert.Null(report);
    }
}
