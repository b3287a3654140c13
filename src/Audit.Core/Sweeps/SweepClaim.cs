using System.Globalization;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Sweeps;

/// <summary>
/// A claimed configuration such as <c>MBS=4,TP=1,PP=2,CP=1</c>: sizes by name (MBS, GBS, TP, PP, CP, DP; any case,
/// separated by commas or spaces). Sizes not named match any value, so <c>MBS=2</c> names the MBS 2 configuration of
/// a micro-batch sweep.
/// </summary>
/// <param name="Sizes">The named sizes, keyed by upper-case name.</param>
internal sealed record SweepClaim(IReadOnlyDictionary<string, int> Sizes)
{
    private static readonly string[] Names = ["MBS", "GBS", "TP", "PP", "CP", "DP"];

    /// <summary>Parses a claim; false with the reason when it is not one.</summary>
    public static bool TryParse(string text, out SweepClaim claim, out string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        claim = new SweepClaim(new Dictionary<string, int>());
        reason = string.Empty;
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(
            text, @"\s*=\s*", "=", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (var part in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? string.Empty : part[..eq].Trim().ToUpperInvariant();
            if (eq < 0 || !Names.Contains(name))
            {
                reason = $"'{part}' is not NAME=VALUE with NAME one of {string.Join(", ", Names)} (e.g. MBS=4,TP=1,PP=2,CP=1).";
                return false;
            }

            if (!int.TryParse(part[(eq + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                reason = $"'{part}': the value must be a positive whole number.";
                return false;
            }

            if (!sizes.TryAdd(name, value))
            {
                reason = $"{name} is given twice.";
                return false;
            }
        }

        if (sizes.Count == 0)
        {
            reason = "the claim names no size (e.g. MBS=4,TP=1,PP=2,CP=1).";
            return false;
        }

        claim = new SweepClaim(sizes);
        return true;
    }

    /// <summary>True when every named size equals the configuration's.</summary>
    public bool Matches(SweepConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (name, value) in Sizes)
        {
            var actual = name switch
            {
                "MBS" => configuration.MicroBatchSize,
                "GBS" => configuration.GlobalBatchSize,
                "TP" => configuration.TensorParallel,
                "PP" => configuration.PipelineParallel,
                "CP" => configuration.ContextParallel,
                _ => configuration.DataParallel,
            };
            if (actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
