using System.Text.RegularExpressions;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Pipeline;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Training;

/// <summary>
/// Audits MLPerf Training results as the official package checker, compliance checker, RCP checker and
/// result summarizer of mlcommons/logging do (spec: shared/spec/training-rules.md), and adds derived
/// metrics. Reads only through <see cref="IBundle"/>: no disk, clock or network. Each result folder is audited by a
/// <see cref="ResultFolderAuditor"/>.
/// </summary>
public static partial class TrainingAuditor
{
    /// <summary>
    /// True when the bundle holds training result logs: <c>result_N.txt</c> files in the training layout
    /// (<c>&lt;org&gt;/results/&lt;system&gt;/&lt;benchmark&gt;/</c>), in a single <c>&lt;system&gt;/&lt;benchmark&gt;</c>
    /// folder, or bare. Inference bundles (mlperf_log_detail.txt, no result_N.txt) are not recognised.
    /// </summary>
    public static bool Recognizes(IBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Entries.Any(e => IsResultFile(e.FileName));
    }

    /// <summary>Audits every training result folder in the bundle.</summary>
    /// <param name="bundle">The opened bundle.</param>
    /// <param name="options">Options; validated here, all problems reported in one <see cref="ArgumentException"/>.</param>
    /// <param name="tool">Tool name and version for the report.</param>
    public static AuditReport Audit(OpenedBundle bundle, TrainingAuditOptions options, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid training audit options: " + string.Join(" ", problems), nameof(options));
        }

        var bundleInfo = new BundleInfo(bundle.Sha256, bundle.Bundle.Name);
        var bundleFindings = new List<Finding>(bundle.Bundle.OpeningFindings);
        var folders = bundle.Bundle.Entries.Where(e => IsResultFile(e.FileName)).GroupBy(e => e.Folder, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();

        var inferred = options.RuleSet is null ? RuleSetInference.Infer(bundle.Bundle, folders) : null;
        var ruleSetId = options.RuleSet ?? inferred!.RuleSet;
        // Validate() above rejects an unknown rule set and inference returns a supported one (TRN-RND-001 is retired).
        var rules = TrainingRuleSet.Get(ruleSetId)
            ?? throw new InvalidOperationException($"Rule set '{ruleSetId}' passed validation but has no rules.");

        bundleFindings.AddRange(inferred?.Findings.Where(f => f.File is null) ?? []);
        var deadline = AuditDeadline.Start(options.Clock, options.MaxAuditTime);
        var (results, timeLimitHit) = AuditFolders(bundle.Bundle, folders, rules, inferred, options, deadline, bundleFindings);
        var valid = results.Count(r => r.Verdict == Verdict.Valid);
        var limits = new BundleLimits { MaxLineBytes = options.MaxLineBytes, MaxAuditTime = options.MaxAuditTime };
        return new AuditReport(tool, new RulesInfo("training", rules.Round, rules.Digest), bundleInfo,
            results, bundleFindings, new ReportSummary(valid, results.Count - valid))
        {
            Limits = deadline is null ? null : ReportLimits.From(limits, timed: true, timeLimitHit ? [nameof(BundleLimits.MaxAuditTime)] : []),
        };
    }

    /// <summary>True for a <c>result_*.txt</c> file name.</summary>
    internal static bool IsResultFile(string fileName) => ResultFileName().IsMatch(fileName);

    /// <summary>
    /// A result's id: its folder, or, for a bundle whose root is the submitter folder (<c>results/</c> at the top), the folder
    /// under the bundle's name.
    /// </summary>
    internal static string ResultId(string bundleName, string folder)
        => folder.StartsWith("results/", StringComparison.Ordinal) ? $"{BundleNames.WithoutArchiveExtension(bundleName)}/{folder}" : folder;

    private static (List<ResultReport> Results, bool TimeLimitHit) AuditFolders(
        IBundle bundle,
        List<IGrouping<string, BundleEntry>> folders,
        TrainingRuleSet rules,
        RuleSetChoice? inferred,
        TrainingAuditOptions options,
        AuditDeadline? deadline,
        List<Finding> bundleFindings)
    {
        // Without --round, a folder whose benchmark the bundle's rule set lacks is judged by the rule set that holds it.
        var findingsByFolder = inferred?.Findings.Where(f => f.File is not null).ToLookup(f => f.File!, StringComparer.Ordinal);
        var systems = new SystemDescriptionCache(bundle);
        var results = new List<ResultReport>();
        var timeLimitHit = false;
        foreach (var folder in folders)
        {
            var layout = ResultFolderLayout.Of(folder.Key);
            if (deadline?.Passed == true)
            {
                // Out of time: the folder is reported as an invalid result with the reason; never left out.
                timeLimitHit = true;
                results.Add(NotJudged(bundle.Name, folder.Key, layout, options.MaxAuditTime));
                continue;
            }

            var system = layout.SystemJsonPath is { } sysPath ? systems.Get(sysPath, layout.System) : null;
            var folderRules = inferred is not null && inferred.PerFolder.TryGetValue(folder.Key, out var fit) ? TrainingRuleSet.Get(fit)! : rules;
            var files = folder.OrderBy(e => e.FileName, StringComparer.Ordinal).ToList();
            var result = new ResultFolderAuditor(bundle, folder.Key, layout, system, folderRules, options).Audit(files, bundleFindings);
            if (result is not null)
            {
                results.Add(findingsByFolder is null || !findingsByFolder.Contains(folder.Key) ? result
                    : result with { Findings = [.. result.Findings, .. findingsByFolder[folder.Key]] });
            }
        }

        results.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return (results, timeLimitHit);
    }

    private static ResultReport NotJudged(string bundleName, string folder, ResultFolderLayout layout, TimeSpan limit)
    {
        var finding = AuditDeadline.NotJudged(limit, folder);
        return new ResultReport(ResultId(bundleName, folder), string.Empty, layout.Submitter ?? string.Empty, layout.System ?? string.Empty,
            layout.Benchmark ?? string.Empty, string.Empty, Verdict.Invalid, null, null, null, DerivedMetrics.None, [finding]);
    }

    [GeneratedRegex(@"^result_[^/]*\.txt$")]
    private static partial Regex ResultFileName();
}
