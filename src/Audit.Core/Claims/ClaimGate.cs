using System.Globalization;
using MlPerfAudit.Core.Baselines;
using MlPerfAudit.Core.Findings;
using MlPerfAudit.Core.Metrics;
using MlPerfAudit.Core.Reports;

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
            .Select(e => new GateEvidenceInfo(e.Source, e.Report.Bundle.Sha256, e.Report.Rules.Suite, e.Report.Rules.Round, e.Report.Summary.Valid, e.Report.Summary.Invalid))
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

    /// <summary>Round label without a leading v, first two components: <c>6.0.0</c> and <c>v6.0</c> give <c>6.0</c>.</summary>
    internal static string NormalizeRound(string round)
    {
        var parts = round.Trim().TrimStart('v', 'V').Split('.');
        return string.Join('.', parts.Take(2));
    }

    /// <summary>Half the rounding step of a stated number: 52000 gives 500, 7 gives 0.5, 1.28 gives 0.005.</summary>
    internal static double HalfStep(double value, double? precision)
    {
        if (precision is { } p)
        {
            return p / 2;
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            return Math.Abs(value) * 5e-7;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            return Math.Pow(10, -(text.Length - dot - 1)) / 2;
        }

        var zeros = text.Length - text.TrimEnd('0').Length;
        return zeros == text.Length ? 0.5 : Math.Pow(10, zeros) / 2;
    }

    internal static string Fmt(double v)
        => double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("0.##########", CultureInfo.InvariantCulture);
}

/// <summary>One resolved evidence value.</summary>
internal sealed record EvidencePoint(
    string Benchmark,
    string Scenario,
    string Submitter,
    string System,
    string Round,
    string Division,
    double Value,
    string Unit,
    int? Accelerators,
    ResultReport? Audited,
    AuditedEvidence? AuditSource,
    PublishedResult? Published,
    EvidenceProvenance Provenance)
{
    public bool HigherIsBetter => Unit.EndsWith("/s", StringComparison.OrdinalIgnoreCase);

    public bool IsTraining => Audited?.Training is not null || Published?.Suite == BaselineSuite.Training;

    public double? GlobalBatchSize => Audited?.Training?.Rcp?.GlobalBatchSize ?? Published?.GlobalBatchSize;

    public string Label => Published?.Id is { } id ? $"{id} {System} {Benchmark}{(Scenario.Length > 0 ? " " + Scenario : string.Empty)}" : $"{System} {Benchmark}{(Scenario.Length > 0 ? " " + Scenario : string.Empty)}";

    public string? File => Provenance.File;

    public int? Line => Provenance.Line;
}

/// <summary>The check of one claim.</summary>
internal sealed class ClaimCheck(Claim claim, GateInputs inputs, int? line)
{
    private readonly List<Finding> findings = [];
    private readonly List<EvidenceProvenance> provenance = [];
    private readonly string claimsFile = inputs.ClaimsFile.Name;

