using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlPerfAudit.Core.Findings;

namespace MlPerfAudit.Core.Tests.Findings;

/// <summary>
/// Finds the finding codes that test sources assert ARE produced, read with the C# parser (Roslyn). A code is named by
/// a string literal that holds it (<c>"INF-LAT-001"</c>, <c>"INF-LOG-001@3"</c>) or by its catalogue field
/// (<c>FindingCatalog.InfTtftOverLimit</c>, or a message variant of it). Comments are trivia and never count.
/// A mention counts when its value reaches a positive assertion, followed this way:
/// <list type="bullet">
/// <item>Inside the arguments of <c>Assert.X(...)</c>, the nearest such call decides: it counts for the names in
/// <see cref="PositiveAsserts"/> (<c>Assert.Equal(0, ...)</c> and <c>Assert.Equal(false, ...)</c> excepted), never for
/// the others (<c>DoesNotContain</c>, <c>NotEqual</c>, <c>DoesNotMatch</c>, <c>Empty</c>, <c>False</c>, <c>Null</c>...);
/// a mention under <c>!</c> or <c>!=</c> on the way up never counts.</item>
/// <item>An argument of a call to a method declared in the test sources (a helper such as
/// <c>AssertVerdict(report, "INF-LAT-001", expected)</c>) flows into that method's parameter at its position or name.</item>
/// <item>An <c>[InlineData]</c> value flows into the theory's parameter at its position.</item>
/// <item>The initial value of a local, field or property flows into every use of its name (locals: in their method;
/// members: in their file).</item>
/// </list>
/// A name flows on at most <see cref="MaxHops"/> times. Anything else (a DoesNotContain list, a message text, a variable
/// never asserted) does not count.
/// </summary>
internal sealed partial class AssertedCodeScanner
{
    /// <summary>Assertions that say a value is there (a set, a sequence, a single item, a match, a true condition).</summary>
    public static readonly IReadOnlySet<string> PositiveAsserts = new HashSet<string>(StringComparer.Ordinal)
    {
        "Equal", "StrictEqual", "Equivalent", "Contains", "Single", "Collection", "Subset", "Superset", "ProperSubset",
        "ProperSuperset", "Matches", "StartsWith", "EndsWith", "True", "Same", "NotNull",
    };

    /// <summary>Times a value may flow from one name to another before the scanner gives up.</summary>
    public const int MaxHops = 4;

    private readonly Dictionary<string, string> _codeByField;
    private readonly HashSet<string> _known;
    private readonly List<SyntaxTree> _trees = [];
    private readonly Dictionary<string, List<(SyntaxNode Body, ParameterListSyntax Parameters)>> _methods = new(StringComparer.Ordinal);

    /// <summary>A scanner over <paramref name="sources"/> (C# texts), knowing the catalogue's codes and fields.</summary>
    public AssertedCodeScanner(IEnumerable<string> sources)
    {
        _known = FindingCatalog.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        _codeByField = typeof(FindingCatalog).GetFields()
            .Select(f => (f.Name, Code: f.GetValue(null) switch
            {
                FindingDefinition d => d.Code,
                FindingMessage m => m.Definition.Code,
                _ => null,
            }))
            .Where(f => f.Code is not null)
            .ToDictionary(f => f.Name, f => f.Code!, StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            _trees.Add(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var (name, parameters) = node switch
                {
                    MethodDeclarationSyntax m => (m.Identifier.ValueText, m.ParameterList),
                    LocalFunctionStatementSyntax f => (f.Identifier.ValueText, f.ParameterList),
                    _ => (string.Empty, null),
                };
                if (parameters is not null)
                {
                    if (!_methods.TryGetValue(name, out var list))
                    {
                        _methods[name] = list = [];
                    }

                    list.Add((node, parameters));
                }
            }
        }
    }

    [GeneratedRegex("[A-Z]{3}-[A-Z0-9]{2,6}-[0-9]{3}")]
    private static partial Regex CodeShape();

    /// <summary>The catalogue codes that some source asserts are produced.</summary>
    public HashSet<string> Asserted()
    {
        var asserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in _trees)
        {
            foreach (var (node, code) in Mentions(tree.GetRoot()))
            {
                if (!asserted.Contains(code) && ReachesPositiveAssert(node, MaxHops))
                {
                    asserted.Add(code);
                }
            }
        }

