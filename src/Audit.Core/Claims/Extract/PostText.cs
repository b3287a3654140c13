using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MlPerfAudit.Core.Claims.Extract;

/// <summary>One sentence of a post as plain text, with the 1-based line it starts on.</summary>
/// <param name="Text">The sentence, markup removed.</param>
/// <param name="Line">1-based line of the post where the sentence starts.</param>
/// <param name="Block">Index of the paragraph, list item, heading or table row the sentence is in.</param>
internal sealed record PostSentence(string Text, int Line, int Block);

/// <summary>
/// Turns a Markdown or HTML post into sentences with their lines: tags, link targets, emphasis and code marks removed
/// (a URL's numbers are not figures), entities decoded, line numbers kept.
/// </summary>
internal static partial class PostText
{
    /// <summary>Stands for an HTML block element's edge inside a line, so that lines keep their numbers.</summary>
    private const char BlockBreak = '\u2029';

    public static IReadOnlyList<PostSentence> Sentences(string post, bool html)
    {
        var text = html ? StripHtml(post) : StripMarkdown(post);
        var sentences = new List<PostSentence>();
        var lines = text.Split('\n');
        var block = new StringBuilder();
        var starts = new List<(int Offset, int Line)>();
        var blockIndex = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            var segments = i < lines.Length ? lines[i].Split(BlockBreak) : [string.Empty];
            for (var k = 0; k < segments.Length; k++)
            {
                var line = segments[k].Trim();
                var startsBlock = k > 0 || line.Length == 0 || BlockStart().IsMatch(line);
                if (startsBlock && block.Length > 0)
                {
                    Split(block.ToString(), starts, blockIndex++, sentences);
                    block.Clear();
                    starts.Clear();
                }

                if (line.Length == 0)
                {
                    continue;
                }

                starts.Add((block.Length, i + 1));
                block.Append(BlockStart().Replace(line, string.Empty)).Append(' ');
            }
        }

        return sentences;
    }

    /// <summary>Splits a block at sentence ends; each sentence gets the line its first character is on.</summary>
    private static void Split(string block, List<(int Offset, int Line)> starts, int index, List<PostSentence> into)
    {
        var from = 0;
        foreach (var end in SentenceEnd().Matches(block).Select(m => (m.Index, m.Index + m.Length)).Append((block.Length, block.Length)))
        {
            var trimmed = Regex.Replace(block[from..end.Item1], @"\s+", " ").Trim();
            if (trimmed.Length > 1)
            {
                var at = from + (block.Length - from - block[from..].TrimStart().Length);
                into.Add(new PostSentence(trimmed, starts.Last(s => s.Offset <= at).Line, index));
            }

            from = end.Item2;
        }
    }

    private static string StripMarkdown(string post)
    {
        var text = HtmlComment().Replace(post, m => new string('\n', m.Value.Count(c => c == '\n')));
        text = MarkdownLink().Replace(text, "$1");
        text = text.Replace("**", string.Empty, StringComparison.Ordinal).Replace("__", string.Empty, StringComparison.Ordinal)
            .Replace("`", string.Empty, StringComparison.Ordinal).Replace("|", " . ", StringComparison.Ordinal);
        return WebUtility.HtmlDecode(text);
    }

    private static string StripHtml(string post)
    {
        var text = ScriptOrStyle().Replace(post, m => new string('\n', m.Value.Count(c => c == '\n')));
        text = HtmlComment().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));
        text = BlockTag().Replace(text, BlockBreak.ToString());
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
    }

    [GeneratedRegex(@"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""“(~0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    // Closing a block element ends the block: its text and the next element's must not join into one sentence.
    [GeneratedRegex(@"</?(p|div|li|ul|ol|h[1-6]|tr|table|br|section|article|blockquote)\b[^>]*>[ \t]*", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
