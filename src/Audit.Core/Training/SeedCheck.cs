using System.Globalization;
using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training.Logs;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// The seeds of a closed-division result folder (spec §10): every run logs an integer seed with its source file and line
/// (TRN-SEED-001), one seed per run (TRN-SEED-003), and no seed from the same source line twice (TRN-SEED-002).
/// </summary>
internal static class SeedCheck
{
    /// <summary>Adds the seed findings of <paramref name="logs"/> to <paramref name="findings"/>.</summary>
    public static void Check(List<TrainingLog> logs, List<Finding> findings)
    {
        var seen = new Dictionary<(string File, string Line, long Value), string>();
        foreach (var log in logs)
        {
            if (log.Problems.Count > 0)
            {
                findings.Add(FindingCatalog.TrnSeedUnreadable.At(log.Path, null));
                continue;
            }

            var seeds = log.Records.Where(r => r.Key == "seed").ToList();
            if (seeds.Count == 0)
            {
                findings.Add(FindingCatalog.TrnSeedMissing.At(log.Path, null));
                continue;
            }

            if (seeds.Count > 1)
            {
                findings.Add(FindingCatalog.TrnSeedSeveral.At(log.Path, seeds[1].Line, seeds.Count));
            }

            foreach (var s in seeds)
            {
                CheckOne(log, s, seen, findings);
            }
        }
    }

    /// <summary>int() of the first seed the log gives, or null.</summary>
    public static long? FirstSeed(TrainingLog log) => log.First("seed") is { } s ? SeedValue(s.Value) : null;

    private static void CheckOne(
        TrainingLog log, TrainingRecord s, Dictionary<(string File, string Line, long Value), string> seen, List<Finding> findings)
    {
        var value = SeedValue(s.Value);
        if (value is null || !s.TryGetMetadata("file", out var file) || !s.TryGetMetadata("lineno", out var lineno))
        {
            findings.Add(FindingCatalog.TrnSeedNotInteger.At(log.Path, s.Line, ComplianceChecker.RuleValueText(s.Value)));
            return;
        }

        var key = (file.ToString(), lineno.GetRawText(), value.Value);
        if (seen.TryGetValue(key, out var other))
        {
            findings.Add(FindingCatalog.TrnSeedRepeated.At(log.Path, s.Line, value, key.Item1, key.Item2, other));
        }
        else
        {
            seen[key] = log.Path;
        }
    }

    /// <summary>int() of the seed value: integers, integral floats truncated, numeric strings.</summary>
    private static long? SeedValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.Number when v.GetDouble() is var d && double.IsFinite(d) && Math.Abs(d) < 9e18 => (long)Math.Truncate(d),
        JsonValueKind.String when long.TryParse(v.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };
}
