using System.Text.Json;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Training.Logs;

namespace MlPerfAudit.Core.Training;

/// <summary>The logs' submission_org and submission_division against the system description (TRN-SYS-006).</summary>
internal static class IdentityCheck
{
    /// <summary>Adds TRN-SYS-006 to <paramref name="findings"/> where the logs and <paramref name="desc"/> disagree.</summary>
    public static void Check(List<TrainingLog> logs, SystemDescription? desc, string? loggedDivision, string folder, List<Finding> findings)
    {
        if (desc is null)
        {
            return;
        }

        var org = logs.Select(l => l.First("submission_org")).FirstOrDefault(r => r is not null);
        if (org is not null && org.Value.ValueKind == JsonValueKind.String && desc.Submitter is { } submitter
            && org.Value.GetString() != submitter)
        {
            findings.Add(FindingCatalog.TrnSysIdentityMismatch.At(logs[0].Path, org.Line, org.Value.GetString(), submitter));
        }

        if (loggedDivision is not null && desc.Division is { } division && loggedDivision != division)
        {
            findings.Add(FindingCatalog.TrnSysDivisionMismatch.At(folder, null, loggedDivision, division));
        }
    }
}
