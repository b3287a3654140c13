using System.Text.Json;
using static MlPerfAudit.Core.Training.Rules.PythonValues;
using static MlPerfAudit.Core.Training.Rules.RuleSyntax;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>Evaluates a parsed rule expression (<see cref="RuleSyntax.Node"/>) against a record, with Python's semantics.</summary>
internal static class RuleEvaluator
{
    public static object? Eval(Node node, RuleContext c)
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
                return Chain(cmp, c);
            case Binary b:
                {
                    var left = Eval(b.Left, c);
                    var right = Eval(b.Right, c);
                    return b.Op == "+" && Normalize(left) is string ls && Normalize(right) is string rs ? ls + rs : Arithmetic(b.Op, left, right);
                }

            case Call call:
                return Invoke(call, c);
            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
    }

    private static bool Chain(Comparison cmp, RuleContext c)
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

    private static double Arithmetic(string op, object? left, object? right)
    {
        var x = Number(left, op);
        var y = Number(right, op);
        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => y == 0 ? throw new RuleEvaluationException("division by zero") : x / y,
            "**" => Math.Pow(x, y),
            _ => throw new InvalidOperationException(op),
        };
    }

    private static object? Invoke(Call call, RuleContext c)
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

    /// <summary>|round(x) − x| &lt; 1e-5, round half to even as Python's round.</summary>
    private static bool IsInteger(double x) => Math.Abs(Math.Round(x, MidpointRounding.ToEven) - x) < 0.00001;

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

    private sealed class StateMarker
    {
        public static readonly StateMarker Instance = new();
    }
}