    public ClaimResult Run()
    {
        var (value, formula) = Compute();
        var ordered = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Error) ? ClaimVerdict.Block
            : ordered.Count > 0 ? ClaimVerdict.Warn
            : ClaimVerdict.Pass;
        return new ClaimResult(claim.Id, claim.Text, line, verdict, claim.Value, claim.Unit, value, formula, ordered, provenance.Distinct().ToList());
    }

    private void Add(FindingDefinition definition, string message, string? file = null, int? at = null)
        => findings.Add(Finding.Of(definition, message, file ?? claimsFile, file is null ? line : at));

    private (double? Value, string? Formula) Compute()
    {
        var points = new List<EvidencePoint>();
        foreach (var reference in claim.Evidence.Results)
        {
            if (Resolve(reference) is { } point)
            {
                points.Add(point);
            }
        }

        EvidencePoint? baseline = claim.Evidence.Baseline is { } b ? Resolve(b) : null;
        if (points.Count != claim.Evidence.Results.Count || (claim.Evidence.Baseline is not null && baseline is null))
        {
            return (null, null);
        }

        // "up to": the best of the evidence counts.
        var subject = points.Count == 1 ? points[0]
            : points[0].HigherIsBetter ? points.MaxBy(p => p.Value)! : points.MinBy(p => p.Value)!;

        return claim.Quantity switch
        {
            ClaimQuantity.Throughput when claim.Scope == ClaimScope.PerAccelerator => PerAccelerator(subject),
            ClaimQuantity.Throughput => Throughput(subject),
            ClaimQuantity.PerAcceleratorThroughput => PerAccelerator(subject),
            ClaimQuantity.TimeToTrain => TimeToTrain(subject),
            ClaimQuantity.StepTime => StepTime(subject),
            ClaimQuantity.Speedup => Speedup(subject, baseline!),
            ClaimQuantity.ScalingEfficiency => Scaling(subject, baseline!),
            ClaimQuantity.Rank => Rank(subject),
            _ => (null, null),
        };
    }

    // ---- Evidence resolution ------------------------------------------------------------------------

    private EvidencePoint? Resolve(EvidenceRef reference)
    {
        var what = Describe(reference);
        var round = reference.Round is { } r ? ClaimGate.NormalizeRound(r)
            : reference.ResultId is { } id && id.Contains('-', StringComparison.Ordinal) ? id[..id.IndexOf('-', StringComparison.Ordinal)] : null;

        IReadOnlyList<PublishedResult> byId = [];
        if (reference.ResultId is { } resultId)
        {
            byId = inputs.Baselines.ById(resultId);
            if (byId.Count == 0)
            {
                Add(FindingCatalog.ClmNotPublished, $"Result ID {resultId} is in no published table loaded ({Tables()}).");
                return null;
            }
        }

        // Audited results matching every given field.
        var audited = new List<(AuditedEvidence Source, ResultReport Result)>();
        foreach (var evidence in inputs.Evidence)
        {
            if (round is not null && ClaimGate.NormalizeRound(evidence.Report.Rules.Round) != round)
            {
                continue;
            }

            foreach (var result in evidence.Report.Results)
            {
                if (!Eq(result.Benchmark, reference.Benchmark)
                    || (reference.Scenario is { } s && !Eq(result.Scenario, s))
                    || (reference.Submitter is { } sub && !Eq(result.Submitter, sub))
                    || (reference.System is { } sys && !Eq(result.System, sys) && !Eq(result.SystemDescription?.SystemName, sys))
                    || (byId.Count > 0 && !byId.Any(p => Eq(p.Platform, result.System) && Eq(p.Submitter, result.Submitter))))
                {
                    continue;
                }

                audited.Add((evidence, result));
            }
        }

        if (audited.Count > 1)
        {
            Add(FindingCatalog.ClmEvidenceAmbiguous, $"{what} matches {audited.Count} audited results ({string.Join(", ", audited.Take(4).Select(a => a.Result.Id))}).");
            return null;
        }

        var auditedOne = audited.Count == 1 ? audited[0] : default;
        var scenario = reference.Scenario ?? auditedOne.Result?.Scenario;
        var published = inputs.Baselines.Find(
            reference.Benchmark,
            scenario,
            reference.ResultId,
            reference.Submitter ?? auditedOne.Result?.Submitter,
            reference.System ?? auditedOne.Result?.System,
            round ?? (auditedOne.Source is { } src ? ClaimGate.NormalizeRound(src.Report.Rules.Round) : null));
        published = Deduplicate(published);

        if (reference.ResultId is { } rid && published.Count == 0)
        {
            Add(FindingCatalog.ClmNotPublished, $"Result ID {rid} has no published row for {reference.Benchmark}{(scenario is null ? string.Empty : " " + scenario)} (its rows: {string.Join(", ", byId.Select(p => p.Benchmark + " " + p.Scenario).Distinct().Take(8))}).");
            return null;
        }

        if (published.Count > 1 && auditedOne.Result is null)
        {
            Add(FindingCatalog.ClmEvidenceAmbiguous, $"{what} matches {published.Count} published rows ({string.Join(", ", published.Take(4).Select(p => p.Provenance))}).");
            return null;
        }

        var row = published.Count == 1 ? published[0] : null;
        if (auditedOne.Result is { } result1)
        {
            var source = auditedOne.Source;
            if (result1.Verdict != Verdict.Valid)
            {
                var first = result1.Findings.FirstOrDefault(f => f.Severity == Severity.Error);
                Add(FindingCatalog.ClmEvidenceInvalid,
                    $"The evidence {result1.Id} in {source.Source} audited as invalid{(first is null ? string.Empty : $" ({first.Code}: {first.Message})")}.",
                    first?.File ?? source.Source, first?.Line);
            }

            if (result1.Metric is null)
            {
                Add(FindingCatalog.ClmEvidenceLacks, $"The evidence {result1.Id} has no headline metric.", source.Source);
                return null;
            }

            var point = new EvidencePoint(result1.Benchmark, result1.Scenario, result1.Submitter, result1.System,
                ClaimGate.NormalizeRound(source.Report.Rules.Round), result1.Division, result1.Metric.Value, result1.Metric.Unit, result1.Accelerators,
                result1, source, row,
                new EvidenceProvenance("audit", source.Source, row?.Id, result1.Id, result1.Benchmark, result1.Scenario, result1.System,
                    result1.Metric.Value, result1.Metric.Unit, result1.Accelerators, result1.Metric.File, result1.Metric.Line, result1.Verdict == Verdict.Valid ? "valid" : "invalid"));
            provenance.Add(point.Provenance);
            if (row is not null)
            {
                NoteUnit(row);
                provenance.Add(Provenance(row));
                var gap = Math.Abs(row.Value - point.Value) / Math.Max(Math.Abs(row.Value), double.Epsilon);
                if (gap > GateRules.PublishedTolerance)
                {
                    Add(FindingCatalog.ClmPublishedDiffers,
                        $"{point.Label}: the audited logs give {ClaimGate.Fmt(point.Value)} {point.Unit}, the published table {ClaimGate.Fmt(row.Value)} {row.Unit}.",
                        row.Source, row.Line);
                }
            }

            return point;
        }

        if (row is null)
        {
            Add(FindingCatalog.ClmEvidenceMissing, $"{what} matches no audited result ({inputs.Evidence.Count} evidence input(s)) and no published row ({Tables()}).");
            return null;
        }

        var pub = new EvidencePoint(row.Benchmark, row.Scenario, row.Submitter, row.Platform, row.Round, row.Division, row.Value,
            NoteUnit(row), row.Accelerators, null, null, row, Provenance(row));
        provenance.Add(pub.Provenance);
        if (row.Inferred)
        {
            Add(FindingCatalog.ClmPublishedInferred, $"{pub.Label}: the published {ClaimGate.Fmt(row.Value)} {row.Unit} is marked inferred from another scenario's run.", row.Source, row.Line);
        }

        return pub;
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

        Add(FindingCatalog.InfPublishedUnitMismatch,
            $"Published {row.Id} {row.Benchmark} {row.Scenario} gives {ClaimGate.Fmt(row.Value)} {row.Unit}, but the v{row.Round} metric of {row.Benchmark} {row.Scenario} is in {expected}; the gate reads the number in {expected}.",
            row.Source, row.Line);
        return expected;
    }

    private static IReadOnlyList<PublishedResult> Deduplicate(IReadOnlyList<PublishedResult> rows)
        => [.. rows.GroupBy(r => (r.Round, r.Submitter.ToUpperInvariant(), r.Platform.ToUpperInvariant(), r.Benchmark.ToUpperInvariant(), r.Scenario.ToUpperInvariant(), r.Id))
            .SelectMany(g =>
            {
                var best = g.OrderByDescending(r => r.GlobalBatchSize is not null).First();
                return g.All(r => Math.Abs(r.Value - best.Value) <= GateRules.PublishedTolerance * Math.Abs(best.Value)) ? [best] : g.ToArray();
            })];

    private static EvidenceProvenance Provenance(PublishedResult row)
        => new("published", row.Source, row.Id, row.Location, row.Benchmark, row.Scenario, row.Platform, row.Value, row.Unit, row.Accelerators, row.Source, row.Line, null);

    private string Tables() => inputs.BaselineTables.Count == 0 ? "none given" : string.Join(", ", inputs.BaselineTables.Select(t => t.Source));

    private static string Describe(EvidenceRef r)
        => "evidence " + string.Join(" ", new[] { r.ResultId, r.Submitter, r.System, r.Benchmark, r.Scenario, r.Round is null ? null : "round " + r.Round }.OfType<string>());

    private static bool Eq(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // ---- Comparison under the stated rounding -------------------------------------------------------

    /// <summary>True when the stated value agrees with <paramref name="recomputed"/> under the qualifier and rounding.</summary>
    private bool Agrees(double recomputed, bool higherIsBetter)
    {
        var s = claim.Value;
        var r = recomputed;
        var half = ClaimGate.HalfStep(s, claim.Precision) * (1 + 1e-9);
        return claim.Qualifier switch
        {
            ClaimQualifier.Exact => Math.Abs(s - r) <= half,
            ClaimQualifier.Approximately => Math.Abs(s - r) <= Math.Max(half, GateRules.ApproximateTolerance * Math.Abs(r)),
            ClaimQualifier.JustOver => r >= s && r - s <= Math.Max(half, GateRules.JustTolerance * s),
            ClaimQualifier.JustUnder => r <= s && s - r <= Math.Max(half, GateRules.JustTolerance * s),
            ClaimQualifier.UpTo => higherIsBetter ? s <= r + half : s >= r - half,
            ClaimQualifier.MoreThan => r > s,
            ClaimQualifier.LessThan => r < s,
            _ => false,
        };
    }

    private bool Flatters(double recomputed, bool higherIsBetter) => higherIsBetter ? claim.Value > recomputed : claim.Value < recomputed;

    private bool RoundsTo(double other) => Math.Abs(claim.Value - other) <= ClaimGate.HalfStep(claim.Value, claim.Precision) * (1 + 1e-9);

    private bool AgreesWith(double other) => Math.Abs(claim.Value - other) <= Math.Max(ClaimGate.HalfStep(claim.Value, claim.Precision), GateRules.ApproximateTolerance * Math.Abs(other));

    /// <summary>Generic value check; returns true when it agrees.</summary>
    private bool CheckValue(double recomputed, bool higherIsBetter, string what, FindingDefinition? onFlatter = null)
    {
        if (Agrees(recomputed, higherIsBetter))
        {
            return true;
        }

        var text = $"Stated {Stated()} but {what} is {ClaimGate.Fmt(recomputed)} {claim.Unit}.";
        if (Flatters(recomputed, higherIsBetter))
        {
            Add(onFlatter ?? FindingCatalog.ClmValueMismatch, text);
        }
        else
        {
            Add(FindingCatalog.ClmValueConservative, text);
        }

        return false;
    }

    private string Stated()
    {
        var q = claim.Qualifier switch
        {
            ClaimQualifier.Approximately => "approximately ",
            ClaimQualifier.JustOver => "just over ",
            ClaimQualifier.JustUnder => "just under ",
            ClaimQualifier.UpTo => "up to ",
            ClaimQualifier.MoreThan => "more than ",
            ClaimQualifier.LessThan => "less than ",
            _ => string.Empty,
        };
        return $"{q}{ClaimGate.Fmt(claim.Value)} {claim.Unit}";
    }

    // ---- Units ---------------------------------------------------------------------------------------

    private bool ThroughputUnitMatches(EvidencePoint p)
    {
        if (!p.HigherIsBetter)
        {
            Add(FindingCatalog.ClmUnitMismatch, $"{p.Label} is measured in {p.Unit}, not a throughput; the claim states {claim.Unit}.");
            return false;
        }

        if (!string.Equals(p.Unit, claim.Unit, StringComparison.OrdinalIgnoreCase))
        {
            Add(FindingCatalog.ClmUnitMismatch, $"{p.Label} is measured in {p.Unit}; the claim states {claim.Unit}.");
            return false;
        }

        return true;
    }

    /// <summary>Factor from minutes to the claim's time unit, or null when the claim's unit is not a time.</summary>
    private double? MinutesTo() => claim.Unit.ToUpperInvariant() switch
    {
        "MINUTES" or "MIN" => 1,
        "SECONDS" or "S" => 60,
        "HOURS" or "H" => 1.0 / 60,
        _ => null,
    };

    private double? RatioTo() => claim.Unit.ToUpperInvariant() switch
    {
        "%" => 100,
        "X" or "RATIO" => 1,
        _ => null,
    };

    // ---- Quantities ----------------------------------------------------------------------------------

    private (double?, string?) Throughput(EvidencePoint p)
    {
        if (!ThroughputUnitMatches(p))
        {
            return (null, null);
        }

        CheckScenario(p);
        var measured = p.Value;
        switch (claim.Scope)
        {
            case ClaimScope.Aggregate:
                var n = claim.Systems!.Value;
                Add(FindingCatalog.ClmExtrapolated,
                    $"An aggregate of {n} systems is not a measured MLPerf result: {ClaimGate.Fmt(measured)} {p.Unit} was measured on one system ({p.Label}, {Accel(p)}); {n} x that is a projection and must be labelled so.");
                return (measured * n, $"{n} x {ClaimGate.Fmt(measured)} (one system, not measured as {n})");
            case ClaimScope.Projected:
                var k = claim.Systems!.Value;
                var projected = measured * k;
                CheckValue(projected, true, $"{k} x the measured {ClaimGate.Fmt(measured)} {p.Unit}");
                if (!LabelledAsProjection())
                {
                    Add(FindingCatalog.ClmExtrapolated, $"The figure is {k} x one system's result, but the sentence does not say 'projected' or 'estimated'.");
                }
                else
                {
                    Add(FindingCatalog.ClmProjected, $"Projected from one measured system ({p.Label}) x {k}; not an MLPerf result.");
                }

                return (projected, $"{k} x {ClaimGate.Fmt(measured)} {p.Unit} ({p.Label})");
        }

        CheckAccelerators(p);
        if (!Agrees(measured, true) && Flatters(measured, true) && MultipleOf(measured) is { } times)
        {
            Add(FindingCatalog.ClmExtrapolated,
                $"Stated {Stated()} is {times} x the measured {ClaimGate.Fmt(measured)} {p.Unit} of {p.Label} ({Accel(p)}): one system multiplied, presented as measured.");
            return (measured, $"measured {ClaimGate.Fmt(measured)} {p.Unit}; stated = {times} x measured");
        }

        CheckValue(measured, true, $"the measured throughput of {p.Label}");
        return (measured, $"{ClaimGate.Fmt(measured)} {p.Unit} ({p.Label}{(p.File is null ? string.Empty : ", " + p.File + (p.Line is null ? string.Empty : ":" + p.Line))})");
    }

    private (double?, string?) PerAccelerator(EvidencePoint p)
    {
        var unit = claim.Unit;
        if (!ThroughputUnitMatches(p))
        {
            return (null, null);
        }

        if (p.Accelerators is not > 0)
        {
            Add(FindingCatalog.ClmEvidenceLacks, $"{p.Label} has no accelerator count, so no per-accelerator figure follows from it.");
            return (null, null);
        }

        CheckScenario(p);
        var perAccel = p.Value / p.Accelerators.Value;
        var formula = $"{ClaimGate.Fmt(p.Value)} {p.Unit} / {p.Accelerators} accelerators = {ClaimGate.Fmt(perAccel)} {unit} per accelerator";
        if (claim.Accelerators is { } stated && stated != p.Accelerators)
        {
            Add(FindingCatalog.ClmPerAccelerator,
                $"The claim speaks of {stated} accelerators, but {p.Label} was measured on {p.Accelerators}; a per-accelerator figure of one system does not describe a {stated}-accelerator system.");
        }

        if (!Agrees(perAccel, true))
        {
            var text = $"Stated {Stated()} per accelerator, but {formula}.";
            Add(Flatters(perAccel, true) ? FindingCatalog.ClmPerAccelerator : FindingCatalog.ClmValueConservative, text);
        }

        return (perAccel, formula);
    }

    private (double?, string?) TimeToTrain(EvidencePoint p)
    {
        if (MinutesTo() is not { } factor || !string.Equals(p.Unit, "minutes", StringComparison.OrdinalIgnoreCase))
        {
            Add(FindingCatalog.ClmUnitMismatch, $"A time to train needs a time unit and a training result; the claim states {claim.Unit}, {p.Label} is in {p.Unit}.");
            return (null, null);
        }

        CheckAccelerators(p);
        var score = p.Value * factor;
        var formula = p.Audited?.Training?.Score is { } s
            ? $"official score {ClaimGate.Fmt(s.ScoreMinutes)} min = olympic mean {ClaimGate.Fmt(s.OlympicMinutes)} min x RCP factor {ClaimGate.Fmt(s.ScalingFactor)}"
            : $"published score {ClaimGate.Fmt(p.Value)} min ({p.Provenance.File}:{p.Provenance.Line})";
        if (Agrees(score, false))
        {
            return (score, formula);
        }

        var runs = p.Audited?.Training?.Runs ?? [];
        var single = runs.FirstOrDefault(r => r.TimeToTrainMinutes is { } m && RoundsTo(m * factor));
        if (single is not null)
        {
            Add(FindingCatalog.ClmSingleRun,
                $"Stated {Stated()} is one run ({single.File}: {ClaimGate.Fmt(single.TimeToTrainMinutes!.Value * factor)} {claim.Unit}), not the official score {ClaimGate.Fmt(score)} {claim.Unit}.",
                single.File, null);
            return (score, formula);
        }

        CheckValue(score, false, $"the official score of {p.Label}");
        return (score, formula);
    }

    private (double?, string?) StepTime(EvidencePoint p)
    {
        if (MinutesTo() is not { } factor)
        {
            Add(FindingCatalog.ClmUnitMismatch, $"A step time needs a time unit; the claim states {claim.Unit}.");
            return (null, null);
        }

        var toUnit = factor / 60; // seconds to the claim's unit
        if (p.Audited?.Training?.StepTime is { } st)
        {
            var mean = st.MeanSeconds * toUnit;
            var formula = $"mean of {st.Steps} measured steps = {ClaimGate.Fmt(st.MeanSeconds)} s (median {ClaimGate.Fmt(st.MedianSeconds)} s, fastest {ClaimGate.Fmt(st.MinSeconds)} s, slowest {ClaimGate.Fmt(st.MaxSeconds)} s; {st.Source})";
            if (Agrees(mean, false))
            {
                return (mean, formula);
            }

            if (RoundsTo(st.MedianSeconds * toUnit) && Math.Abs(st.MedianSeconds - st.MeanSeconds) <= GateRules.ApproximateTolerance * st.MeanSeconds)
            {
                Add(FindingCatalog.ClmMedianStep, $"Stated {Stated()} is the median step ({ClaimGate.Fmt(st.MedianSeconds)} s), the mean is {ClaimGate.Fmt(st.MeanSeconds)} s.");
                return (mean, formula);
            }

            var s = claim.Value / toUnit;
            if (s >= st.MinSeconds * (1 - GateRules.ApproximateTolerance) && s <= st.MaxSeconds * (1 + GateRules.ApproximateTolerance))
            {
                var which = RoundsTo(st.MinSeconds * toUnit) ? "the fastest single step" : RoundsTo(st.MaxSeconds * toUnit) ? "the slowest (first) step" : "a single step's time";
                Add(FindingCatalog.ClmSingleStep,
                    $"Stated {Stated()} is {which} ({ClaimGate.Fmt(s)} s lies within the range of single steps {ClaimGate.Fmt(st.MinSeconds)}-{ClaimGate.Fmt(st.MaxSeconds)} s), not the mean {ClaimGate.Fmt(st.MeanSeconds)} s over {st.Steps} steps.",
                    p.File, null);
                return (mean, formula);
            }

            CheckValue(mean, false, $"the mean step time of {p.Label}");
            return (mean, formula);
        }

        if (p.Published?.StepTimeSeconds is { } median)
        {
            var value = median * toUnit;
            CheckValue(value, false, $"the published median step time of {p.Label}");
            return (value, $"published median train_step_time {ClaimGate.Fmt(median)} s ({p.Published.Provenance})");
        }

        Add(FindingCatalog.ClmEvidenceLacks, $"{p.Label} carries no per-step times.");
        return (null, null);
    }

    private (double?, string?) Speedup(EvidencePoint subject, EvidencePoint baseline)
    {
        if (RatioTo() is not { } factor)
        {
            Add(FindingCatalog.ClmUnitMismatch, $"A speedup is stated in x or %, not {claim.Unit}.");
            return (null, null);
        }

        if (!string.Equals(subject.Unit, baseline.Unit, StringComparison.OrdinalIgnoreCase))
        {
            Add(FindingCatalog.ClmUnitMismatch, $"{subject.Label} is in {subject.Unit}, {baseline.Label} in {baseline.Unit}: not comparable.");
            return (null, null);
        }

        var ratio = subject.HigherIsBetter ? subject.Value / baseline.Value : baseline.Value / subject.Value;
        var formula = subject.HigherIsBetter
            ? $"{ClaimGate.Fmt(subject.Value)} / {ClaimGate.Fmt(baseline.Value)} {subject.Unit} = {ClaimGate.Fmt(ratio)}x"
            : $"{ClaimGate.Fmt(baseline.Value)} / {ClaimGate.Fmt(subject.Value)} {subject.Unit} = {ClaimGate.Fmt(ratio)}x";
        var value = ratio * factor;
        if (!Agrees(value, true) && Math.Abs(claim.Value - (factor / ratio)) <= Math.Max(ClaimGate.HalfStep(claim.Value, claim.Precision), GateRules.ApproximateTolerance * factor / ratio))
        {
            Add(FindingCatalog.ClmScalingInverted, $"Stated {Stated()} is the reciprocal of the speedup: {formula}.");
            return (value, formula);
        }

        CheckValue(value, true, "the speedup " + formula);
        return (value, formula);
    }

    private (double?, string?) Scaling(EvidencePoint subject, EvidencePoint baseline)
    {
        if (RatioTo() is not { } factor)
        {
            Add(FindingCatalog.ClmUnitMismatch, $"A scaling efficiency is stated in % or as a ratio, not {claim.Unit}.");
            return (null, null);
        }

        ScalingPoint? Point(EvidencePoint p)
        {
            var time = claim.Scaling == ScalingKind.Weak
                ? p.Audited?.Training?.StepTime?.MeanSeconds ?? p.Published?.StepTimeSeconds
                : p.Value;
            if (p.Accelerators is not > 0 || p.GlobalBatchSize is not > 0 || time is not > 0 || !p.IsTraining)
            {
                Add(FindingCatalog.ClmEvidenceLacks,
                    $"{p.Label} lacks what {claim.Scaling} scaling needs (training result with accelerators, global batch size and {(claim.Scaling == ScalingKind.Weak ? "step times" : "time to train")}).");
                return null;
            }

            return new ScalingPoint(p.Label, p.Benchmark, p.Accelerators.Value, p.GlobalBatchSize.Value, time.Value);
        }

        var a = Point(subject);
        var b = Point(baseline);
        if (a is null || b is null)
        {
            return (null, null);
        }

        var result = claim.Scaling == ScalingKind.Weak ? ScalingEfficiency.Weak(b, a) : ScalingEfficiency.Strong(b, a);
        if (result.Efficiency is not { } e)
        {
            Add(result.Formula.Contains("batch", StringComparison.Ordinal) ? FindingCatalog.ClmScalingRefused : FindingCatalog.ClmEvidenceLacks,
                $"No {claim.Scaling} scaling efficiency follows from {baseline.Label} and {subject.Label}: {result.Formula}.");
            return (null, result.Formula);
        }

        var value = e * factor;
        if (!Agrees(value, true) && Math.Abs(claim.Value - (factor / e)) <= Math.Max(ClaimGate.HalfStep(claim.Value, claim.Precision), GateRules.ApproximateTolerance * factor / e))
        {
            Add(FindingCatalog.ClmScalingInverted, $"Stated {Stated()} is the reciprocal of the efficiency: {result.Formula}.");
            return (value, result.Formula);
        }

        CheckValue(value, true, "the scaling efficiency " + result.Formula);
        return (value, result.Formula);
    }

    private (double?, string?) Rank(EvidencePoint p)
    {
        if (!string.Equals(claim.Unit, "rank", StringComparison.OrdinalIgnoreCase))
        {
            Add(FindingCatalog.ClmUnitMismatch, $"A rank or record is stated with unit rank, not {claim.Unit}.");
            return (null, null);
        }

        var perAccel = claim.Scope == ClaimScope.PerAccelerator;
        double? Key(double value, int? accelerators) => perAccel ? (accelerators is > 0 ? value / accelerators.Value : null) : value;
        var mine = Key(p.Value, p.Accelerators);
        if (mine is null)
        {
            Add(FindingCatalog.ClmEvidenceLacks, $"{p.Label} has no accelerator count to rank per accelerator.");
            return (null, null);
        }

        var pool = inputs.Baselines.Find(p.Benchmark, p.Scenario, round: p.Round)
            .Where(r => string.Equals(r.Division, p.Division, StringComparison.OrdinalIgnoreCase) || p.Division.Length == 0)
            .Where(r => string.Equals(r.Unit, p.Unit, StringComparison.OrdinalIgnoreCase))
            .Select(r => (Row: r, Key: Key(r.Value, r.Accelerators)))
            .Where(x => x.Key is not null)
            .ToList();
        if (pool.Count == 0)
        {
            Add(FindingCatalog.ClmNotPublished, $"No published {p.Round} {p.Division} results of {p.Benchmark} {p.Scenario} are loaded ({Tables()}), so no rank can be checked.");
            return (null, null);
        }

        var higher = p.HigherIsBetter;
        var better = pool.Where(x => higher ? x.Key > mine * (1 + 1e-9) : x.Key < mine * (1 - 1e-9))
            .Where(x => !(Eq(x.Row.Platform, p.System) && Eq(x.Row.Submitter, p.Submitter)))
            .OrderBy(x => higher ? -x.Key!.Value : x.Key!.Value)
            .ToList();
        var rank = 1 + better.Select(x => (x.Row.Submitter, x.Row.Platform)).Distinct().Count();
        var what = perAccel ? "per accelerator" : "headline";
        var formula = $"rank {rank} of {pool.Select(x => (x.Row.Submitter, x.Row.Platform)).Distinct().Count()} {p.Division} {p.Round} systems on {p.Benchmark} {p.Scenario} by {what} value ({ClaimGate.Fmt(mine.Value)} {p.Unit}{(perAccel ? " per accelerator" : string.Empty)})";
        var stated = (int)Math.Round(claim.Value);
        var holds = claim.Qualifier == ClaimQualifier.UpTo || claim.Qualifier == ClaimQualifier.LessThan ? rank <= stated : rank <= stated;
        if (!holds)
        {
            var top = better[0];
            Add(FindingCatalog.ClmNotRecord,
                $"Stated rank {stated}, but {better.Count} published result(s) are better; best: {top.Row.Id ?? top.Row.Platform} {top.Row.Submitter} {top.Row.Platform} {ClaimGate.Fmt(top.Key!.Value)} {p.Unit}{(perAccel ? " per accelerator" : string.Empty)}.",
                top.Row.Source, top.Row.Line);
            provenance.Add(Provenance(top.Row));
        }

        return (rank, formula);
    }

    // ---- Shared checks -------------------------------------------------------------------------------

    private void CheckAccelerators(EvidencePoint p)
    {
        if (claim.Accelerators is { } stated && p.Accelerators is { } measured && stated != measured)
        {
            Add(FindingCatalog.ClmAcceleratorCount, $"The claim speaks of {stated} accelerators; {p.Label} was measured on {measured}.");
        }
    }

    private void CheckScenario(EvidencePoint p)
    {
        if (p.Scenario.Length == 0)
        {
            return;
        }

        if (claim.Scenario is { } named)
        {
            if (!string.Equals(named, p.Scenario, StringComparison.OrdinalIgnoreCase))
            {
                Add(FindingCatalog.ClmScenarioMismatch, $"The sentence names {named}, the evidence {p.Label} is {p.Scenario}.");
            }

            return;
        }

        var siblings = Siblings(p).Where(s => !string.Equals(s.Scenario, p.Scenario, StringComparison.OrdinalIgnoreCase)).ToList();
        var lowest = siblings.Where(s => s.Value < p.Value).OrderBy(s => s.Value).FirstOrDefault();
        if (lowest is not null && (p.Value - lowest.Value) / p.Value > GateRules.ScenarioGap)
        {
            Add(FindingCatalog.ClmScenarioUnstated,
                $"The sentence names no scenario; {ClaimGate.Fmt(p.Value)} {p.Unit} is {p.Scenario}, and the same system's {lowest.Scenario} result is {ClaimGate.Fmt(lowest.Value)} {p.Unit} ({(p.Value - lowest.Value) / p.Value:P0} lower).",
                lowest.File, lowest.Line);
        }
        else
        {
            Add(FindingCatalog.ClmScenarioUnstatedClose, $"The sentence names no scenario; the number is {p.Scenario}{(lowest is null ? string.Empty : $", the {lowest.Scenario} result is within {GateRules.ScenarioGap:P0}")}.");
        }
    }

    private IEnumerable<Sibling> Siblings(EvidencePoint p)
    {
        if (p.AuditSource is { } source)
        {
            foreach (var r in source.Report.Results.Where(r => Eq(r.System, p.System) && Eq(r.Submitter, p.Submitter) && Eq(r.Benchmark, p.Benchmark) && r.Metric is not null && r.Verdict == Verdict.Valid))
            {
                yield return new Sibling(r.Scenario, r.Metric!.Value, r.Metric.File, r.Metric.Line);
            }
        }

        foreach (var r in inputs.Baselines.Find(p.Benchmark, round: p.Round).Where(r => Eq(r.Platform, p.System) && Eq(r.Submitter, p.Submitter) && Eq(r.Unit, p.Unit)))
        {
            yield return new Sibling(r.Scenario, r.Value, r.Source, r.Line);
        }
    }

    private int? MultipleOf(double measured)
    {
        for (var k = 2; k <= 4096; k++)
        {
            var m = measured * k;
            if (m > claim.Value * 2)
            {
                break;
            }

            if (Math.Abs(claim.Value - m) <= Math.Max(ClaimGate.HalfStep(claim.Value, claim.Precision), GateRules.ApproximateTolerance * m))
            {
                return k;
            }
        }

        return null;
    }

    private bool LabelledAsProjection()
        => ProjectionWords.Any(w => claim.Text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] ProjectionWords = ["project", "estimat", "extrapolat", "would", "expected"];

    private sealed record Sibling(string Scenario, double Value, string? File, int? Line);

    private static string Accel(EvidencePoint p) => p.Accelerators is { } a ? $"{a} accelerators" : "accelerators unknown";
}