        return asserted;
    }

    private IEnumerable<(SyntaxNode Node, string Code)> Mentions(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var text = node switch
            {
                LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) => l.Token.ValueText,
                InterpolatedStringExpressionSyntax s => string.Concat(s.Contents.OfType<InterpolatedStringTextSyntax>()
                    .Select(t => t.TextToken.ValueText)),
                _ => null,
            };
            if (text is not null)
            {
                foreach (Match m in CodeShape().Matches(text))
                {
                    if (_known.Contains(m.Value))
                    {
                        yield return (node, m.Value);
                    }
                }
            }
            else if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "FindingCatalog" } } access
                && _codeByField.TryGetValue(access.Name.Identifier.ValueText, out var code))
            {
                yield return (node, code);
            }
        }
    }

    /// <summary>True when the value at <paramref name="node"/> reaches a positive assertion (see the class comment).</summary>
    private bool ReachesPositiveAssert(SyntaxNode node, int hops)
    {
        for (var at = node; at.Parent is { } parent; at = parent)
        {
            switch (parent)
            {
                case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression):
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.NotEqualsExpression):
                    return false;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } argument:
                    if (AssertName(call) is { } assert)
                    {
                        return IsPositive(assert, call);
                    }

                    if (hops > 0 && Callees(call).Any(m => ParameterOf(m.Parameters, argument) is { } p && UsesReach(m.Body, p, hops - 1)))
                    {
                        return true;
                    }

                    break;
                case AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } list } row:
                    return hops > 0 && FromAttribute(attribute, list.Arguments.IndexOf(row), hops - 1);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable }:
                    return hops > 0 && UsesReach(ScopeOf(variable), variable.Identifier.ValueText, hops - 1);
                case PropertyDeclarationSyntax property:
                    return hops > 0 && UsesReach(property.SyntaxTree.GetRoot(), property.Identifier.ValueText, hops - 1);
                case ReturnStatementSyntax or YieldStatementSyntax or ArrowExpressionClauseSyntax
                    when Function(parent) is MethodDeclarationSyntax method:
                    // A value a method returns flows into its calls and into [MemberData(nameof(...))].
                    return hops > 0 && UsesReach(method.SyntaxTree.GetRoot(), method.Identifier.ValueText, hops - 1);
                case StatementSyntax when Function(parent) is AnonymousFunctionExpressionSyntax:
                    break;
                case StatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>An [InlineData] value flows into the theory's parameter at its position; a [MemberData] table into every parameter.</summary>
    private bool FromAttribute(AttributeSyntax attribute, int position, int hops)
    {
        if (attribute.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } theory)
        {
            return false;
        }

        var parameters = theory.ParameterList.Parameters;
        return attribute.Name.ToString() switch
        {
            "InlineData" or "InlineDataAttribute" => position < parameters.Count
                && UsesReach(theory, parameters[position].Identifier.ValueText, hops),
            "MemberData" or "MemberDataAttribute" => parameters.Any(p => UsesReach(theory, p.Identifier.ValueText, hops)),
            _ => false,
        };
    }

    /// <summary>True when some use of <paramref name="name"/> inside <paramref name="scope"/> reaches a positive assertion.</summary>
    private bool UsesReach(SyntaxNode scope, string name, int hops)
        => scope.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => id.Identifier.ValueText == name && !IsMemberName(id))
            .Any(id => ReachesPositiveAssert(id, hops));

    /// <summary>True for the <c>Name</c> of <c>x.Name</c>: another member that only shares the name.</summary>
    private static bool IsMemberName(IdentifierNameSyntax id)
        => id.Parent is MemberAccessExpressionSyntax access && access.Name == id && access.Expression is not ThisExpressionSyntax;

    /// <summary>The method, accessor, local function or lambda whose body holds <paramref name="node"/>.</summary>
    private static SyntaxNode? Function(SyntaxNode node)
        => node.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
            or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax);

    private static SyntaxNode ScopeOf(VariableDeclaratorSyntax variable)
        => variable.Parent?.Parent is LocalDeclarationStatementSyntax
            ? Function(variable) ?? variable.SyntaxTree.GetRoot()
            : variable.SyntaxTree.GetRoot();

    private static string? AssertName(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Assert" } } access
            ? access.Name.Identifier.ValueText
            : null;

    private static bool IsPositive(string assert, InvocationExpressionSyntax call)
    {
        if (assert == "Equal" && call.ArgumentList.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax first
            && (first.IsKind(SyntaxKind.FalseLiteralExpression) || first.Token.ValueText == "0"))
        {
            return false;
        }

        return PositiveAsserts.Contains(assert);
    }

    private List<(SyntaxNode Body, ParameterListSyntax Parameters)> Callees(InvocationExpressionSyntax call)
    {
        var name = call.Expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            GenericNameSyntax g => g.Identifier.ValueText,
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            _ => null,
        };
        return name is not null && _methods.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>The name of the parameter that <paramref name="argument"/> binds to, by name or position.</summary>
    private static string? ParameterOf(ParameterListSyntax list, ArgumentSyntax argument)
    {
        var parameters = list.Parameters;
        if (argument.NameColon is { } named)
        {
            return parameters.Any(p => p.Identifier.ValueText == named.Name.Identifier.ValueText) ? named.Name.Identifier.ValueText : null;
        }

        var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument);
        var isExtension = parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true;
        index += isExtension ? 1 : 0;
        if (index < parameters.Count)
        {
            return parameters[index].Identifier.ValueText;
        }

        return parameters.LastOrDefault() is { } last && last.Modifiers.Any(SyntaxKind.ParamsKeyword) ? last.Identifier.ValueText : null;
    }
}
