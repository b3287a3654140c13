using System.CommandLine;
using MlPerfAudit.Core.Inference;
using MlPerfAudit.Local.Options;

namespace MlPerfAudit.Cli.Commands;

/// <summary>The <c>--time-limit</c> option that <c>check</c> and <c>index</c> share, and its checking.</summary>
internal static class TimeLimitOption
{
    /// <summary>A new <c>--time-limit</c> option.</summary>
    public static Option<string?> Create() => new("--time-limit")
    {
        Description = "Longest time judging the results may take: seconds (90), a number with a unit (500ms, 90s, 15m, 2h) or hh:mm:ss. Results not "
            + "judged in time are invalid (BUN-LIM-002) and the report says so. Default 15m.",
    };

    /// <summary>
    /// The options with the time limit applied (<paramref name="text"/> null keeps the default), or null after writing
    /// what is wrong with it to <paramref name="stderr"/> (the caller exits 64).
    /// </summary>
    public static InferenceAuditOptions? Apply(InferenceAuditOptions options, string? text, TextWriter stderr)
    {
        if (text is not null)
        {
            if (TimeLimitText.Parse(text) is not { } limit)
            {
                stderr.WriteLine($"mlperf-audit: --time-limit '{text}' is not a time: give seconds (90), a number with a unit (500ms, 90s, 15m, 2h) "
                    + $"or hh:mm:ss");
                return null;
            }

            options = options with { Limits = options.Limits with { MaxAuditTime = limit } };
        }

        if (options.Limits.Validate() is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"mlperf-audit: --time-limit: {problem}");
            }

            return null;
        }

        return options;
    }
}
