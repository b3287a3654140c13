using System.Text;

namespace MlPerfAudit.Core.Claims;

/// <summary>Which CI system's log commands <see cref="GateAnnotations"/> writes.</summary>
public enum CiSystem
{
    /// <summary>GitHub Actions workflow commands: <c>::error file=...,line=...::message</c>.</summary>
    GitHub = 1,

    /// <summary>Azure Pipelines logging commands: <c>##vso[task.logissue type=error;sourcepath=...;linenumber=...]message</c>.</summary>
    AzurePipelines = 2,
}

/// <summary>
/// CI annotations for a gate report: one per blocked claim (error) and per claim let through with notes (warning), at the
/// claim's line in the claims file, so the pull request shows why next to the number.
/// </summary>
public static class GateAnnotations
{
    /// <summary>The annotation lines, one per claim that did not pass, each ending with a newline.</summary>
    /// <param name="report">The gate report.</param>
    /// <param name="claimsPath">The claims file's path as the CI knows it (relative to the repository root).</param>
    /// <param name="ci">Which CI's syntax.</param>
    public static string Render(GateReport report, string claimsPath, CiSystem ci)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(claimsPath);
        var text = new StringBuilder();
        foreach (var r in report.Results.Where(r => r.Verdict != ClaimVerdict.Pass))
        {
            var error = r.Verdict == ClaimVerdict.Block;
            var codes = string.Join(", ", r.Findings.Select(f => f.Code).Distinct());
            var message = $"{r.Id} {(error ? "blocked" : "warns")} ({codes}): "
                + string.Join(" ", r.Findings.Where(f => !error || f.Severity == Findings.Severity.Error).Select(f => $"{f.Code} {f.Message}"));
            text.Append(ci == CiSystem.GitHub ? GitHub(error, claimsPath, r.Line, codes, message) : Azure(error, claimsPath, r.Line, codes, message));
        }

        return text.ToString();
    }

    private static string GitHub(bool error, string file, int? line, string codes, string message)
        => $"::{(error ? "error" : "warning")} file={Property(file)}{(line is { } l ? $",line={l}" : string.Empty)},"
            + $"title={Property("Claims gate: " + codes)}::{Data(message)}\n";

    private static string Azure(bool error, string file, int? line, string codes, string message)
        => $"##vso[task.logissue type={(error ? "error" : "warning")};sourcepath={AzureProperty(file)}"
            + $"{(line is { } l ? $";linenumber={l}" : string.Empty)};"
            + $"code={AzureProperty(codes)}]{AzureData(message)}\n";

    // GitHub's escaping of workflow command data and properties (actions/toolkit, command.ts).
    private static string Data(string s) => s.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string s) => Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    // Azure Pipelines' escaping of logging command data and properties (azure-pipelines-task-lib).
    private static string AzureData(string s) => s.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string AzureProperty(string s)
        => AzureData(s).Replace(";", "%3B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);
}
