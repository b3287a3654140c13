using System.Globalization;
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
public sealed class RuleExpression
{
    private readonly Node _root;

    private RuleExpression(string text, Node root)
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
        var parser = new Parser(Lexer.Tokens(text), text);
        var node = parser.ParseExpression();
        parser.ExpectEnd();
        return new RuleExpression(text, node);
    }

    /// <summary>Evaluates to a value (double, string, bool, null, JsonElement or list). Throws <see cref="RuleEvaluationException"/>.</summary>
    public object? Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Eval(_root, context);
    }

    /// <summary>Evaluates and applies Python truthiness.</summary>
    public bool IsTrue(RuleContext context) => Truthy(Evaluate(context));

    /// <inheritdoc />
    public override string ToString() => Text;

    internal static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        IReadOnlyList<object?> l => l.Count > 0,
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().Any(),
            JsonValueKind.Array => e.GetArrayLength() > 0,
            _ => Truthy(Normalize(e)),
        },
        _ => true,
    };

    /// <summary>Turns JSON scalars into double/string/bool/null; objects and arrays stay JSON.</summary>
    internal static object? Normalize(object? v) => v is JsonElement e
        ? e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.String => e.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => e,
        }
        : v;

    internal static bool PyEquals(object? a, object? b)
    {
        a = Normalize(a);
        b = Normalize(b);
        if (AsNumber(a) is { } x && AsNumber(b) is { } y)
        {
            return x == y;
        }

        return (a, b) switch
        {
            (null, null) => true,
            (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
            (JsonElement e, JsonElement f) => JsonElement.DeepEquals(e, f),
            (IReadOnlyList<object?> l, IReadOnlyList<object?> m) => l.Count == m.Count && l.Zip(m).All(p => PyEquals(p.First, p.Second)),
            _ => false,
        };
    }

    private static double? AsNumber(object? v) => v switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        _ => null,
    };

    private static double Number(object? v, string op) =>
        AsNumber(Normalize(v)) ?? throw new RuleEvaluationException($"'{op}' needs numbers, got {Describe(v)}");

    private static string Describe(object? v) => Normalize(v) switch
    {
        null => "null",
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        JsonElement e => e.GetRawText(),
        _ => "a list",
    };

    private static int Compare(object? a, object? b, string op)
    {
        a = Normalize(a);
        b = Normalize(b);
        if (AsNumber(a) is { } x && AsNumber(b) is { } y)
        {
            return x.CompareTo(y);
        }

        if (a is string s && b is string t)
        {
            return string.CompareOrdinal(s, t);
        }

        throw new RuleEvaluationException($"cannot compare {Describe(a)} {op} {Describe(b)}");
    }

    private static bool Contains(object? item, object? container)
    {
        container = Normalize(container);
        item = Normalize(item);
        switch (container)
        {
            case IReadOnlyList<object?> list:
                return list.Any(x => PyEquals(x, item));
            case string s when item is string t:
                return s.Contains(t, StringComparison.Ordinal);
            case JsonElement { ValueKind: JsonValueKind.Object } o when item is string name:
                return o.TryGetProperty(name, out _);
            case JsonElement { ValueKind: JsonValueKind.Array } a:
                return a.EnumerateArray().Any(x => PyEquals(x, item));
            default:
                throw new RuleEvaluationException($"'in' cannot search {Describe(container)}");
        }
    }

    private static object? Member(object? target, string name, RuleContext context)
    {
        if (ReferenceEquals(target, StateMarker.Instance))
        {
            return context.State.TryGetValue(name, out var v) ? v : throw new RuleEvaluationException($"state has no '{name}'");
        }

        if (target is JsonElement { ValueKind: JsonValueKind.Object } o)
        {
            return o.TryGetProperty(name, out var p) ? p : throw new RuleEvaluationException($"no member '{name}'");
        }

        throw new RuleEvaluationException($"{Describe(target)} has no member '{name}'");
    }

    private static object? Eval(Node node, RuleContext c)
    {
        switch (node)
        {
            case Literal l:
                return l.Value;
            case ListNode list:
                return list.Items.Select(i => Normalize(Eval(i, c))).ToList();
            case Name n:
                return n.Id switch
                {
                    "value" => c.Value,
                    "meta" => c.Metadata,
                    "time" => c.Time,
                    "s" => StateMarker.Instance,
                    _ => throw new RuleEvaluationException($"unknown name '{n.Id}'"),
                };
            case MemberNode m:
                return Member(Eval(m.Target, c), m.Name, c);
            case Not n:
                return !Truthy(Eval(n.Operand, c));
            case Negate n:
                return -Number(Eval(n.Operand, c), "-");
            case Logical { IsAnd: true } a:
                {
                    var left = Eval(a.Left, c);
                    return Truthy(left) ? Eval(a.Right, c) : left;
                }

            case Logical o:
                {
                    var left = Eval(o.Left, c);
                    return Truthy(left) ? left : Eval(o.Right, c);
                }

            case Conditional t:
                return Truthy(Eval(t.Condition, c)) ? Eval(t.Then, c) : Eval(t.Else, c);
            case Comparison cmp:
                {
                    var left = Eval(cmp.Operands[0], c);
                    for (var i = 0; i < cmp.Ops.Count; i++)
                    {
                        var right = Eval(cmp.Operands[i + 1], c);
                        var ok = cmp.Ops[i] switch
                        {
                            "==" => PyEquals(left, right),
                            "!=" => !PyEquals(left, right),
                            "<" => Compare(left, right, "<") < 0,
                            "<=" => Compare(left, right, "<=") <= 0,
                            ">" => Compare(left, right, ">") > 0,
                            ">=" => Compare(left, right, ">=") >= 0,
                            "in" => Contains(left, right),
                            "not in" => !Contains(left, right),
                            _ => throw new InvalidOperationException(cmp.Ops[i]),
                        };
                        if (!ok)
                        {
                            return false;
                        }

                        left = right;
                    }

                    return true;
                }

            case Binary b:
                {
                    var left = Eval(b.Left, c);
                    var right = Eval(b.Right, c);
                    if (b.Op == "+" && Normalize(left) is string ls && Normalize(right) is string rs)
                    {
                        return ls + rs;
                    }

                    var x = Number(left, b.Op);
                    var y = Number(right, b.Op);
                    return b.Op switch
                    {
                        "+" => x + y,
                        "-" => x - y,
                        "*" => x * y,
                        "/" => y == 0 ? throw new RuleEvaluationException("division by zero") : x / y,
                        "**" => Math.Pow(x, y),
                        _ => throw new InvalidOperationException(b.Op),
                    };
                }

            case Call call:
                {
                    var args = call.Args.Select(a => Eval(a, c)).ToList();
                    return call.Function switch
                    {
                        "ceil" when args.Count == 1 => Math.Ceiling(Number(args[0], "ceil")),
                        "abs" when args.Count == 1 => Math.Abs(Number(args[0], "abs")),
                        "sqrt" when args.Count == 1 => Math.Sqrt(Number(args[0], "sqrt")),
                        "min" when args.Count >= 1 => args.Select(a => Number(a, "min")).Min(),
                        "max" when args.Count >= 1 => args.Select(a => Number(a, "max")).Max(),
                        "is_integer" when args.Count == 1 => IsInteger(Number(args[0], "is_integer")),
                        "has_value" when args.Count == 0 => true,
                        _ => throw new RuleEvaluationException($"unknown function {call.Function}/{args.Count}"),
                    };
                }

            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
    }

    /// <summary>|round(x) − x| &lt; 1e-5, round half to even as Python's round.</summary>
    private static bool IsInteger(double x) => Math.Abs(Math.Round(x, MidpointRounding.ToEven) - x) < 0.00001;

    internal abstract record Node;

    private sealed record Literal(object? Value) : Node;

    private sealed record ListNode(IReadOnlyList<Node> Items) : Node;

    private sealed record Name(string Id) : Node;

    private sealed record MemberNode(Node Target, string Name) : Node;

    private sealed record Not(Node Operand) : Node;

    private sealed record Negate(Node Operand) : Node;

    private sealed record Logical(bool IsAnd, Node Left, Node Right) : Node;

    private sealed record Conditional(Node Then, Node Condition, Node Else) : Node;

    private sealed record Comparison(IReadOnlyList<Node> Operands, IReadOnlyList<string> Ops) : Node;

    private sealed record Binary(string Op, Node Left, Node Right) : Node;

    private sealed record Call(string Function, IReadOnlyList<Node> Args) : Node;

    private sealed class StateMarker
    {
        public static readonly StateMarker Instance = new();
    }

    internal enum TokenKind
    {
        Number,
        String,
        Name,
        Symbol,
        End,
    }

    internal readonly record struct Token(TokenKind Kind, string Text, int Position);

    internal static class Lexer
    {
        private static readonly string[] Symbols = ["**", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".", "=", ";"];

        public static List<Token> Tokens(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var ch = text[i];
                if (char.IsWhiteSpace(ch))
                {
                    i++;
                    continue;
                }

                if (char.IsAsciiDigit(ch) || (ch == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                    {
                        i++;
                    }

                    if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                    {
                        i++;
                        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                        {
                            i++;
                        }

                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }

                    tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                    continue;
                }

                if (ch == '\'')
                {
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new FormatException($"unterminated string at {i} in: {text}");
                    }

                    tokens.Add(new Token(TokenKind.String, text[(i + 1)..end], i));
                    i = end + 1;
                    continue;
                }

                if (char.IsAsciiLetter(ch) || ch == '_')
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Name, text[start..i], start));
                    continue;
                }

                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw new FormatException($"unexpected '{ch}' at {i} in: {text}");
                tokens.Add(new Token(TokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }

            tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
            return tokens;
        }
    }

    internal sealed class Parser(List<Token> tokens, string text)
    {
        private int _at;

        private Token Peek => tokens[_at];

        public void ExpectEnd()
        {
            if (Peek.Kind != TokenKind.End)
            {
                throw Error("end of expression");
            }
        }

        public bool AtSymbol(string s) => Peek.Kind == TokenKind.Symbol && Peek.Text == s;

        public bool AtEnd => Peek.Kind == TokenKind.End;

        public Token Next() => tokens[_at++];

        public void Expect(string symbol)
        {
            if (!AtSymbol(symbol))
            {
                throw Error($"'{symbol}'");
            }

            _at++;
        }

        public string ExpectName()
        {
            if (Peek.Kind != TokenKind.Name)
            {
                throw Error("a name");
            }

            return Next().Text;
        }

        public Node ParseExpression()
        {
            var then = ParseOr();
            if (AtKeyword("if"))
            {
                _at++;
                var condition = ParseOr();
                if (!AtKeyword("else"))
                {
                    throw Error("'else'");
                }

                _at++;
                var otherwise = ParseExpression();
                return new Conditional(then, condition, otherwise);
            }

            return then;
        }

        private bool AtKeyword(string word) => Peek.Kind == TokenKind.Name && Peek.Text == word;

        private FormatException Error(string expected) =>
            new($"expected {expected} at {Peek.Position} ('{Peek.Text}') in: {text}");

        private Node ParseOr()
        {
            var left = ParseAnd();
            while (AtKeyword("or"))
            {
                _at++;
                left = new Logical(false, left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseNot();
            while (AtKeyword("and"))
            {
                _at++;
                left = new Logical(true, left, ParseNot());
            }

            return left;
        }

        private Node ParseNot()
        {
            if (AtKeyword("not"))
            {
                _at++;
                return new Not(ParseNot());
            }

            return ParseComparison();
        }

        private Node ParseComparison()
        {
            var operands = new List<Node> { ParseSum() };
            var ops = new List<string>();
            while (true)
            {
                string? op = null;
                if (Peek.Kind == TokenKind.Symbol && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
                {
                    op = Next().Text;
                }
                else if (AtKeyword("in"))
                {
                    _at++;
                    op = "in";
                }
                else if (AtKeyword("not") && tokens[_at + 1] is { Kind: TokenKind.Name, Text: "in" })
                {
                    _at += 2;
                    op = "not in";
                }

                if (op is null)
                {
                    break;
                }

                ops.Add(op);
                operands.Add(ParseSum());
            }

            return ops.Count == 0 ? operands[0] : new Comparison(operands, ops);
        }

        private Node ParseSum()
        {
            var left = ParseTerm();
            while (AtSymbol("+") || AtSymbol("-"))
            {
                var op = Next().Text;
                left = new Binary(op, left, ParseTerm());
            }

            return left;
        }

        private Node ParseTerm()
        {
            var left = ParseUnary();
            while (AtSymbol("*") || AtSymbol("/"))
            {
                var op = Next().Text;
                left = new Binary(op, left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (AtSymbol("-"))
            {
                _at++;
                return new Negate(ParseUnary());
            }

            return ParsePower();
        }

        private Node ParsePower()
        {
            var left = ParsePostfix();
            if (AtSymbol("**"))
            {
                _at++;
                return new Binary("**", left, ParseUnary());
            }

            return left;
        }

        private Node ParsePostfix()
        {
            var node = ParsePrimary();
            while (AtSymbol("."))
            {
                _at++;
                node = new MemberNode(node, ExpectName());
            }

            return node;
        }

        private Node ParsePrimary()
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Number:
                    return new Literal(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
                case TokenKind.String:
                    return new Literal(token.Text);
                case TokenKind.Name when token.Text is "true" or "false":
                    return new Literal(token.Text == "true");
                case TokenKind.Name when token.Text == "null":
                    return new Literal(null);
                case TokenKind.Name when AtSymbol("("):
                    {
                        _at++;
                        var args = new List<Node>();
                        while (!AtSymbol(")"))
                        {
                            args.Add(ParseExpression());
                            if (!AtSymbol(")"))
                            {
                                Expect(",");
                            }
                        }

                        _at++;
                        return new Call(token.Text, args);
                    }

                case TokenKind.Name:
                    return new Name(token.Text);
                case TokenKind.Symbol when token.Text == "(":
                    {
                        var inner = ParseExpression();
                        Expect(")");
                        return inner;
                    }

                case TokenKind.Symbol when token.Text == "[":
                    {
                        var items = new List<Node>();
                        while (!AtSymbol("]"))
                        {
                            items.Add(ParseExpression());
                            if (!AtSymbol("]"))
                            {
                                Expect(",");
                            }
                        }

                        _at++;
                        return new ListNode(items);
                    }

                default:
                    _at--;
                    throw Error("a value");
            }
        }
    }
}

/// <summary>What a rule expression sees: the current record and the section's state.</summary>
/// <param name="Value">The record's value.</param>
/// <param name="Metadata">The record's metadata object.</param>
/// <param name="Time">The record's time_ms.</param>
/// <param name="State">The per-section state <c>s</c>, shared by all records of one section pass.</param>
public sealed record RuleContext(JsonElement Value, JsonElement Metadata, double Time, IDictionary<string, object?> State);

/// <summary>An expression failed at run time (missing member, type mismatch): the check counts as failed.</summary>
public sealed class RuleEvaluationException : Exception
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

/// <summary>A PRE/POST statement list: <c>s.name = expr; s.other = expr</c>.</summary>
public sealed class RuleStatements
{
    private readonly IReadOnlyList<(string Name, RuleExpression Expression)> _assignments;

    private RuleStatements(string text, IReadOnlyList<(string, RuleExpression)> assignments)
    {
        Text = text;
        _assignments = assignments;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>Parses <c>s.a = expr; s.b = expr</c>. Throws <see cref="FormatException"/> on bad syntax.</summary>
    public static RuleStatements Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<(string, RuleExpression)>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = FindAssignment(part);
            var target = part[..eq].Trim();
            if (!target.StartsWith("s.", StringComparison.Ordinal) || target.Length < 3)
            {
                throw new FormatException($"only 's.name = expr' statements are allowed: {part}");
            }

            list.Add((target[2..], RuleExpression.Parse(part[(eq + 1)..])));
        }

        return new RuleStatements(text, list);
    }

    /// <summary>Runs the assignments in order. Throws <see cref="RuleEvaluationException"/>.</summary>
    public void Execute(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, expression) in _assignments)
        {
            context.State[name] = RuleExpression.Normalize(expression.Evaluate(context));
        }
    }

    private static int FindAssignment(string part)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '=' && (i + 1 >= part.Length || part[i + 1] != '=') && (i == 0 || "=!<>".IndexOf(part[i - 1], StringComparison.Ordinal) < 0))
            {
                return i;
            }
        }

        throw new FormatException($"no assignment in: {part}");
    }
}
