using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Thrown inside the bundle readers when the input cannot be read at all (corrupt archive,
/// limit exceeded). Openers turn it into an <see cref="InputError"/>; it never leaves the pipeline.
/// </summary>
public sealed class BundleInputException : Exception
{
    /// <summary>Creates the exception with the finding code and a message naming the file.</summary>
    public BundleInputException(string code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>Creates the exception from a finding built from the catalogue (its code and message).</summary>
    public BundleInputException(Finding finding, Exception? inner = null)
        : this(finding?.Code ?? throw new ArgumentNullException(nameof(finding)), finding.Message, inner)
    {
    }

    /// <summary>The same failure with the bundle's name before its message (<c>"{bundle}: {message}"</c>), this one inner.</summary>
    public BundleInputException Within(string bundle) => new(Code, $"{bundle}: {Message}", this);

    /// <summary>The finding code that describes the failure, e.g. <c>BUN-LIM-001</c>.</summary>
    public string Code { get; }
}
