using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims.Quantities;

/// <summary>MLPerf Training time to train: the official score (olympic mean x RCP factor), not one run.</summary>
internal sealed class TimeToTrainCalculator : IQuantityCalculator
{
    public static TimeToTrainCalculator Instance { get; } = new();

    public Recomputed Compute(ClaimContext context, EvidencePoint subject, EvidencePoint? baseline)
    {
        var p = subject;
        var claim = context.Claim;
        if (context.MinutesTo() is not { } factor || !string.Equals(p.Unit, "minutes", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(FindingCatalog.ClmUnitMismatchTimeToTrain, claim.Unit, p.Label, p.Unit);
            return Recomputed.None;
        }

        var score = p.Value * factor;
        var formula = p.Audited?.Training?.Score is { } s
            ? $"official score {ClaimGate.Fmt(s.ScoreMinutes)} min = olympic mean {ClaimGate.Fmt(s.OlympicMinutes)} min "
                + $"x RCP factor {ClaimGate.Fmt(s.ScalingFactor)}"
            : $"published score {ClaimGate.Fmt(p.Value)} min ({p.Provenance.File}:{p.Provenance.Line})";
        if (context.Stated.Agrees(score, false))
        {
            return new Recomputed(score, formula);
        }

        var runs = p.Audited?.Training?.Runs ?? [];
        var single = runs.FirstOrDefault(r => r.TimeToTrainMinutes is { } m && context.Stated.RoundsTo(m * factor));
        if (single is not null)
        {
            var run = ClaimGate.Fmt(single.TimeToTrainMinutes!.Value * factor);
            context.AddAt(single.File, null, FindingCatalog.ClmSingleRun,
                context.Stated.Text, single.File, run, claim.Unit, ClaimGate.Fmt(score));
            return new Recomputed(score, formula);
        }

        context.CheckValue(score, false, $"the official score of {p.Label}");
        return new Recomputed(score, formula);
    }
}
