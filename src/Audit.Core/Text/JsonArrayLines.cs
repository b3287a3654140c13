using System.Text.Json;

namespace MlPerfAudit.Core.Text;

/// <summary>Where the objects of one top-level array of a JSON document start, for findings that name a line.</summary>
internal static class JsonArrayLines
{
    /// <summary>
    /// The 1-based line on which each object element of the top-level member <paramref name="member"/> starts, in order.
    /// The document must already be known to parse (this walks it again with a plain reader).
    /// </summary>
    public static List<int> Of(ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> member)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(utf8);
        var line = 1;
        long counted = 0;
        var inMember = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                inMember = reader.ValueTextEquals(member);
            }
            else if (inMember && reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.StartObject)
            {
                line += utf8[(int)counted..(int)reader.TokenStartIndex].Count((byte)'\n');
                counted = reader.TokenStartIndex;
                lines.Add(line);
                reader.Skip();
            }
        }

        return lines;
    }
}
