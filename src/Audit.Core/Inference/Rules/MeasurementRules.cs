using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Inference.Systems;

namespace MlPerfAudit.Core.Inference.Rules;

/// <summary>
/// The measurements: user.conf and README.md present and non-empty, and the implementation JSON with every
/// required field. Split layout (v5.x): in measurements/&lt;sys&gt;/&lt;bench&gt;/&lt;scen&gt;, JSON named
/// <c>&lt;system&gt;_&lt;Scenario&gt;.json</c> or <c>&lt;system&gt;*.json</c>; merged layout (v6.x): in the result folder, JSON
/// <c>measurements.json</c>.
/// Returns <c>weight_data_types</c> for the CSV.
/// </summary>
internal static class MeasurementRules
{
    /// <param name="context">The result.</param>
    /// <param name="endpoints">True for an endpoints result, which has no user.conf (as the official checker, it is not required).</param>
    public static string? Check(ResultContext context, bool endpoints = false)
    {
        var folder = context.MeasurementsFolder;
        var merged = context.Layout == Layout.ResultLayout.Merged;
        if (folder is null)
        {
            return null;
        }

        if (!context.Index.FolderExists(folder))
        {
            context.Add(FindingCatalog.InfMeasurementsMissing.At(folder, null, folder));
            return null;
        }

        foreach (var name in context.Round.Files.MeasurementsRequired.Where(n => !endpoints || n != "user.conf"))
        {
            var entry = context.Index.File($"{folder}/{name}");
            if (entry is null)
            {
                context.Add(FindingCatalog.InfMeasurementsMissing.At($"{folder}/{name}", null, $"{folder}/{name}"));
            }
            else if (entry.Length == 0)
            {
                context.Add(FindingCatalog.InfEmptyFile.At(entry.Path, null, $"{folder}/{name}"));
            }
        }

        var system = context.Location.System;
        var implementation = merged ? context.Index.File(folder + "/measurements.json") : SplitImplementation(context, folder);
        if (implementation is null)
        {
            context.Add(merged
                ? FindingCatalog.InfMeasurementsMissingJson.At(folder, null, folder + "/measurements.json")
                : FindingCatalog.InfMeasurementsMissingSystemJson.At(folder, null, folder, system, context.Location.Scenario));
            return null;
        }

        CheckCodeFolder(context, implementation.FileName);
        JsonFile json;
        using (var stream = context.Index.Bundle.Open(implementation))
        {
            json = JsonFile.Read(stream, implementation.Path, 16L << 20);
        }

        if (json.Error is not null)
        {
            context.Add(FindingCatalog.InfMeasurementsFieldUnreadable.At(json.File, json.ErrorLine, json.Error));
            return null;
        }

        if (json.HasDuplicateKeys)
        {
            context.Add(FindingCatalog.InfJsonDuplicateKeyImplementation.At(json.File, null));
        }

        foreach (var field in context.Round.ImplementationRequired)
        {
            if (json.Member(field) is null)
            {
                context.Add(FindingCatalog.InfMeasurementsField.At(json.File, null, field));
            }
            else if (JsonFile.IsEmpty(json.Member(field)))
            {
                context.Add(FindingCatalog.InfMeasurementsFieldEmpty.At(json.File, null, field));
            }
        }

        return json.Text("weight_data_types");
    }

    /// <summary>The split layout's implementation JSON: named after the system and scenario, else after the system.</summary>
    private static Bundles.BundleEntry? SplitImplementation(ResultContext context, string folder)
    {
        var system = context.Location.System;
        var files = context.Index.FilesIn(folder);
        return files.FirstOrDefault(f => f.FileName.StartsWith(system, StringComparison.Ordinal)
                && f.FileName.EndsWith($"_{context.Location.ScenarioFolder}.json", StringComparison.Ordinal))
            ?? files.FirstOrDefault(f => f.FileName.StartsWith(system, StringComparison.Ordinal)
                && f.FileName.EndsWith(".json", StringComparison.Ordinal));
    }

    private static void CheckCodeFolder(ResultContext context, string implementationFile)
    {
        if (!context.Location.IsClosedOrNetwork || context.CodeFolder is not { } code)
        {
            return;
        }

        if (!context.Index.FolderExistsOrLinked(code) && context.Index.File(code) is null)
        {
            context.Add(FindingCatalog.InfCodeMissing.At(code, null, code, implementationFile));
        }
    }
}
