using System.Text;

namespace MetaAiTracker.Core.Text;

/// <summary>
/// The shadow text that FTS5 indexes (normalized, stemmed words joined by spaces) and the MATCH
/// expressions built from user input the same way, so that والذكاء, بالذكاء and الذَّكَاءُ all meet at ذكاء.
/// </summary>
public static class SearchText
{
    public static string ToShadow(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var t in ArabicTokenizer.Tokenize(text))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(t.Stem);
        }
        return sb.ToString();
    }

    /// <summary>
    /// An FTS5 MATCH expression for a user query: every word quoted (so no user character is FTS syntax)
    /// and all words required. Returns null when the query has no word.
    /// </summary>
    public static string? ToMatchQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return null;
        var terms = ArabicTokenizer.Tokenize(query).Select(t => t.Stem).Distinct().ToList();
        if (terms.Count == 0) return null;
        return string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));
    }

    /// <summary>The stems of a query, for highlighting matched words in the original text.</summary>
    public static HashSet<string> QueryStems(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : ArabicTokenizer.Tokenize(query).Select(t => t.Stem).ToHashSet();

    /// <summary>The words of <paramref name="text"/> that a query's stems match, as whole-word spans of the original text.</summary>
    public static List<(int Start, int End)> Matches(string text, IReadOnlySet<string> stems) =>
        stems.Count == 0 ? [] : [.. ArabicTokenizer.Tokenize(text).Where(t => stems.Contains(t.Stem)).Select(t => (t.Start, t.End))];
}
