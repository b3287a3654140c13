using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Rounds;

namespace MlPerfAudit.Core.Claims;

/// <summary>An audited report used as evidence.</summary>
/// <param name="Source">Path or name as given (for provenance).</param>
/// <param name="Report">The audit report (from running the auditors on a bundle, or read from report.json).</param>
public sealed record AuditedEvidence(string Source, AuditReport Report);

/// <summary>Everything the gate reads. Pure values: the CLI and the Functions app do the I/O.</summary>
/// <param name="Claims">The claims, as read by <see cref="ClaimsJson.Read"/>.</param>
/// <param name="ClaimsFile">The claims file's name and SHA-256 (the signed statement's subject).</param>
/// <param name="ClaimLines">1-based line of each claim, by id.</param>
/// <param name="Evidence">Audited evidence.</param>
/// <param name="Baselines">Published tables, indexed.</param>
/// <param name="BaselineTables">Which tables were loaded.</param>
public sealed record GateInputs(
    ClaimsFile Claims,
    BundleInfo ClaimsFile,
    IReadOnlyDictionary<string, int> ClaimLines,
    IReadOnlyList<AuditedEvidence> Evidence,
    BaselineIndex Baselines,
    IReadOnlyList<GateBaselineInfo> BaselineTables);

/// <summary>
/// The release gate: recomputes each claimed number from its evidence, compares it under the stated rounding and
/// qualifier, and gives pass, warn or block with stable CLM-* codes and provenance. Pure: no disk, clock or network.
/// </summary>
/// <remarks>
/// The parts: <see cref="EvidenceResolver"/> finds each referenced result, <see cref="StatedNumber"/> holds the rounding
/// and qualifier rules, one <see cref="Quantities.IQuantityCalculator"/> per quantity recomputes the number, and
/// <see cref="ClaimMessages"/> writes the findings' text.
/// </remarks>
public static class ClaimGate
{
    /// <summary>Runs the gate over every claim.</summary>
    /// <param name="inputs">Claims, evidence and baselines.</param>
    /// <param name="tool">Tool identity written into the report.</param>
    public static GateReport Run(GateInputs inputs, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(tool);
        var results = inputs.Claims.Claims
            .Select(c => new ClaimCheck(c, inputs, inputs.ClaimLines.TryGetValue(c.Id, out var l) ? l : null).Run())
            .ToList();
        var evidence = inputs.Evidence
            .Select(e => new GateEvidenceInfo(e.Source, e.Report.Bundle.Sha256, e.Report.Rules.Suite, e.Report.Rules.Round,
                e.Report.Summary.Valid, e.Report.Summary.Invalid))
            .ToList();
        return new GateReport(
            tool,
            new RulesInfo(GateRules.Suite, GateRules.Version, GateRules.Digest),
            inputs.ClaimsFile,
            evidence,
            inputs.BaselineTables,
            results,
            new GateSummary(
                results.Count(r => r.Verdict == ClaimVerdict.Pass),
                results.Count(r => r.Verdict == ClaimVerdict.Warn),
                results.Count(r => r.Verdict == ClaimVerdict.Block)));
    }

    /// <summary>
    /// The round as published tables write it (<see cref="RoundLabel.Number"/>): <c>6.0.0</c> and <c>v6.0</c> give <c>6.0</c>;
    /// text that is no round name stays as written, without a leading v, so that it never matches a known round.
    /// </summary>
    internal static string NormalizeRound(string round)
    {
        var text = round.Trim();
        return RoundLabel.Parse(text)?.Number ?? RoundLabel.WithoutV(text);
    }

    /// <summary>A number as the gate writes it: six significant digits, no trailing zeros, invariant culture.</summary>
    internal static string Fmt(double v) => NumberText.SignificantFixed(v);
}
