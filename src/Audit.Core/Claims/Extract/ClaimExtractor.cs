using System.Globalization;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Claims.Extract;

/// <summary>
/// Proposes a claims file from a post: every number with a performance unit (tokens/s, samples/s, queries/s, minutes,
/// seconds, %, x speedup; per GPU) with its sentence, line, quantity, qualifier and the result IDs and benchmarks named in
/// its paragraph. The draft has no evidence, so the gate refuses it until a reviewer attaches some.
/// </summary>
public static partial class ClaimExtractor
{
    /// <summary>How many characters before a time the word "step" makes it a step time rather than a time to train.</summary>
    private const int StepWindow = 40;

    /// <summary>Extracts the draft claims of a post.</summary>
    /// <param name="post">The post's text.</param>
    /// <param name="sourceName">The post's file name, written into each claim's draft.</param>
    /// <param name="html">True for HTML, false for Markdown (or plain text).</param>
    public static ClaimsFile Extract(string post, string sourceName, bool html)
    {
        ArgumentNullException.ThrowIfNull(post);
        var sentences = PostText.Sentences(post, html);
        var claims = new List<Claim>();
        foreach (var sentence in sentences)
        {
            var paragraph = string.Join(" ", sentences.Where(s => s.Block == sentence.Block).Select(s => s.Text));
            foreach (Match m in Figure().Matches(sentence.Text))
            {
                if (Read(m, sentence.Text) is not { } figure)
                {
                    continue;
                }

                var id = $"claim-{claims.Count + 1:D2}-{figure.Slug}";
                var draft = new ClaimDraft(sourceName, sentence.Line, m.Value.Trim(), figure.QualifierWords,
                    [.. ResultId().Matches(paragraph).Select(r => r.Value).Distinct()], BenchmarkNames.Find(paragraph, figure.Quantity));
                claims.Add(new Claim(id, sentence.Text, figure.Quantity, figure.Value, figure.Unit, new ClaimEvidence([]), figure.Qualifier,
                    Accelerators: Accelerators(sentence.Text), Scenario: ScenarioOf(sentence.Text), Draft: draft));
            }
        }

        return new ClaimsFile(ClaimsJson.CurrentVersion, claims);
    }

    private sealed record Found(double Value, string Unit, ClaimQuantity Quantity, ClaimQualifier Qualifier, string? QualifierWords, string Slug);

