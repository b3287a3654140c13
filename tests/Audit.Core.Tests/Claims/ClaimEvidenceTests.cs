using MlPerfAudit.Core.Claims;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Claims;

/// <summary>
/// A claim whose evidence cannot give the quantity it states is blocked with CLM-EVD-004, on the real audited corpus and
/// the published tables: a step time quoted from an inference result, which has no training steps.
/// </summary>
public sealed class ClaimEvidenceTests(GateFixture gate) : IClassFixture<GateFixture>
{
    [Fact]
    public void Run_WhenAStepTimeClaimCitesAnInferenceResult_BlocksItForLackOfStepTimes()
    {
        var claim = gate.Claim("ok-azure-70b-offline") with
        {
            Id = "step-from-inference",
            Text = "Each step of Llama 2 70B Offline took 1.28 s on ND GB200 v6.",
            Quantity = ClaimQuantity.StepTime,
            Value = 1.28,
            Unit = "seconds",
            Accelerators = null,
        };
        var result = Assert.Single(gate.Run(null, claim).Results);
        Assert.Equal(ClaimVerdict.Block, result.Verdict);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCatalog.ClmEvidenceLacks.Code, finding.Code);
        Assert.Contains("step", finding.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(result.Recomputed);
    }

    [Fact]
    public void Run_WhenTheSameStepTimeClaimCitesATrainingResult_RecomputesIt()
    {
        var result = Assert.Single(gate.Run(null, gate.Claim("ok-azure-step")).Results);
        Assert.Equal(ClaimVerdict.Pass, result.Verdict);
        Assert.DoesNotContain(result.Findings, f => f.Code == "CLM-EVD-004");
    }
}
