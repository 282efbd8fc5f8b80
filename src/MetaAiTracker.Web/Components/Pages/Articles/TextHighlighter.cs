namespace MetaAiTracker.Web.Components.Pages.Articles;

/// <summary>A run of the article text and the items whose spans cover it (none for plain text).</summary>
public sealed record TextSegment(int Start, int End, IReadOnlyList<int> ItemIds);

/// <summary>
/// Cuts an article into runs at item boundaries so each highlighted span is one element. A boundary that falls
/// inside a word is moved to the word's edge: splitting a word's letters into two elements would break Arabic joining.
/// </summary>
public static class TextHighlighter
{
    public static List<TextSegment> Segments(string text, IEnumerable<(int Id, int Start, int End)> spans)
    {
        var items = spans
            .Select(s => (s.Id, Start: SnapStart(text, Math.Clamp(s.Start, 0, text.Length)), End: SnapEnd(text, Math.Clamp(s.End, 0, text.Length))))
            .Where(s => s.End > s.Start)
            .ToList();
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var s in items) { cuts.Add(s.Start); cuts.Add(s.End); }
        var result = new List<TextSegment>();
        var bounds = cuts.ToList();
        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            int a = bounds[k], b = bounds[k + 1];
            var covering = items.Where(s => s.Start <= a && b <= s.End).Select(s => s.Id).ToList();
            if (result.Count > 0 && result[^1].ItemIds.SequenceEqual(covering))
                result[^1] = result[^1] with { End = b };
            else
                result.Add(new TextSegment(a, b, covering));
        }
        return result;
    }

    private static bool InWord(string text, int i) => i > 0 && i < text.Length && char.IsLetterOrDigit(text[i - 1]) && IsJoining(text[i]);

    private static bool IsJoining(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark || c == '\u0640';

    private static int SnapStart(string text, int i)
    {
        while (InWord(text, i)) i--;
        return i;
    }

    private static int SnapEnd(string text, int i)
    {
        while (InWord(text, i)) i++;
        return i;
    }
}