    private static Found? Read(Match m, string sentence)
    {
        var value = double.Parse(m.Groups["num"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
            * Multiplier(m.Groups["mult"].Value);
        var unit = m.Groups["unit"].Value.ToUpperInvariant();
        var after = sentence[(m.Index + m.Length)..];
        var before = sentence[..m.Index];
        var (qualifier, words) = Qualifier(before);
        if (unit.StartsWith('X') || unit == "×" || unit.StartsWith("TIMES", StringComparison.Ordinal))
        {
            // "8x7B" and "72x GB300" are names, not speedups: a speedup is followed or preceded by words that say so.
            return SpeedupAfter().IsMatch(after) || SpeedupBefore().IsMatch(before) || words is not null
                ? new Found(value, "x", ClaimQuantity.Speedup, qualifier, words, "speedup") : null;
        }

        if (unit.StartsWith('%') || unit.StartsWith("PERCENT", StringComparison.Ordinal))
        {
            var near = sentence[Math.Max(0, m.Index - 40)..Math.Min(sentence.Length, m.Index + m.Length + 40)];
            if (near.Contains("accura", StringComparison.OrdinalIgnoreCase) || near.Contains("target", StringComparison.OrdinalIgnoreCase))
            {
                return null; // "99.9% of the accuracy target" is a quality bar, not a performance figure
            }

            var scaling = sentence.Contains("scaling", StringComparison.OrdinalIgnoreCase)
                || sentence.Contains("efficien", StringComparison.OrdinalIgnoreCase);
            return scaling ? new Found(value, "%", ClaimQuantity.ScalingEfficiency, qualifier, words, "scaling")
                : new Found(value, "%", ClaimQuantity.Speedup, qualifier, words, "speedup");
        }

        var time = unit.StartsWith("MIN", StringComparison.Ordinal) || unit.StartsWith('H') || unit.StartsWith("SEC", StringComparison.Ordinal);
        if (time || unit == "S")
        {
            if (ReadingTime().IsMatch(after))
            {
                return null; // "6 min read" is the post's reading time
            }

            var timeUnit = unit.StartsWith("MIN", StringComparison.Ordinal) ? "minutes" : unit.StartsWith('H') ? "hours" : "seconds";
            var step = before[Math.Max(0, before.Length - StepWindow)..].Contains("step", StringComparison.OrdinalIgnoreCase);
            return step ? new Found(value, timeUnit, ClaimQuantity.StepTime, qualifier, words, "step-time")
                : new Found(value, timeUnit, ClaimQuantity.TimeToTrain, qualifier, words, "time-to-train");
        }

        var throughputUnit = unit.StartsWith("TOK", StringComparison.Ordinal) ? "tokens/s"
            : unit.StartsWith("SAMPLE", StringComparison.Ordinal) ? "samples/s"
            : "queries/s";
        var perGpu = PerAccelerator().IsMatch(after);
        return new Found(value, throughputUnit, perGpu ? ClaimQuantity.PerAcceleratorThroughput : ClaimQuantity.Throughput, qualifier, words,
            perGpu ? "per-gpu" : "throughput");
    }

    private static double Multiplier(string mult) => mult.ToUpperInvariant() switch
    {
        "K" or "THOUSAND" => 1e3,
        "M" or "MILLION" => 1e6,
        "B" or "BILLION" => 1e9,
        _ => 1,
    };

    /// <summary>The qualifier words right before the number ("up to", "just over", "~"), longest first.</summary>
    private static (ClaimQualifier Qualifier, string? Words) Qualifier(string before)
    {
        var m = QualifierWords().Match(before);
        if (!m.Success)
        {
            return (ClaimQualifier.Exact, null);
        }

        var words = m.Groups["q"].Value;
        var key = Regex.Replace(words.ToUpperInvariant(), @"\s+", " ");
        var qualifier = key switch
        {
            "UP TO" => ClaimQualifier.UpTo,
            "JUST OVER" or "JUST ABOVE" or "SLIGHTLY OVER" or "SLIGHTLY ABOVE" or "A LITTLE OVER" => ClaimQualifier.JustOver,
            "JUST UNDER" or "JUST BELOW" or "NEARLY" or "ALMOST" or "JUST SHY OF" or "SLIGHTLY UNDER" => ClaimQualifier.JustUnder,
            "MORE THAN" or "OVER" or "ABOVE" or "EXCEEDING" or "EXCEEDED" or "EXCEEDS" or "IN EXCESS OF" or "GREATER THAN" => ClaimQualifier.MoreThan,
            "LESS THAN" or "UNDER" or "BELOW" or "FEWER THAN" => ClaimQualifier.LessThan,
            _ => ClaimQualifier.Approximately,
        };
        return (qualifier, words);
    }

    private static int? Accelerators(string sentence)
    {
        var m = AcceleratorCount().Match(sentence);
        var digits = m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        return m.Success && int.TryParse(digits, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string? ScenarioOf(string sentence)
    {
        var m = Scenario().Match(sentence);
        return m.Success ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(m.Value.ToLowerInvariant()) : null;
    }

    // A number not glued to a letter, dot, dash or slash before it (so not v5.1, 5.1-0008, H200 or a URL), then a unit.
    [GeneratedRegex(@"(?<![\w.\-/])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?<mult>[KMB](?![a-z])|thousand\b|million\b|billion\b)?\s?"
        + @"(?<unit>tokens?\s?/\s?s(?:ec)?\b|tokens? per second|tok/s|samples?\s?/\s?s\b|samples? per second"
        + @"|queries?\s?/\s?s\b|queries per second|QPS\b|minutes?\b|mins?\b|hours?\b|hrs?\b|seconds?\b|secs?\b|s\b(?!\s?/)"
        + @"|%|percent\b|x(?![\w.])|×|times\b(?=\s+(?:faster|higher|more|better|the)))",
        RegexOptions.IgnoreCase)]
    private static partial Regex Figure();

    [GeneratedRegex(@"(?<q>up to|just (?:over|above|under|below|shy of)|slightly (?:over|above|under)|a little over|more than|greater than"
        + @"|in excess of|less than|fewer than|approximately|approx\.?|about|around|roughly|nearly|almost|exceed(?:ing|ed|s)"
        + @"|over|above|under|below|~|≈|some)\s*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex QualifierWords();

    [GeneratedRegex(@"^\s*(?:faster|speed-?up|higher|more|better|improvement|increase|greater|gain|the\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SpeedupAfter();

    [GeneratedRegex(@"(?:speed-?up|improvement|faster|gain) (?:of|by)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SpeedupBefore();

    [GeneratedRegex(@"^\s*(?:per|/|each)\s?(?:GPU|accelerator|chip|device)", RegexOptions.IgnoreCase)]
    private static partial Regex PerAccelerator();

    [GeneratedRegex(@"(?<![\w.\-])(?<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[A-Z]\w+\s+)?(?:GPUs|accelerators|chips)\b")]
    private static partial Regex AcceleratorCount();

    [GeneratedRegex(@"^\s*read(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex ReadingTime();

    [GeneratedRegex(@"\b\d\.\d-\d{4}\b")]
    private static partial Regex ResultId();

    [GeneratedRegex(@"\b(?:Offline|Server|Interactive|SingleStream|MultiStream)\b")]
    private static partial Regex Scenario();
}
