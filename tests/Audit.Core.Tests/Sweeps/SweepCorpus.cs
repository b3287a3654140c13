using System.Text;
using System.Text.RegularExpressions;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Sweeps;
using MlPerfAudit.Core.Tests.Training;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Sweeps;

/// <summary>
/// The real H200 sweep of <c>../shared/corpus/sweeps/h200-llama-0.9b-mbs</c>, read in place, with planted problems made
/// in memory from the real files (nothing is copied into the repository).
/// </summary>
internal static class SweepCorpus
{
    public static string Folder => RepoPaths.Corpus("sweeps", "h200-llama-0.9b-mbs");

    public static readonly ToolInfo Tool = new("mlperf-audit", "0.0.0-test");

    public static AuditReport Audit(SweepAuditOptions? options = null, IReadOnlyDictionary<string, byte[]>? overrides = null,
        IEnumerable<string>? remove = null)
    {
        using var bundle = FolderBundle.Opened(Folder, overrides, remove);
        return SweepAuditor.Audit(bundle, options ?? new SweepAuditOptions(), Tool);
    }

    public static string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

    public static ResultReport Result(AuditReport report, int mbs)
        => Assert.Single(report.Results, r => r.Sweep!.Configuration.MicroBatchSize == mbs);

    /// <summary>The telemetry with <paramref name="edit"/> applied to the cells of every row whose time of day lies in [from, to]
    /// ("HH:mm:ss.fff").</summary>
    public static byte[] EditTelemetry(string from, string to, Func<string[], string[]?> edit)
    {
        var lines = Read("telemetry.csv").Split('\n');
        var output = new StringBuilder();
        var edited = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i > 0 && line.Length > 0)
            {
                var cells = line.Split(',');
                var time = cells[0].Trim()[11..];
                if (string.CompareOrdinal(time, from) >= 0 && string.CompareOrdinal(time, to) <= 0)
                {
                    edited++;
                    var changed = edit(cells);
                    if (changed is null)
                    {
                        continue; // row removed
                    }

                    line = string.Join(",", changed);
                }
            }

            output.Append(line);
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        Assert.True(edited > 0, $"no telemetry row between {from} and {to}");
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    /// <summary>The log of <paramref name="file"/> with each train_loss value replaced by <paramref name="loss"/>(step, value).</summary>
    public static byte[] EditLoss(string file, Func<int, double, string> loss)
    {
        var pattern = new Regex("(\"key\": \"train_loss\", \"value\": )([^,]+)(, .*\"step_num\": )([0-9]+)");
        var text = Read(file);
        Assert.Matches(pattern, text);
        return Encoding.UTF8.GetBytes(pattern.Replace(text, m =>
            m.Groups[1].Value + loss(int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) + m.Groups[3].Value + m.Groups[4].Value));
    }

    /// <summary>1-based line in the telemetry of the first row at time of day <paramref name="time"/>.</summary>
    public static int TelemetryLine(string time)
        => Array.FindIndex(Read("telemetry.csv").Split('\n'), l => l.Contains(time, StringComparison.Ordinal)) + 1;
}
