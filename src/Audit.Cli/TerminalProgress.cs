using System.Diagnostics;
using MlPerfAudit.Core.Pipeline;

namespace MlPerfAudit.Cli;

/// <summary>
/// "results done / total, elapsed" on one rewritten stderr line, at most ten times a second, only when stderr is a
/// terminal (quiet in pipes, files and CI logs).
/// </summary>
internal sealed class TerminalProgress : IProgress<AuditProgress>, IDisposable
{
    private readonly TextWriter _writer;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _lastMs = -1000;
    private bool _wrote;

    private TerminalProgress(TextWriter writer) => _writer = writer;

    /// <summary>A progress line on <paramref name="stderr"/> when it is the console's own, unredirected stderr; otherwise null.</summary>
    public static TerminalProgress? ForConsole(TextWriter stderr)
        => ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new TerminalProgress(stderr) : null;

    public void Report(AuditProgress value)
    {
        lock (_gate)
        {
            var now = _watch.ElapsedMilliseconds;
            if (now - _lastMs < 100 && value.Done < value.Total)
            {
                return;
            }

            _lastMs = now;
            _writer.Write($"\r{value.Done}/{value.Total} results, {now / 1000.0:0.0} s ");
            _wrote = true;
        }
    }

    public void Dispose()
    {
        if (_wrote)
        {
            _writer.WriteLine();
        }
    }
}
