using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Bundles;

/// <summary>The input could not be read: the CLI exits 2 and the Functions app stores an "unreadable bundle" report.</summary>
/// <param name="Code">Finding code naming the kind of failure.</param>
/// <param name="Message">One sentence naming the file and, when known, the entry and line.</param>
public sealed record InputError(string Code, string Message)
{
    /// <summary>The error a catalogue finding describes (its code and message).</summary>
    public InputError(Finding finding)
        : this(finding?.Code ?? throw new ArgumentNullException(nameof(finding)), finding.Message)
    {
    }
}
