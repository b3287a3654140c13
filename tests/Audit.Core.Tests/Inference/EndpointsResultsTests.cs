using System.Globalization;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Tests.Support;

namespace MlPerfAudit.Core.Tests.Inference;

/// <summary>
/// v6.1 endpoints submissions (config.yaml, performance/result_summary.json, accuracy/accuracy_results.json instead of
/// LoadGen logs; a Server run in a folder named Online) are recognised, never judged by LoadGen's rules and never valid.
/// The bundles are Azure's real v5.1 result laid out as v6.1 in memory, with its LoadGen logs swapped for endpoints files.
/// </summary>
public sealed class EndpointsResultsTests
{
    private const string Split = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Server";

    /// <summary>Azure's Server result as a v6.1 endpoints result of <paramref name="benchmark"/> in a folder named <paramref name="scenarioFolder"/>.</summary>
    private static RenamedBundle AsEndpoints(string benchmark, string scenarioFolder)
    {
        var seeds = InferenceRoundCatalog.Find("v6.1")!.Rules.Seeds;
        var bundle = Corpus.OpenV51().RemoveFolder("closed/AMD").RemoveFolder("closed/NVIDIA")
            .RemoveFolder("closed/Azure/results/ND_GB200_v6/llama3.1-405b").RemoveFolder("closed/Azure/compliance/ND_GB200_v6/llama3.1-405b")
            .RemoveFolder("closed/Azure/measurements/ND_GB200_v6/llama3.1-405b").RemoveFolder("closed/Azure/code/llama3.1-405b")
            .RemoveFolder(Split + "/performance").Remove(Split + "/accuracy/mlperf_log_detail.txt").Remove(Split + "/accuracy/mlperf_log_summary.txt")
            .Replace(Split + "/config.yaml", "type: online\n")
            .Replace(Split + "/performance/result_summary.json", "{}\n")
            .Replace(Split + "/accuracy/accuracy_results.json", "{}\n");
        var offline = "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline/performance/run_1/mlperf_log_detail.txt";
        bundle.SetLogValue(offline, "effective_qsl_rng_seed", seeds.QslRngSeed.ToString(CultureInfo.InvariantCulture))
            .SetLogValue(offline, "effective_sample_index_rng_seed", seeds.SampleIndexRngSeed.ToString(CultureInfo.InvariantCulture))
            .SetLogValue(offline, "effective_schedule_rng_seed", seeds.ScheduleRngSeed.ToString(CultureInfo.InvariantCulture));
        return new RenamedBundle(new RenamedBundle(new MergedLayoutBundle(bundle), "llama2-70b-99", benchmark), "Server", scenarioFolder);
    }

    [Fact]
    public void Locate_ReadsAnOnlineFolderAsServer()
    {
        using var bundle = AsEndpoints("llama3.1-8b", "Online");
        var location = Assert.Single(ResultLocator.Locate(bundle), l => l.ScenarioFolder == "Online");
        Assert.Equal(Scenarios.Server, location.Scenario);
        Assert.True(EndpointsResults.Is(new BundleIndex(bundle), location));
    }

    [Fact]
    public void Audit_OfAnAllowedEndpointsModel_ListsTheResultAsNotAudited_AndJudgesTheLoadGenResult()
    {
        using var bundle = AsEndpoints("llama3.1-8b", "Online");
        var report = Corpus.Audit(bundle, round: null);
        Assert.Equal("v6.1", report.Rules.Round);
        Assert.DoesNotContain(report.Results, r => r.Id.EndsWith("/Online", StringComparison.Ordinal));
        var warning = Assert.Single(report.Findings, f => f.Code == FindingCatalog.InfEndpointsNotAudited.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.EndsWith("/Online/performance/result_summary.json", warning.File, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCatalog.InfEndpointsModelNotAllowed.Code);
        Assert.Single(report.Results);
    }

    [Theory]
    [InlineData("v6.1")]
    [InlineData("v5.1")]
    public void Audit_OfAnEndpointsResultOfAModelTheRoundDoesNotAllow_IsAnError(string round)
    {
        using var bundle = AsEndpoints("llama2-70b-99.9", "Server");
        var report = Corpus.Audit(bundle, round);
        var error = Assert.Single(report.Findings, f => f.Code == FindingCatalog.InfEndpointsModelNotAllowed.Code);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.DoesNotContain(report.Results, r => r.Id.EndsWith("/Server", StringComparison.Ordinal));
    }

    [Fact]
    public void Is_WhenTheFolderAlsoHoldsLoadGenLogs_IsFalse()
    {
        using var bundle = Corpus.OpenV51().Replace(Split + "/config.yaml", "type: online\n");
        var location = ResultLocator.Locate(bundle).Single(l => l.Folder == Split);
        Assert.False(EndpointsResults.Is(new BundleIndex(bundle), location));
    }
}
