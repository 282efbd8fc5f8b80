using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>A pair of quotation marks and the text between them (Inner, trimmed).</summary>
public readonly record struct QuotedSpan(int Open, int Close, TextSpan Inner)
{
    public TextSpan Outer => new(Open, Close + 1);
}

/// <summary>
/// Finds quotation-mark pairs inside each paragraph, left to right: « », “ ”, „ ”, ‹ ›, straight ", and the pairs
/// real copy makes of them: ” opening as well as closing (”…” and ”…“ from right-to-left keyboards), ″ closing
/// " or “. A mark left open runs to the end of its paragraph: Arabic web copy often drops the closing mark.
/// </summary>
public static class QuotedSpans
{
    public static List<QuotedSpan> Find(string text, IEnumerable<TextSpan> paragraphs)
    {
        var result = new List<QuotedSpan>();
        foreach (var p in paragraphs)
        {
            var i = p.Start;
            while (i < p.End)
            {
                var closers = Closers(text[i]);
                if (closers is null) { i++; continue; }
                var j = text.IndexOfAny(closers, i + 1, p.End - i - 1);
                // An unclosed mark counts only where a quote can open (after a space, a colon or the paragraph start).
                if (j < 0 && !(i == p.Start || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == ':')) { i++; continue; }
                var close = j < 0 ? p.End - 1 : j;
                var s = i + 1;
                var e = j < 0 ? p.End : j;
                while (s < e && char.IsWhiteSpace(text[s])) s++;
                while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
                if (e > s) result.Add(new QuotedSpan(i, close, new TextSpan(s, e)));
                i = close + 1;
            }
        }
        return result;
    }

    private static readonly char[] Guillemet = ['»'], Curly = ['”', '″'], Low = ['”', '“'], Single = ['›'], Straight = ['"', '″'], Reversed = ['”', '“', '″'];

    private static char[]? Closers(char open) => open switch
    {
        '«' => Guillemet,
        '“' => Curly,
        '„' => Low,
        '‹' => Single,
        '"' => Straight,
        '”' => Reversed,
        _ => null,
    };
}
