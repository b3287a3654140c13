using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training;
using MlPerfAudit.Local.Bundles;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>Runs the gate once over the example claims, with real audits of the shared corpus and the published tables as evidence.</summary>
public sealed class GateFixture
{
    public static readonly ToolInfo Tool = new("mlperf-audit", "test");

    public static string ClaimsPath => Path.Combine(RepoPaths.Root, "tests", "Audit.Core.Tests", "Claims", "TestData", "claims-corpus.json");

    public static string[] BaselinePaths =>
    [
        Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-inference_results_v5.1", "summary_results.json"),
        Path.Combine(RepoPaths.Shared, "baselines", "gbeezybez-inference_results_v6.0", "summary_results.json"),
        Path.Combine(RepoPaths.Shared, "baselines", "derived", "training_llama31_time_to_train.csv"),
        Path.Combine(RepoPaths.Shared, "baselines", "mlcommons-training_results_v5.0", "Nebius", "summary.json"),
    ];

    public GateFixture()
    {
        var bytes = File.ReadAllBytes(ClaimsPath);
        Read = ClaimsJson.Read(bytes);
        var evidence = new List<AuditedEvidence>
        {
            new("inference/v5.1", Audit(RepoPaths.InferenceV51, null)),
            new("training/v6.0/Azure", Audit(RepoPaths.Corpus("training", "v6.0", "Azure"), "6.0.0")),
            new("training/v5.1/NVIDIA", Audit(RepoPaths.Corpus("training", "v5.1", "NVIDIA"), "5.1.0")),
        };
        var rows = new List<PublishedResult>();
        var tables = new List<GateBaselineInfo>();
        foreach (var path in BaselinePaths)
        {
            using var stream = File.OpenRead(path);
            var table = BaselineLoader.Load(stream, Path.GetFileName(path));
            Assert.Empty(table.Errors);
            rows.AddRange(table.Rows);
            tables.Add(new GateBaselineInfo(Path.GetFileName(path), new string('0', 64), table.Rows.Count,
                PublishedUnitCheck.Check(table.Rows).Findings.Count));
        }

        Inputs = new GateInputs(Read.File!, new BundleInfo(new string('a', 64), "claims-corpus.json"), Read.Lines, evidence, new BaselineIndex(rows),
            tables);
        Report = ClaimGate.Run(Inputs, Tool);
    }

    /// <summary>The inputs of <see cref="Report"/>: tests swap in other claims and keep the audited evidence and tables.</summary>
    public GateInputs Inputs { get; }

    /// <summary>The corpus claim with this id.</summary>
    public Claim Claim(string id) => Read.File!.Claims.Single(c => c.Id == id);

    /// <summary>Runs the gate over <paramref name="claims"/> with the corpus evidence and tables.</summary>
    public GateReport Run(string? claimant, params Claim[] claims)
        => ClaimGate.Run(
            Inputs with { Claims = new ClaimsFile(1, claims, claimant), ClaimLines = claims.Select((c, i) => (c.Id, i + 1)).ToDictionary() }, Tool);

    public ClaimsReadResult Read { get; }

    public GateReport Report { get; }

    private static AuditReport Audit(string path, string? trainingRules)
    {
        using var opened = BundleOpener.Open(path, BundleLimits.Default, out var error) ?? throw new InvalidOperationException(error!.Message);
        return trainingRules is null
            ? InferenceAuditor.Audit(opened, new InferenceAuditOptions(), Tool)
            : TrainingAuditor.Audit(opened, new TrainingAuditOptions { RuleSet = trainingRules }, MlPerfAudit.Core.Tests.Support.Corpus.Tool);
    }
}
