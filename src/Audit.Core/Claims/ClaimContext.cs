using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Claims;

/// <summary>
/// What the check of one claim accumulates (findings, provenance) and the checks every quantity shares: value under
/// rounding, accelerator count, unit.
/// </summary>
internal sealed class ClaimContext(Claim claim, GateInputs inputs, int? line)
{
    private readonly List<Finding> findings = [];
    private readonly List<EvidenceProvenance> provenance = [];

    public Claim Claim => claim;

    public GateInputs Inputs => inputs;

    public StatedNumber Stated { get; } = new(claim);

    public IReadOnlyList<Finding> Findings => findings;

    public IReadOnlyList<EvidenceProvenance> Provenance => provenance;

    /// <summary>The published tables loaded, for messages: "a.json, b.csv" or "none given".</summary>
    public string Tables => inputs.BaselineTables.Count == 0 ? "none given" : string.Join(", ", inputs.BaselineTables.Select(t => t.Source));

    /// <summary>Adds a finding with <paramref name="message"/> at the claim's line.</summary>
    public void Add(FindingMessage message, params ReadOnlySpan<object?> values)
        => findings.Add(message.At(inputs.ClaimsFile.Name, line, values));

    /// <summary>Adds a finding with the main message of <paramref name="definition"/> at the claim's line.</summary>
    public void Add(FindingDefinition definition, params ReadOnlySpan<object?> values) => Add(definition.Main, values);

    /// <summary>Adds a finding at <paramref name="file"/>:<paramref name="at"/>, or at the claim's line when no file is given.</summary>
    public void AddAt(string? file, int? at, FindingMessage message, params ReadOnlySpan<object?> values)
        => findings.Add(file is null ? message.At(inputs.ClaimsFile.Name, line, values) : message.At(file, at, values));

    /// <summary>Adds a finding with the main message of <paramref name="definition"/> at <paramref name="file"/>:<paramref name="at"/>.</summary>
    public void AddAt(string? file, int? at, FindingDefinition definition, params ReadOnlySpan<object?> values)
        => AddAt(file, at, definition.Main, values);

    public void AddProvenance(EvidenceProvenance source) => provenance.Add(source);

    /// <summary>
    /// Compares the stated value with <paramref name="recomputed"/>; adds CLM-VAL-001 or CLM-VAL-002 when they disagree.
    /// <paramref name="what"/> names the recomputed value ("the measured throughput of ...").
    /// </summary>
    /// <returns>True when they agree.</returns>
    public bool CheckValue(double recomputed, bool higherIsBetter, string what)
    {
        if (Stated.Agrees(recomputed, higherIsBetter))
        {
            return true;
        }

        var definition = Stated.Flatters(recomputed, higherIsBetter) ? FindingCatalog.ClmValueMismatch : FindingCatalog.ClmValueConservative;
        Add(definition, Stated.Text, what, ClaimGate.Fmt(recomputed), claim.Unit);
        return false;
    }

    /// <summary>CLM-EXTRAP-003 when the claim states an accelerator count other than the evidence system's.</summary>
    public void CheckAccelerators(EvidencePoint p)
    {
        if (claim.Accelerators is { } stated && p.Accelerators is { } measured && stated != measured)
        {
            Add(FindingCatalog.ClmAcceleratorCount, stated, p.Label, measured);
        }
    }

    /// <summary>CLM-UNIT-001 unless the evidence is a throughput in the claim's unit.</summary>
    public bool ThroughputUnitMatches(EvidencePoint p)
    {
        if (!p.HigherIsBetter)
        {
            Add(FindingCatalog.ClmUnitMismatch, p.Label, p.Unit, claim.Unit);
            return false;
        }

        if (!string.Equals(p.Unit, claim.Unit, StringComparison.OrdinalIgnoreCase))
        {
            Add(FindingCatalog.ClmUnitMismatchOtherThroughput, p.Label, p.Unit, claim.Unit);
            return false;
        }

        return true;
    }

    /// <summary>Factor from minutes to the claim's time unit, or null when the claim's unit is not a time.</summary>
    public double? MinutesTo() => claim.Unit.ToUpperInvariant() switch
    {
        "MINUTES" or "MIN" => 1,
        "SECONDS" or "S" => 60,
        "HOURS" or "H" => 1.0 / 60,
        _ => null,
    };

    /// <summary>Factor from a ratio to the claim's unit (100 for %, 1 for x), or null when the unit is not a ratio.</summary>
    public double? RatioTo() => claim.Unit.ToUpperInvariant() switch
    {
        "%" => 100,
        "X" or "RATIO" => 1,
        _ => null,
    };

    /// <summary>Case-insensitive equality of two names; false when either is missing.</summary>
    public static bool Eq(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
