namespace MlPerfAudit.Core.Training.Rules;

/// <summary>The tokens and the syntax tree of a rule expression.</summary>
internal static class RuleSyntax
{
    internal enum TokenKind
    {
        Number,
        String,
        Name,
        Symbol,
        End,
    }

    internal readonly record struct Token(TokenKind Kind, string Text, int Position);

    internal abstract record Node;

    internal sealed record Literal(object? Value) : Node;

    internal sealed record ListNode(IReadOnlyList<Node> Items) : Node;

    internal sealed record Name(string Id) : Node;

    internal sealed record MemberNode(Node Target, string Name) : Node;

    internal sealed record Not(Node Operand) : Node;

    internal sealed record Negate(Node Operand) : Node;

    internal sealed record Logical(bool IsAnd, Node Left, Node Right) : Node;

    internal sealed record Conditional(Node Then, Node Condition, Node Else) : Node;

    internal sealed record Comparison(IReadOnlyList<Node> Operands, IReadOnlyList<string> Ops) : Node;

    internal sealed record Binary(string Op, Node Left, Node Right) : Node;

    internal sealed record Call(string Function, IReadOnlyList<Node> Args) : Node;
}
