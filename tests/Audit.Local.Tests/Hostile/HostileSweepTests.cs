using System.Globalization;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;

namespace MlPerfAudit.Local.Tests.Hostile;

/// <summary>
/// Hostile sweep logs in every format the sweep audit reads (NeMo 2, NeMo 1, DLLogger, Megatron-LM, TensorBoard event
/// files, DCGM dmon, manifests), each audited as a one-log bundle built in memory. The outcome lists the findings a
/// hostile input must raise, as <c>CODE@line</c> (record index for TFRecord), or <c>ok</c>; never a crash.
/// </summary>
public sealed class HostileSweepTests
{
    private static readonly string[] Watched =
        ["SWP-LOG-001", "SWP-LOG-002", "SWP-LOG-003", "SWP-LOG-004", "SWP-STEP-004", "SWP-STEP-005", "SWP-LOSS-001", "SWP-TEL-006", "SWP-CFG-005",
            "SWP-CFG-006", "SWP-CFG-007"];

    private const string Manifest = "version: 1\nruns:\n  - {log: run.log, microBatchSize: 4, globalBatchSize: 4, sequenceLength: 2048, gpus: 1, "
        + "modelParameters: 886114304, precision: bf16}\n";

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Audits <paramref name="files"/> as a bundle and lists the watched findings.</summary>
    private static string Audit(params (string Path, byte[] Bytes)[] files)
    {
        using var bundle = new OpenedBundle(new MemoryBundle(files), new string('0', 64));
        var report = SweepAuditor.Audit(bundle, new SweepAuditOptions(), new ToolInfo("mlperf-audit", "0.0.0-test"));
        var codes = report.Findings.Concat(report.Results.SelectMany(r => r.Findings))
            .Where(f => Watched.Contains(f.Code))
            .Select(f => $"{f.Code}@{f.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return codes.Count == 0 ? "ok" : string.Join(' ', codes);
    }

    private static string Log(string log, string manifest = Manifest) => Audit(("run.log", B(log)), ("sweep.yaml", B(manifest)));

    private static string Nemo2(int i, string loss = "10.7", string timing = "0.1197") =>
        $"Training epoch 0, iteration {i}/30 | lr: 0.0003 | global_batch_size: 4 | global_step: {i} | reduced_train_loss: {loss} | "
            + $"train_step_timing in s: {timing} | consumed_samples: {(i + 1) * 4}\n";

    private static string Nemo1(int step, string loss = "10.70", string timing = "0.120") =>
        $"\rEpoch 0: :  10%|█         | {step + 1}/30 [00:01<00:10, reduced_train_loss={loss}, global_step={step}.00, "
            + $"consumed_samples={(step + 1) * 4}.0, train_step_timing in s={timing}]";

    private static string Dll(int step, string loss = "10.786", string timing = "0.119677") =>
        $"DLLL {{\"timestamp\": \"1795305672.{step:000}\", \"type\": \"LOG\", \"step\": {step}, "
            + $"\"data\": {{\"reduced_train_loss\": {loss}, \"train_step_timing in s\": {timing}}}}}\n";

    private static string Meg(int i, string loss = "1.078647E+01", int nan = 0) =>
        $" iteration {i,8}/{30,8} | consumed samples: {i * 4,12} | elapsed time per iteration (ms): 119.7 | learning rate: 3.000000E-04 | global "
            + $"batch size:     4 | lm loss: {loss} | loss scale: 1.0 | number of skipped iterations:   0 | number of nan iterations: {nan,3} |\n";

    private static byte[] Event(long step, float timing, double wall = 1795305672.0)
        => Core.Tests.Sweeps.Formats.TfEvents.Event(wall + step, step, scalar: ("train_step_timing in s", timing));

    private static string Tb(params byte[][] records)
        => Audit(("events.out.tfevents.1.h.1.0", [.. records.SelectMany(r => r)]),
        ("sweep.yaml", B(Manifest.Replace("run.log", "events.out.tfevents.1.h.1.0", StringComparison.Ordinal))));

    private static byte[] R(byte[] e, bool data = false, bool length = false) => Core.Tests.Sweeps.Formats.TfEvents.Record(e, data, length);

    private const string DcgmHeader = "#Entity   GPUTL   POWER     TMPTR\nID                W         C\n";
    private const string DcgmManifest = "version: 1\nruns: []\ntelemetry:\n  - {file: dcgm.txt, start: \"2026-11-22T00:00:37.310Z\", intervalMs: "
        + "500}\n";

    private static string Dcgm(string text) => Audit(("dcgm.txt", B(text)), ("sweep.yaml", B(DcgmManifest)));

    internal static readonly HostileLogTests.Case[] Cases =
    [
        new("sweep-nemo2-cut-line", () => Log(Nemo2(0) + Nemo2(1) + Nemo2(2) + Nemo2(3)[..90]), "SWP-LOG-002@4"),
        new("sweep-nemo2-nan-loss", () => Log(Nemo2(0) + Nemo2(1, loss: "nan") + Nemo2(2)), "SWP-LOSS-001@2"),
        new("sweep-nemo2-no-step-time",
            () => Log(Nemo2(0) + Nemo2(1).Replace(" | train_step_timing in s: 0.1197", string.Empty, StringComparison.Ordinal) + Nemo2(2)),
            "SWP-LOG-002@2"),
        new("sweep-nemo2-duplicate-step", () => Log(Nemo2(0) + Nemo2(1) + Nemo2(1, timing: "0.2") + Nemo2(2)), "SWP-STEP-004@3"),
        new("sweep-nemo2-interval-gap", () => Log(Nemo2(0) + Nemo2(1) + Nemo2(5)), "ok"),
        new("sweep-nemo1-cut-update", () => Log(Nemo1(0) + Nemo1(1) + Nemo1(2)[..^3]), "SWP-LOG-002@1"),
        new("sweep-nemo1-nan-loss", () => Log(Nemo1(0) + Nemo1(1, loss: "nan") + Nemo1(2) + "\n"), "SWP-LOSS-001@1"),
        new("sweep-nemo1-duplicate-step", () => Log(Nemo1(0) + Nemo1(1) + Nemo1(1, timing: "0.250") + Nemo1(2) + "\n"), "SWP-STEP-004@1"),
        new("sweep-nemo1-missing-steps", () => Log(Nemo1(0) + Nemo1(1) + Nemo1(4) + "\n"), "SWP-STEP-005@1"),
        new("sweep-dllogger-cut-line", () => Log(Dll(1) + Dll(2) + Dll(3)[..50]), "SWP-LOG-002@3"),
        new("sweep-dllogger-nan-loss", () => Log(Dll(1) + Dll(2, loss: "NaN") + Dll(3)), "SWP-LOSS-001@2"),
        new("sweep-dllogger-missing-steps", () => Log(Dll(1) + Dll(2) + Dll(5)), "SWP-STEP-005@3"),
        new("sweep-dllogger-duplicate-step", () => Log(Dll(1) + Dll(2) + Dll(2, timing: "0.2")), "SWP-STEP-004@3"),
        new("sweep-megatron-cut-line", () => Log(Meg(1) + Meg(2) + Meg(3)[..100]), "SWP-LOG-002@3"),
        new("sweep-megatron-nan-loss", () => Log(Meg(1) + Meg(2, loss: "NAN") + Meg(3)), "SWP-LOSS-001@2"),
        new("sweep-megatron-nan-iterations", () => Log(Meg(1) + Meg(2, nan: 1) + Meg(3)), "SWP-LOSS-001@2"),
        new("sweep-megatron-iteration-goes-back", () => Log(Meg(1) + Meg(2) + Meg(1) + Meg(3)), "SWP-STEP-004@3"),
        new("sweep-tfrecord-wrong-data-crc", () => Tb(R(Event(1, 0.12f)), R(Event(2, 0.12f)), R(Event(3, 0.12f), data: true), R(Event(4, 0.12f))),
            "SWP-LOG-004@3 SWP-STEP-005@4"),
        new("sweep-tfrecord-wrong-length-crc", () => Tb(R(Event(1, 0.12f)), R(Event(2, 0.12f)), R(Event(3, 0.12f), length: true), R(Event(4, 0.12f))),
            "SWP-LOG-004@3"),
        new("sweep-tfrecord-cut", () => Tb(R(Event(1, 0.12f)), R(Event(2, 0.12f)), R(Event(3, 0.12f))[..20]), "SWP-LOG-004@3"),
        new("sweep-tfrecord-not-an-event", () => Tb(R(Event(1, 0.12f)), R([0xFF, 0xFF, 0xFF]), R(Event(2, 0.12f))), "SWP-LOG-002@2"),
        new("sweep-tfrecord-duplicate-step", () => Tb(R(Event(1, 0.12f)), R(Event(2, 0.12f)), R(Event(2, 0.2f))), "SWP-STEP-004@3"),
        new("sweep-tfrecord-missing-steps", () => Tb(R(Event(1, 0.12f)), R(Event(2, 0.12f)), R(Event(5, 0.12f))), "SWP-STEP-005@3"),
        new("sweep-dcgm-missing-field", () => Dcgm(DcgmHeader + "GPU 0     75      185.300   68\nGPU 0     75      185.300\n"), "SWP-TEL-006@4"),
        new("sweep-dcgm-not-a-number", () => Dcgm(DcgmHeader + "GPU 0     75      185.300   68\nGPU 0     75      hot       68\n"), "SWP-TEL-006@4"),
        new("sweep-dcgm-row-before-header", () => Dcgm("GPU 0     75      185.300   68\n" + DcgmHeader), "SWP-TEL-006@1"),
        new("sweep-dcgm-na-fields", () => Dcgm(DcgmHeader + "GPU 0     N/A     N/A       N/A\n"), "ok"),
        new("sweep-mixed-formats", () => Log(Nemo2(0) + Nemo2(1) + Meg(1)), "SWP-CFG-007@3 SWP-LOG-003@3"),
        new("sweep-manifest-unknown-member", () => Log(Nemo2(0), "version: 1\nruns:\n  - log: run.log\n    microBatchSize: 4\n    microbatch: 4\n"),
            "SWP-CFG-006@5"),
        new("sweep-manifest-gpus-not-tp-pp-cp-dp",
            () => Log(Nemo2(0),
            "version: 1\nruns:\n  - {log: run.log, tensorParallel: 2, pipelineParallel: 2, contextParallel: 1, dataParallel: 1, gpus: 8}\n"),
            "SWP-CFG-006@3"),
        new("sweep-manifest-not-yaml", () => Log(Nemo2(0), "version: 1\nruns:\n  - {log: run.log\n"), "SWP-CFG-006@4"),
        new("sweep-manifest-names-missing-log", () => Log(Nemo2(0), Manifest + "  - {log: other.log}\n"), "SWP-CFG-007@4"),
        new("sweep-nemo2-iteration-too-long",
            () => Log(Nemo2(0) + Nemo2(1).Replace("iteration 1/30", "iteration 12345678901/30", StringComparison.Ordinal)), "SWP-LOG-002@2"),
        new("sweep-megatron-iteration-too-long", () => Log(Meg(1) + Meg(2).Replace("       2/", "12345678901/", StringComparison.Ordinal)),
            "SWP-LOG-002@2"),
        new("sweep-manifest-deep-flow-nesting", () => Log(Nemo2(0), "version: 1\nruns: " + new string('[', 5000) + new string(']', 5000) + "\n"),
            "SWP-CFG-006@2"),
        new("sweep-log-disagrees-with-manifest",
            () => Log("------------------------ arguments ------------------------\n  micro_batch_size ................................ "
            + "8\n-------------------- end of arguments ---------------------\n" + Meg(1)), "SWP-CFG-005@3"),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Fact]
    public void Cases_AreListedOnceEachInTheReadme()
    {
        var table = HostileReadme.Table();
        foreach (var c in Cases)
        {
            Assert.True(table.TryGetValue(c.Name, out var expected), $"{c.Name} is missing from README.md");
            Assert.Equal(c.Expected, expected);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Audit_WhenSweepInputIsHostile_GivesTheDocumentedFindings(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        Assert.Equal(c.Expected, c.Run());
    }

    /// <summary>A bundle of in-memory files.</summary>
    private sealed class MemoryBundle((string Path, byte[] Bytes)[] files) : IBundle
    {
        public string Name => "hostile";

        public IReadOnlyList<BundleEntry> Entries { get; } = [.. files.Select(f => new BundleEntry(f.Path, f.Bytes.Length))];

        public IReadOnlyList<Finding> OpeningFindings => [];

        public Stream Open(BundleEntry entry) => new MemoryStream(files.Single(f => f.Path == entry.Path).Bytes, writable: false);

        public void Dispose()
        {
        }
    }
}
