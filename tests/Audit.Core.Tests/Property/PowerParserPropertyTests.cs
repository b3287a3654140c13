using FsCheck;
using System.Text;
using MlPerfAudit.Core.Inference.Power;

namespace MlPerfAudit.Core.Tests.Properties;

/// <summary>
/// FsCheck properties over the power run's parsers: an analyzer log (written here in its format, the corpus holds
/// none) mutated and mixed with noise gives samples or one problem line inside the file, never an exception.
/// </summary>
public sealed class PowerParserPropertyTests
{
    private static readonly DateTime Begin = new(2025, 1, 2, 10, 0, 10, DateTimeKind.Unspecified);
    private static readonly DateTime End = Begin.AddSeconds(30);

    private static byte[] Spl()
    {
        var text = new StringBuilder("# analyzer log\n");
        for (var s = 0; s < 40; s++)
        {
            text.Append($"Time,01-02-2025 10:00:{s:00}.{s * 25 % 1000:000},Watts,{100 + s}.250000,Volts,230.1,Amps,0.5,PF,0.99,Mark,run_testing\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [AuditProperty]
    public Property SplLogRead_OnHostileBytes_GivesSamplesOrOneProblemLineInTheFile()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Spl()), bytes =>
        {
            var log = SplLog.Read(new MemoryStream(bytes, writable: false), Begin, End, 1024);
            if (log.Problem is not null)
            {
                Assert.InRange(log.ProblemLine!.Value, 1, bytes.Length + 1);
                Assert.Equal(0, log.Samples);
            }
            else if (log.Samples > 0)
            {
                Assert.True(log.AverageWatts > 0);
                Assert.InRange(log.FirstLine!.Value, 1, log.LastLine!.Value);
            }
        });

    [AuditProperty]
    public Property PowerTimestampTryParse_OnHostileText_ParsesOrDeclines()
        => PropertyRuns.ForAll(HostileBytes.Mixed(Encoding.UTF8.GetBytes("01-02-2025 10:00:15.123456")), bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            if (PowerTimestamp.TryParse(text, out var time))
            {
                Assert.Contains('.', text);
                Assert.Equal(0, time.Ticks % 10);
            }
        });
}
