using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// Power results (a <c>performance/power</c> folder): the files the power checker needs must be there.
/// The power metric itself (average watts between power_begin and power_end) is not computed yet.
/// </summary>
internal static class PowerRules
{
    public static bool HasPower(ResultContext context) => context.Index.FolderExists(context.Location.Folder + "/performance/power");

    public static void Check(ResultContext context)
    {
        var power = context.Location.Folder + "/performance/power";
        foreach (var name in context.Round.Files.PowerRequired.Where(n => context.Index.File($"{power}/{n}") is null))
        {
            context.Add(FindingCatalog.InfPowerFileMissing, $"{power}/{name} is missing.", $"{power}/{name}");
        }

        var ranging = context.Location.Folder + "/performance/ranging";
        foreach (var name in context.Round.Files.PerformanceRequired.Concat(context.Round.Files.PowerRunRequired).Where(n => context.Index.File($"{ranging}/{n}") is null))
        {
            context.Add(FindingCatalog.InfPowerFileMissing, $"{ranging}/{name} is missing.", $"{ranging}/{name}");
        }
    }
}
