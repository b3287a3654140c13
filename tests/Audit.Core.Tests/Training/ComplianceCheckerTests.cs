using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Tests.Training;

public sealed class ComplianceCheckerTests
{
    [Theory]
    [MemberData(nameof(TrainingCorpus.Folders), MemberType = typeof(TrainingCorpus))]
    public void Check_WhenRealCorpusRun_IsCompliant(string folder)
    {
        var rules = TrainingRuleSet.Get(TrainingCorpus.RuleSetOf(folder))!;
        foreach (var file in TrainingCorpus.ResultFiles(folder))
        {
            var result = ComplianceChecker.Check(TrainingCorpus.Parse(file), rules);
            Assert.True(result.Compliant, file + ": " + string.Join(" | ", result.Findings.Select(f => f.Code + " " + f.Message)));
        }
    }
}
