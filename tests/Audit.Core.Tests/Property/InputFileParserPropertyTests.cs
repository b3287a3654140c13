using FsCheck;
using System.Text;
using System.Text.Json;
using FsCheck.Fluent;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Inference.Logs;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Support;
using MlPerfAudit.Tests.Shared;
using static MlPerfAudit.Core.Tests.Properties.PropertyInputs;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties over the parsers of the other inputs: claims files, published tables, endpoints config.yaml,
/// model mappings, prior-log indexes, stored reports and sweep claims.
/// Every property: arbitrary bytes, format tokens mixed with noise, and real corpus files mutated
/// (<see cref="HostileBytes"/>) give a result, or the parser's declared input error — never another exception and
/// never a hang (<see cref="PropertyRuns"/>: fixed seed, 100 cases per property in CI).
/// </summary>
public sealed class InputFileParserPropertyTests
{
    [AuditProperty]
    public Property ClaimsJsonRead_OnHostileBytes_ReturnsClaimsOrErrors()
        => PropertyRuns.ForAll(HostileBytes.Mixed(
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Claims/TestData/readme-claims.json")),
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests/Audit.Core.Tests/Claims/TestData/claims-corpus.json"))), bytes =>
                Assert.NotNull(ClaimsJson.Read(bytes)));

    [AuditProperty]
    public Property BaselineLoaderLoad_OnHostileBytes_ReturnsRowsAndErrors()
        => PropertyRuns.ForAll(HostileBytes.Mixed(
            File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "baselines/mlcommons-training_results_v5.1/Quanta_Cloud_Technology/summary.json")),
            File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "baselines/derived/training_llama31_time_to_train.csv"))[..4000],
            File.ReadAllBytes(Path.Combine(RepoPaths.Shared, "baselines/mlcommons-inference_results_v5.1/summary_results.json"))[..6000]), bytes =>
                Assert.NotNull(BaselineLoader.Load(ReadOnlyStream(bytes), "table")));

    /// <summary>An endpoints result's config.yaml: its scalars, or a YAML error with a line in the file; never another exception.</summary>
    [AuditProperty]
    public Property YamlScalarsRead_OnHostileText_ReturnsScalarsOrAnErrorWithItsLine()
        => PropertyRuns.ForAll(
            HostileBytes.Mixed("name: run\nsettings:\n  runtime:\n    min_duration_ms: 600000\n    seed: '7' # c\n  load: [1, {a: b}]\n"u8.ToArray()),
            bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            try
            {
                _ = YamlScalars.Read(new StringReader(text)).WholeNumber("settings.runtime.min_duration_ms");
            }
            catch (YamlScalarsException ex)
            {
                Assert.InRange(ex.Line, 1, text.Count(c => c == '\n') + 2);
            }
        });

    /// <summary>A submitter's model_mapping.json (open division: which official model a result folder stands for).</summary>
    [AuditProperty]
    public Property OpenModelMappingRead_OnHostileBytes_ReturnsAMappingPossiblyEmpty()
    {
        const string Mapping = "closed/Azure/model_mapping.json";
        return PropertyRuns.ForAll(HostileBytes.Mixed("{\"llama2-70b-99-custom\": \"llama2-70b-99\", \"x\": \"resnet\"}"u8.ToArray()), bytes =>
        {
            using var bundle = Corpus.OpenV51().Replace(Mapping, bytes);
            var location = Core.Inference.Layout.ResultLocator.Locate(bundle).First(l => l.SubmitterFolder == "closed/Azure");
            Assert.NotNull(Core.Inference.Layout.OpenModelMapping.Read(location, new BundleIndex(bundle)));
        });
    }

    /// <summary>A prior-logs index (<c>--prior-logs</c>, <c>AUDIT_PRIOR_LOGS</c>): the index, or null with every problem.</summary>
    [AuditProperty]
    public Property PriorLogIndexLoad_OnHostileBytes_ReturnsAnIndexOrErrors()
    {
        using var opened = new OpenedBundle(new Tests.Training.FolderBundle(RepoPaths.Corpus("inference", "v5.1", "closed", "Azure")), "0000");
        var (report, logs) = Core.Inference.InferenceAuditor.AuditAndIndex(opened, new Core.Inference.InferenceAuditOptions { Round = "v5.1" },
            Corpus.Tool);
        var index = Core.Inference.PriorLogs.PriorLogJson.Serialize(Core.Inference.PriorLogs.PriorLogIndexFile.Create(
            [new Core.Inference.PriorLogs.PriorLogSource("v5.1", report.Bundle.Sha256, "v5.1", report.Results.Count)], logs));
        return PropertyRuns.ForAll(HostileBytes.Mixed(index), bytes =>
        {
            var loaded = Core.Inference.PriorLogs.PriorLogIndex.Load([("index.json", bytes)], out var errors);
            Assert.True(loaded is not null ^ errors.Count > 0);
            _ = loaded?.Find(new string('0', 64));
        });
    }

    private static readonly Lazy<byte[]> AzureReport = new(
        () => ReportJson.Serialize(Corpus.Audit(new Tests.Training.FolderBundle(RepoPaths.Corpus("inference", "v5.1", "closed", "Azure")))));

    [AuditProperty]
    public Property ReportJsonDeserialize_OnHostileBytes_ReturnsAReportOrAJsonError()
        => PropertyRuns.ForAll<byte[], JsonException>(HostileBytes.Mixed(AzureReport.Value), bytes => _ = ReportJson.Deserialize(bytes));

    [AuditProperty]
    public Property SweepClaimTryParse_OnAnyText_ReturnsTrueOrAReason()
        => PropertyRuns.ForAll(ArbMap.Default.ArbFor<string>(), text =>
            Assert.True(text is null || SweepClaim.TryParse(text, out _, out var reason) || reason.Length > 0));
}
