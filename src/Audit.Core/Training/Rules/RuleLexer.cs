using static MlPerfAudit.Core.Training.Rules.RuleSyntax;

namespace MlPerfAudit.Core.Training.Rules;

/// <summary>
/// Splits a rule expression into numbers, 'strings', names and symbols; an unknown character or an unterminated string is a
/// <see cref="FormatException"/>.
/// </summary>
internal static class RuleLexer
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
