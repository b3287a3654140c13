namespace MlPerfAudit.Core.Findings;

/// <summary>
/// A catalogue entry: the code, its default severity, what the rule means in plain words, and the message a finding of
/// this code carries (a template with named holes; see <see cref="FindingMessage"/>). A code raised in several
/// situations has its other messages as <see cref="Variant"/> fields next to it in the catalogue.
/// </summary>
/// <param name="Code">Stable code: <c>AREA-TOPIC-NNN</c>.</param>
/// <param name="Severity">Severity every finding with this code carries.</param>
/// <param name="Rule">What the rule checks, for readers of the report and the catalogue.</param>
/// <param name="Source">Where the rule comes from (official checker behaviour, LoadGen, or our own).</param>
public sealed record FindingDefinition(string Code, Severity Severity, string Rule, string Source)
{
    private FindingMessage? _main;
    private readonly string? _message;

    /// <summary>The main message template, holes named (<c>"LoadGen judged the run {validity}."</c>).</summary>
    public string? Message
    {
        get => _message;
        init
        {
            _message = value;
            _main = null; // a copy made with `with { Message = ... }` must not keep the original's parsed message
        }
    }

    /// <summary>True for a code no rule raises any more; it stays in the catalogue so that it is never reused.</summary>
    public bool Retired { get; init; }

    /// <summary>The main message, parsed once.</summary>
    /// <exception cref="InvalidOperationException">The definition has no <see cref="Message"/>.</exception>
    public FindingMessage Main => _main ??= new FindingMessage(
        this, Message ?? throw new InvalidOperationException($"{Code} has no message template in the catalogue."));

    /// <summary>Another message of this code, for a second situation; declare it as a catalogue field after the code.</summary>
    public FindingMessage Variant(string template) => new(this, template);

    /// <summary>The main message with <paramref name="values"/> in its holes.</summary>
    public string Text(params ReadOnlySpan<object?> values) => Main.Text(values);

    /// <summary>A finding with the main message, pointing at <paramref name="file"/> and <paramref name="line"/>.</summary>
    public Finding At(string? file, int? line, params ReadOnlySpan<object?> values) => Main.At(file, line, values);

    /// <summary>A finding with the main message that points at no file.</summary>
    public Finding Of(params ReadOnlySpan<object?> values) => Main.Of(values);
}
