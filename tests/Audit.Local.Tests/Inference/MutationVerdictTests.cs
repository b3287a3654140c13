using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Bundles;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Local.Bundles;

namespace MlPerfAudit.Local.Tests.Inference;

/// <summary>
/// A CI-sized sample of the differential mutation run (tests/bench/inference-differential.py): each row is one mutation of a
/// real v5.1 result with the valid set the official v5.1.1 checker gave the mutated submitter, as we measured it
/// (mutation-verdicts.tsv). Each row is replayed on a copy of the real submitter (the copy must differ from the
/// published files afterwards) and re-audited by our auditor, with the round given and detected; the valid set must be
/// the row's expected one, which is the official set unless the row names a deliberate difference. Only our auditor runs
/// here; the expected sets are the measured ones.
/// </summary>
public sealed class MutationVerdictTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Mutations()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows())
        {
            data.Add(row.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Audit_WhenOneMutationIsApplied_GivesTheValidSetMeasuredFromTheOfficialChecker(string mutation)
    {
        var row = Rows().Single(r => r.Name == mutation);
        var work = Path.Combine(Path.GetTempPath(), "mutation-" + Guid.NewGuid().ToString("N"));
        try
        {
            var division = string.Join('/', row.Target.Split('/').Take(2));
            var submitter = Path.Combine(work, "tree", division);
            MutationReplay.CopyTree(Path.Combine(Corpus, division), submitter);
            var published = TreeDigest(submitter);
            MutationReplay.Apply(submitter, row.Ops);
            if (!row.Name.Contains(" (at ", StringComparison.Ordinal))
            {
                // The mutation changed the submitter's files; a value set to the limit it already had ("at") changes nothing.
                Assert.NotEqual(published, TreeDigest(submitter));
            }
            foreach (var round in new[] { "v5.1", null })
            {
                Assert.Equal(row.ExpectedOurs, ValidSet(Path.Combine(work, "tree"), round));
            }

            if (row.Deliberate.Length == 0)
            {
                Assert.Equal(row.Official, row.ExpectedOurs);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Sample_WhenRead_CoversSixResultsAndEveryFamily()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 60, $"{rows.Count} rows");
        Assert.True(rows.Select(r => r.Name.Split(" :: ")[0]).Where(n => n.Contains("/results/", StringComparison.Ordinal)).Distinct().Count() >= 6);
        Assert.Equal(["accuracy", "detail", "files", "folders", "submitter"], rows.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal));
    }

    private static string Corpus => new[] { Path.Combine(Root, "..", "shared"), Path.Combine(Root, "..", "..", "shared") }
        .Select(p => Path.GetFullPath(Path.Combine(p, "corpus", "inference", "v5.1"))).First(Directory.Exists);

    private static string ValidSet(string tree, string? round)
    {
        var options = new InferenceAuditOptions { Round = round };
        using var bundle = DirectoryBundle.Open("tree", tree, options.Limits);
        var report = InferenceAuditor.Audit(new OpenedBundle(bundle, new string('0', 64)), options, new ToolInfo("mlperf-audit", "test"));
        return string.Join(';', report.Results.Where(r => r.Verdict == Verdict.Valid).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>SHA-256 over every file's relative path and bytes, in path order.</summary>
    private static string TreeDigest(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        foreach (var dir in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, dir) + "/\n"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static List<Row> Rows()
    {
        var path = Path.Combine(Root, "tests", "Audit.Local.Tests", "Inference", "mutation-verdicts.tsv");
        return [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => new Row(c[0], c[1], c[2], c[3], c[4], c[5], c.Length > 6 ? c[6] : string.Empty))];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Audit.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>One measured mutation.</summary>
    /// <param name="Name">The harness's name for it.</param>
    /// <param name="Family">detail, accuracy, files, folders or submitter.</param>
    /// <param name="Target">The result id mutated, or the submitter (division/submitter) for submitter-wide mutations.</param>
    /// <param name="Ops">The harness's edit spec.</param>
    /// <param name="Official">Valid ids the official checker gave (';'-separated, ordered).</param>
    /// <param name="ExpectedOurs">Valid ids we give: the official set unless <paramref name="Deliberate"/> says why not.</param>
    /// <param name="Deliberate">Empty, or the documented difference (docs/differential-inference.md).</param>
    private sealed record Row(string Name, string Family, string Target, string Ops, string Official, string ExpectedOurs, string Deliberate);
}
