using System.Globalization;
using System.Text.Json;
using MlPerfAudit.Core.Training.Rules;

namespace MlPerfAudit.Core.Tests.Training;

/// <summary>
/// The training rules' expression language on its own: precedence, chained comparisons, <c>in</c>, <c>a if c else b</c>,
/// Python truthiness, and every syntax and evaluation error. Expected values are what Python gives for the same text.
/// </summary>
public sealed class RuleExpressionTests
{
    private const string Meta = """{"a": {"b": 3}, "empty": {}, "arr": [], "zero": 0, "str": "", "nul": null, "k": "v"}""";

    private static RuleContext Context(string value = "[1, 2]", Dictionary<string, object?>? state = null)
        => new(JsonDocument.Parse(value).RootElement, JsonDocument.Parse(Meta).RootElement, 1000, state
            ?? new Dictionary<string, object?> { ["n"] = 4.0 });

    /// <summary>A result as Python's repr would write it (numbers with R, lists in brackets).</summary>
    private static string Show(object? value) => RuleExpression.Normalize(value) switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => $"'{s}'",
        JsonElement e => e.GetRawText(),
        IReadOnlyList<object?> l => "[" + string.Join(", ", l.Select(Show)) + "]",
        var other => other.ToString()!,
    };

    private static string Run(string text) => Show(RuleExpression.Parse(text).Evaluate(Context()));

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")] // left associative
    [InlineData("12 / 3 / 2", "2")]
    [InlineData("2 ** 3 ** 2", "512")] // right associative
    [InlineData("-2 ** 2", "-4")] // ** binds tighter than a unary minus on its left
    [InlineData("2 ** -1", "0.5")] // ... and takes one on its right
    [InlineData("- - 3", "3")]
    [InlineData("2 * 3 ** 2", "18")]
    [InlineData("not 1 == 2", "True")] // not is looser than ==
    [InlineData("true or false and false", "True")] // and is tighter than or
    [InlineData("not true or true", "True")]
    [InlineData("1 + 1 if 0 else 5", "5")] // if-else is loosest
    [InlineData("1 if false else 2 if true else 3", "2")] // and nests to the right
    [InlineData("meta.a.b * 2 + time", "1006")]
    [InlineData("s.n ** 0.5", "2")]
    [InlineData("'a' + 'b'", "'ab'")]
    [InlineData("1 or 2", "1")] // or and and give an operand, as Python
    [InlineData("0 and 2", "0")]
    [InlineData("null or 'x'", "'x'")]
    [InlineData("1e-3 * 1000", "1")]
    [InlineData(".5 + 1", "1.5")]
    [InlineData("[1, 1 + 1, 'x']", "[1, 2, 'x']")]
    [InlineData("max(1, 3, 2) - min(4, 5) + abs(-1) + ceil(0.2) + sqrt(9)", "4")]
    [InlineData("is_integer(3.000001)", "True")] // |round(x) - x| < 1e-5
    [InlineData("is_integer(3.0001)", "False")]
    [InlineData("has_value()", "True")]
    public void Evaluate_FollowsPythonPrecedence(string text, string expected) => Assert.Equal(expected, Run(text));

    [Theory]
    [InlineData("1 < 2 < 3", "True")]
    [InlineData("1 < 3 < 2", "False")]
    [InlineData("3 > 2 > 1", "True")]
    [InlineData("1 < 2 > 1", "True")]
    [InlineData("1 <= 1 >= 1", "True")]
    [InlineData("1 == 1.0 != 2", "True")]
    [InlineData("1 < 2 == true", "False")] // 1 < 2 and 2 == True: True is 1
    [InlineData("1 == true", "True")]
    [InlineData("1 > 2 < 'x'", "False")] // stops at the first false link: 2 < 'x' is never compared
    [InlineData("'a' < 'b' < 'c'", "True")] // strings compare by code point
    [InlineData("'B' < 'a'", "True")]
    [InlineData("null == null", "True")]
    [InlineData("null == 0", "False")]
    [InlineData("'1' == 1", "False")] // different types are unequal, not an error
    [InlineData("[1, 2] == value", "True")] // a list and a JSON array: equal item by item, as Python's lists
    [InlineData("value == [1, 2]", "True")]
    [InlineData("value != [1, 2, 3]", "True")]
    [InlineData("meta.a == meta.a", "True")]
    public void Evaluate_ChainsComparisonsAsPython(string text, string expected) => Assert.Equal(expected, Run(text));

    [Theory]
    [InlineData("2 in [1, 2]", "True")]
    [InlineData("3 in [1, 2]", "False")]
    [InlineData("3 not in [1, 2]", "True")]
    [InlineData("1 in [1.0]", "True")]
    [InlineData("true in [1]", "True")]
    [InlineData("'b' in 'abc'", "True")]
    [InlineData("'d' in 'abc'", "False")]
    [InlineData("'k' in meta", "True")] // an object: its keys
    [InlineData("'v' in meta", "False")]
    [InlineData("2 in value", "True")] // a JSON array
    [InlineData("'x' not in value", "True")]
    [InlineData("1 in [1] in [true]", "False")] // chained: 1 in [1] and [1] in [True], and [1] == True is False
    [InlineData("[1, 2] in [value]", "True")]
    public void Evaluate_In_SearchesListsStringsObjectsAndArrays(string text, string expected) => Assert.Equal(expected, Run(text));

    [Theory]
    [InlineData("'y' if 1 else 'n'", "'y'")]
    [InlineData("'y' if [] else 'n'", "'n'")]
    [InlineData("'y' if meta.str else 'n'", "'n'")]
    [InlineData("1 if true else nope", "1")] // the branch not taken is not evaluated
    [InlineData("s.missing if false else 2", "2")]
    [InlineData("(1 if true else 2) + 1", "2")]
    public void Evaluate_Conditional_EvaluatesOnlyTheBranchTaken(string text, string expected) => Assert.Equal(expected, Run(text));

    [Theory]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("-0.0", false)]
    [InlineData("1", true)]
    [InlineData("-1", true)]
    [InlineData("0.0001", true)]
    [InlineData("''", false)]
    [InlineData("'0'", true)]
    [InlineData("' '", true)]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("null", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("meta", true)] // a non-empty object
    [InlineData("meta.empty", false)] // {}
    [InlineData("meta.arr", false)] // []
    [InlineData("meta.zero", false)]
    [InlineData("meta.str", false)]
    [InlineData("meta.nul", false)]
    [InlineData("meta.k", true)]
    [InlineData("value", true)]
    public void IsTrue_FollowsPythonTruthiness(string text, bool expected)
        => Assert.Equal(expected, RuleExpression.Parse(text).IsTrue(Context()));

    [Theory]
    [InlineData("'abc", "unterminated string at 0")]
    [InlineData("1 $ 2", "unexpected '$' at 2")]
    [InlineData("1 +", "expected a value at 3")]
    [InlineData("(1", "expected ')' at 2")]
    [InlineData("1 if 2", "expected 'else' at 6")]
    [InlineData("1 2", "expected end of expression at 2")]
    [InlineData("meta.", "expected a name at 5")]
    [InlineData("max(1 2)", "expected ',' at 6")]
    [InlineData("[1 2]", "expected ',' at 3")]
    [InlineData(")", "expected a value at 0")]
    [InlineData("", "expected a value at 0")]
    [InlineData("1 not 2", "expected end of expression at 2")]
    public void Parse_OnBadSyntax_ThrowsWithThePosition(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => RuleExpression.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("in: " + text, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "unknown name 'nope'")]
    [InlineData("s.missing", "state has no 'missing'")]
    [InlineData("meta.nokey", "no member 'nokey'")]
    [InlineData("'a'.x", "'a' has no member 'x'")]
    [InlineData("meta.a.b.c", "3 has no member 'c'")]
    [InlineData("1 < 'a'", "cannot compare 1 < 'a'")]
    [InlineData("null >= 0", "cannot compare null >= 0")]
    [InlineData("[1] < [2]", "cannot compare a list < a list")]
    [InlineData("'a' - 1", "'-' needs numbers, got 'a'")]
    [InlineData("'a' + 1", "'+' needs numbers, got 'a'")]
    [InlineData("-'a'", "'-' needs numbers, got 'a'")]
    [InlineData("1 / 0", "division by zero")]
    [InlineData("foo(1)", "unknown function foo/1")]
    [InlineData("ceil(1, 2)", "unknown function ceil/2")]
    [InlineData("min()", "unknown function min/0")]
    [InlineData("has_value(1)", "unknown function has_value/1")]
    [InlineData("abs(meta)", "'abs' needs numbers")]
    [InlineData("1 in 2", "'in' cannot search 2")]
    [InlineData("1 in 'abc'", "'in' cannot search 'abc'")]
    [InlineData("1 in meta", "'in' cannot search {")]
    public void Evaluate_OnATypeOrNameError_ThrowsRuleEvaluationException(string text, string message)
    {
        var expression = RuleExpression.Parse(text);
        var error = Assert.Throws<RuleEvaluationException>(() => expression.Evaluate(Context()));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_RunsAssignmentsInOrder_AndStoresNormalizedValues()
    {
        var state = new Dictionary<string, object?>();
        RuleStatements.Parse("s.a = meta.a.b; s.b = s.a * 2 ; s.c = s.b >= 6; s.d = meta.k").Execute(Context(state: state));
        Assert.Equal([3.0, 6.0, true, "v"], [state["a"], state["b"], state["c"], state["d"]]);
    }

    [Theory]
    [InlineData("x = 1", "only 's.name = expr' statements are allowed: x = 1")]
    [InlineData("s. = 1", "only 's.name = expr' statements are allowed")]
    [InlineData("s.a == 1", "no assignment in: s.a == 1")]
    [InlineData("s.a <= 1", "no assignment in: s.a <= 1")]
    [InlineData("s.a = 1 +", "expected a value")]
    public void StatementsParse_OnBadStatement_Throws(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => RuleStatements.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
