using System.Diagnostics;

namespace MlPerfAudit.Cli;

/// <summary>Prints how long each stage took to stderr when MLPERF_AUDIT_TIMINGS=1 (for the benchmarks); silent otherwise.</summary>
internal sealed class StageTimings
{
    private readonly TextWriter? _writer;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private StageTimings(TextWriter? writer) => _writer = writer;

    public static StageTimings FromEnvironment(TextWriter stderr)
        => new(Environment.GetEnvironmentVariable("MLPERF_AUDIT_TIMINGS") == "1" ? stderr : null);

    public void Mark(string stage)
    {
        _writer?.WriteLine($"timing: {stage} {_watch.Elapsed.TotalSeconds:0.000} s (gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() >> 20} MiB, heap {GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MiB, working set {Environment.WorkingSet >> 20} MiB)");
        _watch.Restart();
    }
}
