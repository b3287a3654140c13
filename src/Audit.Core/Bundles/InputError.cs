namespace MlPerfAudit.Core.Bundles;

/// <summary>The input could not be read: the CLI exits 2 and the Functions app stores an "unreadable bundle" report.</summary>
/// <param name="Code">Finding code naming the kind of failure.</param>
/// <param name="Message">One sentence naming the file and, when known, the entry and line.</param>
public sealed record InputError(string Code, string Message);
