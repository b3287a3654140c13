using System.Text;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Inference.Logs;

/// <summary>
/// The lines of a compliance verification file (<c>TEST06/verify_accuracy.txt</c>), trimmed, with
/// their numbers, so a rule can ask "is this exact line present".
/// </summary>
internal sealed record ComplianceVerification(IReadOnlyList<(string Text, int Line)> Lines)
{
    /// <summary>Reads the file.</summary>
    public static ComplianceVerification Read(Stream stream, int maxLineBytes)
    {
        var lines = new List<(string, int)>();
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        while (reader.TryReadLine(out var bytes, out var tooLong))
        {
            if (!tooLong)
            {
                lines.Add((Encoding.UTF8.GetString(bytes).Trim(), reader.LineNumber));
            }
        }

        return new ComplianceVerification(lines);
    }

    /// <summary>True when one of the exact lines is present.</summary>
    public bool HasAny(params string[] candidates) => Lines.Any(l => candidates.Contains(l.Text, StringComparer.Ordinal));
}
