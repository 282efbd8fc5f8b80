using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>A pair of quotation marks and the text between them (Inner, trimmed).</summary>
public readonly record struct QuotedSpan(int Open, int Close, TextSpan Inner)
{
    public TextSpan Outer => new(Open, Close + 1);
}

/// <summary>
/// Finds quotation-mark pairs inside each paragraph: « », “ ”, „ ”, ‹ › and straight " (paired left to right).
/// A mark left open at the end of a paragraph pairs with nothing: Arabic web copy often drops a closing mark.
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
                var close = text[i] switch { '«' => '»', '“' => '”', '„' => '”', '‹' => '›', '"' => '"', _ => '\0' };
                if (close == '\0') { i++; continue; }
                var j = text.IndexOf(close, i + 1, p.End - i - 1);
                if (j < 0) { i++; continue; }
                var s = i + 1;
                var e = j;
                while (s < e && char.IsWhiteSpace(text[s])) s++;
                while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
                if (e > s) result.Add(new QuotedSpan(i, j, new TextSpan(s, e)));
                i = j + 1;
            }
        }
        return result;
    }
}
