using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// Finds the one result an evidence reference names: among the audited evidence (every given field must match) and in
/// the published tables; adds the CLM-EVD-*, CLM-PUB-* and INF-CONS-008 findings resolution gives.
/// </summary>
internal sealed class EvidenceResolver(ClaimContext context)
{
    private GateInputs Inputs => context.Inputs;

    /// <summary>
    /// The resolved point; or, when the reference matches several results, each candidate (no finding: the caller explains
    /// them); or neither, with a finding saying why.
    /// </summary>
    public EvidenceResolution Resolve(EvidenceRef reference)
    {
        var round = reference.Round is { } r ? ClaimGate.NormalizeRound(r)
            : reference.ResultId is { } id && id.Contains('-', StringComparison.Ordinal) ? id[..id.IndexOf('-', StringComparison.Ordinal)] : null;

        IReadOnlyList<PublishedResult> byId = [];
        if (reference.ResultId is { } resultId)
        {
            byId = Inputs.Baselines.ById(resultId);
            if (byId.Count == 0)
            {
                context.Add(FindingCatalog.ClmNotPublished, resultId, context.Tables);
                return EvidenceResolution.Failed;
            }
        }

        var audited = Audited(reference, round, byId);
        if (audited.Count > 1)
        {
            var candidates = audited.Where(a => a.Result.Metric is not null).Select(a => Candidate(a.Source, a.Result)).ToList();
            return new EvidenceResolution(null, candidates, ClaimMessages.AmbiguousAudited(Describe(reference), audited.Count));
        }

        var auditedOne = audited.Count == 1 ? audited[0] : default;
        var scenario = reference.Scenario ?? auditedOne.Result?.Scenario;
        var published = Deduplicate(Inputs.Baselines.Find(
            reference.Benchmark,
            scenario,
            reference.ResultId,
            reference.Submitter ?? auditedOne.Result?.Submitter,
            reference.System ?? auditedOne.Result?.System,
            round ?? (auditedOne.Source is { } src ? ClaimGate.NormalizeRound(src.Report.Rules.Round) : null)));

        if (reference.ResultId is { } rid && published.Count == 0)
        {
            var rows = byId.Select(p => p.Benchmark + " " + p.Scenario).Distinct().Take(8).ToList();
            var scenarioText = scenario is null ? string.Empty : " " + scenario;
            context.Add(FindingCatalog.ClmNotPublishedRow, rid, reference.Benchmark, scenarioText, string.Join(", ", rows));
            return EvidenceResolution.Failed;
        }

        if (published.Count > 1 && auditedOne.Result is null)
        {
            var candidates = published.Select(Candidate).ToList();
            return new EvidenceResolution(null, candidates, ClaimMessages.AmbiguousPublished(Describe(reference), published.Count));
        }

        var row = published.Count == 1 ? published[0] : null;
        if (auditedOne.Result is { } result)
        {
            return EvidenceResolution.Of(FromAudit(auditedOne.Source, result, row));
        }

        if (row is null)
        {
            context.Add(FindingCatalog.ClmEvidenceMissing, Describe(reference), Inputs.Evidence.Count, context.Tables);
            return EvidenceResolution.Failed;
        }

        return EvidenceResolution.Of(FromPublished(row));
    }

    /// <summary>An audited candidate of an ambiguous reference, built without findings or provenance.</summary>
    private static EvidencePoint Candidate(AuditedEvidence source, ResultReport result)
        => new(result.Benchmark, result.Scenario, result.Submitter, result.System,
            ClaimGate.NormalizeRound(source.Report.Rules.Round), result.Division,
            result.Metric!.Value, result.Metric.Unit, result.Accelerators, result, source, null,
            new EvidenceProvenance("audit", source.Source, null, result.Id, result.Benchmark, result.Scenario, result.System,
                result.Metric.Value, result.Metric.Unit, result.Accelerators, result.Metric.File, result.Metric.Line,
                result.Verdict == Verdict.Valid ? "valid" : "invalid"));

    /// <summary>A published candidate of an ambiguous reference, read in its metric's unit, without findings.</summary>
    private static EvidencePoint Candidate(PublishedResult row)
        => new(row.Benchmark, row.Scenario, row.Submitter, row.Platform, row.Round, row.Division, row.Value,
            PublishedUnitCheck.ExpectedUnit(row) ?? row.Unit, row.Accelerators, null, null, row, Provenance(row));

    /// <summary>Audited results matching every field the reference gives.</summary>
    private List<(AuditedEvidence Source, ResultReport Result)> Audited(EvidenceRef reference, string? round, IReadOnlyList<PublishedResult> byId)
    {
        var audited = new List<(AuditedEvidence Source, ResultReport Result)>();
        foreach (var evidence in Inputs.Evidence)
        {
            if (round is not null && ClaimGate.NormalizeRound(evidence.Report.Rules.Round) != round)
            {
                continue;
            }

            foreach (var result in evidence.Report.Results)
            {
                if (Matches(reference, result, byId))
                {
                    audited.Add((evidence, result));
                }
            }
        }

        return audited;
    }

    private static bool Matches(EvidenceRef reference, ResultReport result, IReadOnlyList<PublishedResult> byId)
        => ClaimContext.Eq(result.Benchmark, reference.Benchmark)
            && (reference.Scenario is not { } s || ClaimContext.Eq(result.Scenario, s))
            && (reference.Submitter is not { } sub || ClaimContext.Eq(result.Submitter, sub))
            && (reference.System is not { } sys || ClaimContext.Eq(result.System, sys) || ClaimContext.Eq(result.SystemDescription?.SystemName, sys))
            && (byId.Count == 0 || byId.Any(p => ClaimContext.Eq(p.Platform, result.System) && ClaimContext.Eq(p.Submitter, result.Submitter)));

