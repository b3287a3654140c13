namespace MlPerfAudit.Core.Findings;

/// <summary>A catalogue entry: the code, its default severity and what the rule means in plain words.</summary>
/// <param name="Code">Stable code: <c>AREA-TOPIC-NNN</c>.</param>
/// <param name="Severity">Severity every finding with this code carries.</param>
/// <param name="Rule">What the rule checks, for readers of the report and the catalogue.</param>
/// <param name="Source">Where the rule comes from (official checker behaviour, LoadGen, or our own).</param>
public sealed record FindingDefinition(string Code, Severity Severity, string Rule, string Source);
