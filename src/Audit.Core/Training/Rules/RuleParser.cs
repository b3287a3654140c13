using System.Globalization;
using static MlPerfAudit.Core.Training.Rules.RuleSyntax;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>
/// Recursive descent over the tokens, loosest first: <c>a if c else b</c>, <c>or</c>, <c>and</c>, <c>not</c>, chained
/// comparisons (<c>== != &lt; &lt;= &gt; &gt;= in not in</c>), <c>+ -</c>, <c>* /</c>, unary minus, <c>**</c> (right
/// associative, binding tighter than a unary minus on its left), member access, then values. Bad syntax is a <see cref="FormatException"/>.
/// </summary>
internal sealed class RuleParser(List<Token> tokens, string text)
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