    private EvidencePoint? FromAudit(AuditedEvidence source, ResultReport result, PublishedResult? row)
    {
        if (result.Verdict != Verdict.Valid)
        {
            var first = result.Findings.FirstOrDefault(f => f.Severity == Severity.Error);
            var firstText = first is null ? string.Empty : $" ({first.Code}: {first.Message})";
            context.AddAt(first?.File ?? source.Source, first?.Line, FindingCatalog.ClmEvidenceInvalid, result.Id, source.Source, firstText);
        }

        if (result.Metric is null)
        {
            context.AddAt(source.Source, null, FindingCatalog.ClmEvidenceLacks, result.Id);
            return null;
        }

        var point = new EvidencePoint(result.Benchmark, result.Scenario, result.Submitter, result.System,
            ClaimGate.NormalizeRound(source.Report.Rules.Round), result.Division, result.Metric.Value, result.Metric.Unit, result.Accelerators,
            result, source, row,
            new EvidenceProvenance("audit", source.Source, row?.Id, result.Id, result.Benchmark, result.Scenario, result.System,
                result.Metric.Value, result.Metric.Unit, result.Accelerators, result.Metric.File, result.Metric.Line,
                result.Verdict == Verdict.Valid ? "valid" : "invalid"));
        context.AddProvenance(point.Provenance);
        if (row is not null)
        {
            NoteUnit(row);
            context.AddProvenance(Provenance(row));
            var gap = Math.Abs(row.Value - point.Value) / Math.Max(Math.Abs(row.Value), double.Epsilon);
            if (gap > GateRules.PublishedTolerance)
            {
                context.AddAt(row.Source, row.Line, FindingCatalog.ClmPublishedDiffers,
                    point.Label, ClaimGate.Fmt(point.Value), point.Unit, ClaimGate.Fmt(row.Value), row.Unit);
            }
        }

        return point;
    }

    private EvidencePoint FromPublished(PublishedResult row)
    {
        var point = new EvidencePoint(row.Benchmark, row.Scenario, row.Submitter, row.Platform, row.Round, row.Division, row.Value,
            NoteUnit(row), row.Accelerators, null, null, row, Provenance(row));
        context.AddProvenance(point.Provenance);
        if (row.Inferred)
        {
            context.AddAt(row.Source, row.Line, FindingCatalog.ClmPublishedInferred, point.Label, ClaimGate.Fmt(row.Value), row.Unit);
        }

        return point;
    }

    /// <summary>
    /// The unit the row's number is in: the metric's under the round's rules, else as published. A row published with
    /// another unit gets INF-CONS-008, and the gate reads its number in the metric's unit.
    /// </summary>
    private string NoteUnit(PublishedResult row)
    {
        if (PublishedUnitCheck.ExpectedUnit(row) is not { } expected || string.Equals(expected, row.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return row.Unit;
        }

        context.AddAt(row.Source, row.Line, FindingCatalog.InfPublishedUnitMismatchGate,
            row.Id, row.Benchmark, row.Scenario, ClaimGate.Fmt(row.Value), row.Unit, row.Round, expected);
        return expected;
    }

    /// <summary>Rows of the same result listed by several tables collapse to one when their values agree.</summary>
    private static IReadOnlyList<PublishedResult> Deduplicate(IReadOnlyList<PublishedResult> rows)
        => [.. rows.GroupBy(r => (r.Round, r.Submitter.ToUpperInvariant(), r.Platform.ToUpperInvariant(), r.Benchmark.ToUpperInvariant(),
                r.Scenario.ToUpperInvariant(), r.Id))
            .SelectMany(g =>
            {
                var best = g.OrderByDescending(r => r.GlobalBatchSize is not null).First();
                return g.All(r => Math.Abs(r.Value - best.Value) <= GateRules.PublishedTolerance * Math.Abs(best.Value)) ? [best] : g.ToArray();
            })];

    internal static EvidenceProvenance Provenance(PublishedResult row)
        => new("published", row.Source, row.Id, row.Location, row.Benchmark, row.Scenario, row.Platform, row.Value, row.Unit, row.Accelerators,
            row.Source, row.Line, null);

    private static string Describe(EvidenceRef r)
        => "evidence " + string.Join(" ", new[]
        {
            r.ResultId, r.Submitter, r.System, r.Benchmark, r.Scenario, r.Round is null ? null : "round " + r.Round,
        }.OfType<string>());
}

/// <summary>What an evidence reference resolved to.</summary>
/// <param name="Point">The one result, when there was exactly one.</param>
/// <param name="Candidates">When the reference matched several results: each of them (then <paramref name="Point"/> is null).</param>
/// <param name="Ambiguity">When ambiguous: the sentence saying what matched how many results.</param>
internal sealed record EvidenceResolution(EvidencePoint? Point, IReadOnlyList<EvidencePoint> Candidates, string? Ambiguity = null)
{
    /// <summary>Nothing resolved; a finding says why.</summary>
    public static EvidenceResolution Failed { get; } = new(null, []);

    public static EvidenceResolution Of(EvidencePoint? point) => new(point, []);
}
