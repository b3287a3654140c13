using System.Text.Json;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>
/// The small expression language of the training rule data (<c>Rounds/training-*.json</c>). It covers
/// exactly what the MLPerf Training compliance rules of rule sets 4.1.0-6.0.0 need (spec §3-§6), with
/// Python-like semantics so the transcribed rules behave as the official checker's:
/// <list type="bullet">
/// <item>names: <c>value</c> (the record's value), <c>meta</c> (its metadata), <c>time</c> (time_ms),
/// <c>s</c> (per-section state); member access <c>meta.samples_count</c>, <c>value.FID</c>, <c>s.global_batch_size</c>
/// (a missing member is an evaluation error, as a Python KeyError);</item>
/// <item>literals: numbers, 'strings', true, false, null, [lists];</item>
/// <item>operators: <c>or and not</c>, chained comparisons <c>== != &lt; &lt;= &gt; &gt;= in</c>,
/// <c>+ - * / **</c>, unary minus, <c>a if c else b</c>;</item>
/// <item>functions: <c>ceil min max abs sqrt is_integer has_value</c>;</item>
/// <item>statements (PRE/POST): <c>s.name = expr</c>, separated by <c>;</c>.</item>
/// </list>
/// Numbers are IEEE doubles, so <c>value * 1152 == s.global_batch_size * 8e-5</c> compares exactly
/// as Python does for floats. Comparing values of different types (a string with a number) is an
/// evaluation error, as Python's TypeError; the rule engine records it as a failed check.
/// </summary>
internal sealed class RuleExpression
{
    private readonly RuleSyntax.Node _root;

    private RuleExpression(string text, RuleSyntax.Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>Parses an expression. Throws <see cref="FormatException"/> on bad syntax (rule data is ours, so a bug).</summary>
    public static RuleExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new RuleParser(RuleLexer.Tokens(text), text);
        var node = parser.ParseExpression();
        parser.ExpectEnd();
        return new RuleExpression(text, node);
    }

    /// <summary>Evaluates to a value (double, string, bool, null, JsonElement or list). Throws <see cref="RuleEvaluationException"/>.</summary>
    public object? Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RuleEvaluator.Eval(_root, context);
    }

    /// <summary>Evaluates and applies Python truthiness.</summary>
    public bool IsTrue(RuleContext context) => PythonValues.Truthy(Evaluate(context));

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Python's truthiness (<see cref="PythonValues.Truthy"/>).</summary>
    internal static bool Truthy(object? v) => PythonValues.Truthy(v);

    /// <summary>JSON scalars as double/string/bool/null (<see cref="PythonValues.Normalize"/>).</summary>
    internal static object? Normalize(object? v) => PythonValues.Normalize(v);

    /// <summary>Python's == (<see cref="PythonValues.PyEquals"/>).</summary>
    internal static bool PyEquals(object? a, object? b) => PythonValues.PyEquals(a, b);
}

/// <summary>What a rule expression sees: the current record and the section's state.</summary>
/// <param name="Value">The record's value.</param>
/// <param name="Metadata">The record's metadata object.</param>
/// <param name="Time">The record's time_ms.</param>
/// <param name="State">The per-section state <c>s</c>, shared by all records of one section pass.</param>
internal sealed record RuleContext(JsonElement Value, JsonElement Metadata, double Time, IDictionary<string, object?> State);

/// <summary>An expression failed at run time (missing member, type mismatch): the check counts as failed.</summary>
internal sealed class RuleEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RuleEvaluationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RuleEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
