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
}
