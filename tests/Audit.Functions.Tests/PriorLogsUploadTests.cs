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
        var (report, logs) = InferenceAuditor.AuditAndIndex(opened, new InferenceAuditOptions { Round = "v5.1" }, new ToolInfo("mlperf-audit", "test"));
        return PriorLogJson.Serialize(PriorLogIndexFile.Create([new PriorLogSource("v5.1", report.Bundle.Sha256, round, report.Results.Count)],
            logs.Select(l => l with { Round = round })));
    }

    private static async Task<(int Status, string Log, AuditReport? Report)> UploadAsync(Handler handler, byte[]? index)
    {
        await handler.Store.CreateContainerIfNotExistsAsync("baselines");
        if (index is not null)
        {
            await handler.Store.PutAsync("baselines", IndexBlob, BinaryData.FromBytes(index), "application/json");
        }

        var bundle = TestBundles.Azure;
        var id = Convert.ToHexStringLower(SHA256.HashData(bundle));
        var gridEvent = await handler.UploadAsync("azure.zip", bundle);
        var (status, body) = await handler.InvokeAsync("OnBundleUploaded", HostRequests.EventInvocation(gridEvent));
        var stored = await handler.Store.ReadAllAsync(Handler.Reports, $"{id}/report.json");
        return (status, body.GetProperty("Logs")[0].GetString()!, stored is null ? null : ReportJson.Deserialize(stored.ToArray()));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenIndexHoldsTheBundlesOwnRound_RaisesNothingAndPinsTheIndex()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink, priorLogs: IndexBlob);
        var index = CorpusIndex("v5.1");

        var (status, _, report) = await UploadAsync(handler, index);

        Assert.Equal(200, status);
        Assert.Equal((4, 0), (report!.Summary.Valid, report.Summary.Invalid));
        var pinned = Assert.Single(report.PriorLogs!);
        Assert.Equal(("baselines/" + IndexBlob, Convert.ToHexStringLower(SHA256.HashData(index))), (pinned.Name, pinned.Sha256));
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenIndexListsTheLogsUnderAnEarlierRound_ReportsThemReusedAndInvalid()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink, priorLogs: IndexBlob);

        var (status, _, report) = await UploadAsync(handler, CorpusIndex("v5.0"));

        Assert.Equal(200, status);
        Assert.Equal((0, 4), (report!.Summary.Valid, report.Summary.Invalid));
        Assert.Equal(8, report.Results.SelectMany(r => r.Findings).Count(f => f.Code == "INF-CONS-006"));
        Assert.False(Assert.Single(sink.Events).GetProperty("data").GetProperty("passed").GetBoolean());
    }

    [AzuriteFact]
    public async Task OnBundleUploaded_WhenConfiguredIndexIsMissing_FailsTheInvocationWithoutAReport()
    {
        using var azurite = Azurite.Start();
        await using var sink = await EventGridSink.StartAsync();
        await using var handler = await Handler.StartAsync(azurite, sink, priorLogs: IndexBlob);

        var (status, log, report) = await UploadAsync(handler, null);

        Assert.Equal(500, status);
        Assert.Contains("baselines/" + IndexBlob, log, StringComparison.Ordinal);
        Assert.Null(report);
    }
}
