using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference.Layout;
using MlPerfAudit.Core.Inference.Round;
using MlPerfAudit.Core.Training;

namespace MlPerfAudit.Core.Pipeline;

/// <summary>The MLPerf suites the tool audits.</summary>
public enum Suite
{
    /// <summary>MLPerf Inference (LoadGen logs).</summary>
    Inference = 1,

    /// <summary>MLPerf Training (MLLOG result_N.txt logs).</summary>
    Training = 2,

    /// <summary>A single-machine pretraining validation sweep (one MLLOG log per configuration plus nvidia-smi telemetry).</summary>
    Sweep = 3,
}

/// <summary>Tells which suite a bundle holds, and maps a user's round label to each suite's rules.</summary>
public static class SuiteDetector
{
    /// <summary>Inference when the bundle holds inference result folders; otherwise training when it holds training logs; otherwise a sweep when it
    /// holds sweep logs; otherwise inference (which reports that nothing was found).</summary>
    public static Suite Detect(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (ResultLocator.Locate(bundle).Count > 0)
        {
            return Suite.Inference;
        }

        if (TrainingAuditor.Recognizes(bundle))
        {
            return Suite.Training;
        }

        return Sweeps.SweepAuditor.Recognizes(bundle) ? Suite.Sweep : Suite.Inference;
    }

    /// <summary>The training rule set for a round label: <c>v5.1</c> and <c>5.1.0</c> both give <c>5.1.0</c>; null when there is none.</summary>
    public static string? TrainingRuleSet(string round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var candidate = Rounds.RoundLabel.Parse(round)?.TrainingRuleSet;
        return candidate is not null && Training.Rules.TrainingRuleSet.Supported.Contains(candidate) ? candidate : null;
    }

    /// <summary>True when some suite has rules for the round label.</summary>
    public static bool IsKnownRound(string round)
        => InferenceRoundCatalog.Find(round) is not null || TrainingRuleSet(round) is not null;
}
