using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlPerfAudit.Tests.Shared;

namespace MlPerfAudit.Core.Tests.Codebase;

/// <summary>
/// The house limits on the shape of the C# sources under src/, functions/ and tests/, read with the C# parser (Roslyn):
/// a line holds at most <see cref="MaxLineChars"/> characters (<c>max_line_length</c> in .editorconfig, which the compiler
/// does not enforce), a file at most <see cref="MaxFileLines"/> lines, a method, constructor, accessor or local function
/// at most <see cref="MaxMemberLines"/> lines from its signature to its closing brace.
/// </summary>
public sealed class CodeShapeTests
{
    /// <summary>Characters in one line (UTF-16 code units, without the line end).</summary>
    public const int MaxLineChars = 150;

    /// <summary>Lines in one file.</summary>
    public const int MaxFileLines = 400;

    /// <summary>Lines of one member, signature to closing brace.</summary>
    public const int MaxMemberLines = 80;

    [Fact]
    public void Sources_KeepLinesWithinTheLimit()
        => AssertNone(Sources().SelectMany(f => File.ReadLines(f).Select((text, i) => (f, Line: i + 1, text.Length))
            .Where(l => l.Length > MaxLineChars)
            .Select(l => $"{Relative(l.f)}:{l.Line}: {l.Length} characters")));

    [Fact]
    public void Sources_KeepFilesWithinTheLimit()
        => AssertNone(Sources().Select(f => (f, Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{Relative(f.f)}: {f.Lines} lines"));

    [Fact]
    public void Sources_KeepMembersWithinTheLimit()
        => AssertNone(Sources().SelectMany(LongMembers));

    [Theory]
    [InlineData(78, false)]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void LongMembers_FlagsAMethodOverTheLimitOnly(int lines, bool flagged)
    {
        var body = string.Concat(Enumerable.Repeat("        x++;\n", lines - 4));
        var source = $"class C\n{{\n    void M(int x)\n    {{\n{body}        x++;\n    }}\n}}\n";
        var tree = CSharpSyntaxTree.ParseText(source, path: "C.cs");
        Assert.Equal(flagged, LongMembers(tree).Any());
    }

    private static IEnumerable<string> LongMembers(string file)
        => LongMembers(CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: Relative(file)));

    private static IEnumerable<string> LongMembers(SyntaxTree tree)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                var span = node.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (lines > MaxMemberLines)
                {
                    yield return $"{tree.FilePath}:{span.StartLinePosition.Line + 1}: {Name(node)} has {lines} lines";
                }
            }
        }
    }

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax l => l.Identifier.Text + " (local function)",
        AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
        _ => node.Kind().ToString(),
    };

    private static void AssertNone(IEnumerable<string> violations)
    {
        var list = violations.ToList();
        Assert.True(list.Count == 0, $"{list.Count} over the limit:{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
    }

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');

    /// <summary>Every .cs file under src/, functions/ and tests/, without build output and packages.</summary>
    private static IEnumerable<string> Sources() => RepoPaths.CSharpSources(["src", "functions", "tests"]);
}
