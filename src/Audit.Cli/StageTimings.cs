using System.Diagnostics;

namespace MlPerfAudit.Cli;

/// <summary>Prints how long each stage took to stderr when MLPERF_AUDIT_TIMINGS=1 (for the benchmarks); silent otherwise.</summary>
internal sealed class StageTimings
{
    private readonly TextWriter? _writer;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _cpuAtMark = ProcessCpu();

    private StageTimings(TextWriter? writer) => _writer = writer;

    /// <summary>Starts timing when MLPERF_AUDIT_TIMINGS=1, first printing the CPU time spent before this call (runtime start-up, parsing the command
    /// line).</summary>
    public static StageTimings FromEnvironment(TextWriter stderr)
    {
        if (Environment.GetEnvironmentVariable("MLPERF_AUDIT_TIMINGS") != "1")
        {
            return new(null);
        }

        stderr.WriteLine($"timing: start-up cpu {ProcessCpu().TotalSeconds:0.000} s");
        return new(stderr);
    }

    /// <summary>Prints the stage's wall time and the CPU time of every thread in it (seconds), then the GC and memory counters.</summary>
    public void Mark(string stage)
    {
        if (_writer is null)
        {
            return;
        }

        var cpu = ProcessCpu();
        _writer.WriteLine($"timing: {stage} {_watch.Elapsed.TotalSeconds:0.000} s, cpu {(cpu - _cpuAtMark).TotalSeconds:0.000} s (gc "
            + $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() >> 20} MiB, heap "
            + $"{GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MiB, working set {Environment.WorkingSet >> 20} MiB)");
        _cpuAtMark = cpu;
        _watch.Restart();
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
