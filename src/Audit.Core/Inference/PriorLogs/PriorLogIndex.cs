using System.Collections.Frozen;
using System.Globalization;
using MlPerfAudit.Core.Reports;

namespace MlPerfAudit.Core.Inference.PriorLogs;

/// <summary>
/// One or more prior-logs index files, looked up by detail-log SHA-256. Immutable; safe to share between audits and threads.
/// </summary>
public sealed class PriorLogIndex
{
    private readonly FrozenDictionary<string, PriorLogMatch[]> _bySha256;

    /// <summary>Indexes the entries of every file.</summary>
    /// <param name="files">Each file with the name it is cited by and the SHA-256 of its bytes (lower-case hex).</param>
    public PriorLogIndex(IEnumerable<(string Name, string Sha256, PriorLogIndexFile File)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = files.ToList();
        Files = [.. list.Select(f => new PriorLogIndexInfo(f.Name, f.Sha256, f.File.Entries.Count))];
        _bySha256 = list.SelectMany(f => f.File.Entries.Select(e => new PriorLogMatch(e, f.Name)))
            .GroupBy(m => m.Entry.Sha256, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.DistinctBy(m => m.Entry).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads index files from their bytes: the index of all of them, or null with every problem (<c>name: line N: ...</c>).
    /// </summary>
    /// <param name="files">Each file's name (for messages and the report) and bytes.</param>
    /// <param name="errors">Every problem; empty when the index was built.</param>
    public static PriorLogIndex? Load(IEnumerable<(string Name, byte[] Bytes)> files, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(files);
        var read = new List<(string, string, PriorLogIndexFile)>();
        var problems = new List<string>();
        foreach (var (name, bytes) in files)
        {
            if (bytes.LongLength > PriorLogJson.MaxBytes)
            {
                problems.Add($"{name}: the index is larger than {PriorLogJson.MaxBytes} bytes");
                continue;
            }

            var result = PriorLogJson.Read(bytes);
            problems.AddRange(result.Errors.Select(e => $"{name}: {e}"));
            if (result.File is { } file)
            {
                read.Add((name, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file));
            }
        }

        errors = problems;
        return problems.Count == 0 ? new PriorLogIndex(read) : null;
    }

    /// <summary>The files, as pinned in the report (name, SHA-256, entry count).</summary>
    public IReadOnlyList<PriorLogIndexInfo> Files { get; }

    /// <summary>Every entry whose log has this SHA-256, with the index it came from (the first, for an entry in several); empty when none.</summary>
    public IReadOnlyList<PriorLogMatch> Find(string sha256) => _bySha256.TryGetValue(sha256, out var entries) ? entries : [];

    /// <summary>
    /// Orders two rounds <c>vMAJOR.MINOR</c> numerically (<c>v5.1</c> &lt; <c>v6.0</c> &lt; <c>v10.0</c>); false when either is not a round.
    /// </summary>
    public static bool TryCompareRounds(string a, string b, out int comparison)
    {
        comparison = 0;
        if (ParseRound(a) is not { } x || ParseRound(b) is not { } y)
        {
            return false;
        }

        comparison = x.CompareTo(y);
        return true;
    }

    /// <summary>The version of a round label <c>vMAJOR.MINOR</c>; null when it is not one.</summary>
    public static Version? ParseRound(string round)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Length < 4 || round[0] != 'v')
        {
            return null;
        }

        var parts = round[1..].Split('.');
        return parts.Length == 2
            && parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit))
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor)
            : null;
    }
}

/// <summary>An index entry found for a detail log.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Index">Name of the index file holding it.</param>
public sealed record PriorLogMatch(PriorLogEntry Entry, string Index);
