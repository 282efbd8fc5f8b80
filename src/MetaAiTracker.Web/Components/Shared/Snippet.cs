namespace MetaAiTracker.Web.Components.Shared;

public sealed record SnippetPart(string Text, bool Hit);

/// <summary>
/// A window of text around the first matched word, cut at word edges, with the matched words marked. Matches are
/// whole words, so a mark never splits an Arabic word's letters.
/// </summary>
public static class Snippet
{
    public static List<SnippetPart> Build(string text, IReadOnlyList<(int Start, int End)> matches, int width = 320)
    {
        var (from, to) = (0, text.Length);
        if (text.Length > width)
        {
            var centre = matches.Count > 0 ? matches[0].Start : 0;
            from = Math.Max(0, centre - width / 3);
            to = Math.Min(text.Length, from + width);
            while (from > 0 && !char.IsWhiteSpace(text[from - 1])) from--;
            while (to < text.Length && !char.IsWhiteSpace(text[to])) to++;
        }
        var parts = new List<SnippetPart>();
        if (from > 0) parts.Add(new SnippetPart("… ", false));
        var at = from;
        foreach (var (s, e) in matches.Where(m => m.Start >= from && m.End <= to).OrderBy(m => m.Start))
        {
            if (s < at) continue;
            if (s > at) parts.Add(new SnippetPart(text[at..s], false));
            parts.Add(new SnippetPart(text[s..e], true));
            at = e;
        }
        if (at < to) parts.Add(new SnippetPart(text[at..to], false));
        if (to < text.Length) parts.Add(new SnippetPart(" …", false));
        return parts;
    }

    /// <summary>
    /// Where a long text folds behind a "more" control: at a word edge near <paramref name="max"/>, never inside a
    /// quotation (« », “ ”, " ") and never before <paramref name="atLeast"/> (the end of the first matched word).
    /// Null when the text is short enough, or when folding would hide only its last few words.
    /// </summary>
    public static int? FoldAt(string text, int max, int atLeast = 0)
    {
        if (text.Length <= max) return null;
        var cut = text.LastIndexOf(' ', max);
        cut = Math.Max(cut > 0 ? cut : max, atLeast);
        var (guillemets, curly, straight) = (0, 0, false);
        foreach (var c in text.AsSpan(0, cut))
            switch (c)
            {
                case '«': guillemets++; break;
                case '»': guillemets = Math.Max(0, guillemets - 1); break;
                case '“': curly++; break;
                case '”': curly = Math.Max(0, curly - 1); break;
                case '"': straight = !straight; break;
            }
        if (guillemets > 0 || curly > 0 || straight)
        {
            // Past the quotation's close, then to the end of that word.
            var close = text.IndexOfAny(guillemets > 0 ? ['»'] : curly > 0 ? ['”'] : ['"'], cut);
            if (close < 0) return null;
            cut = text.IndexOf(' ', close) is var space && space > 0 ? space : text.Length;
        }
        return cut >= text.Length - 20 ? null : cut;
    }
}
