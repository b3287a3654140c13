namespace MlPerfAudit.Core.Training.Rules;

/// <summary>A PRE/POST statement list: <c>s.name = expr; s.other = expr</c>.</summary>
internal sealed class RuleStatements
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
            if (part[i] == '=' && (i + 1 >= part.Length || part[i + 1] != '=')
                && (i == 0 || "=!<>".IndexOf(part[i - 1], StringComparison.Ordinal) < 0))
            {
                return i;
            }
        }

        throw new FormatException($"no assignment in: {part}");
    }
}
