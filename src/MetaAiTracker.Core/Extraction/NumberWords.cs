using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Numbers written in words, read the one way every extractor shares: units, teens (اثنا عشر، ثلاثه عشر),
/// unit-and-tens (خمسه وستين), hundreds (ثلاثمئه وخمسون، ثلاث مئه), a fraction alone (نصف), and ordinals
/// (الخامس، الحادي عشر، الثالث والعشرون). Scales (الف، مليار) stay with the amounts, which multiply by them.
/// </summary>
public static class NumberWords
{
    private sealed record Words(
        Dictionary<string, int> Units, List<string> Ten, Dictionary<string, int> Tens, Dictionary<string, int> Hundreds,
        Dictionary<string, double> Fractions, Dictionary<string, int> Ordinals, Dictionary<string, int> OrdinalTens);

    private static readonly Words W = LexiconData.Load<Words>("numbers.json");
    private static readonly HashSet<string> Ten = [.. W.Ten];

    // Every word a number can open with, also after و ف ب ل: one lookup decides whether to try parsing at all.
    private static readonly HashSet<string> Openers = [.. W.Units.Keys.Concat(W.Ten).Concat(W.Tens.Keys).Concat(W.Hundreds.Keys).Concat(W.Fractions.Keys)
        .SelectMany(w => new[] { w, "و" + w, "ف" + w, "ب" + w, "ل" + w })];
    private static readonly HashSet<string> OrdinalOpeners = [.. W.Ordinals.Keys.Concat(W.OrdinalTens.Keys)];

    public static bool MayStartCardinal(string norm) => Openers.Contains(norm);

    public static bool MayStartOrdinal(string norm) => OrdinalOpeners.Contains(norm);

    /// <summary>A cardinal written in words from token i: its value and last token, or null.</summary>
    public static (double Value, int Last)? Cardinal(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var first = Clitic(tokens[i].Norm);
        if (W.Fractions.TryGetValue(first, out var fraction)) return (fraction, i);
        var last = i;
        var value = 0;
        if (W.Hundreds.TryGetValue(first, out var h)) value = h;
        else if (W.Units.TryGetValue(first, out var u) && Next(ctx, last) is { } n && W.Hundreds.TryGetValue(n, out var h2) && h2 == 100)
        {
            value = u * 100; // ثلاث مئه written apart
            last++;
        }
        if (value > 0)
        {
            // ثلاثمئه وخمسون: the rest follows with و.
            if (Next(ctx, last) is { Length: > 2 } rest && rest[0] == 'و' && BelowHundred(ctx, last + 1, rest[1..]) is { } r)
                return (value + r.Value, r.Last);
            return (value, last);
        }
        return BelowHundred(ctx, i, first) is { } b ? (b.Value, b.Last) : null;
    }

    private static (int Value, int Last)? BelowHundred(ExtractionContext ctx, int i, string word)
    {
        if (W.Tens.TryGetValue(word, out var tens)) return (tens, i);
        if (Ten.Contains(word)) return (10, i);
        if (!W.Units.TryGetValue(word, out var unit)) return null;
        var next = Next(ctx, i);
        if (next is not null && Ten.Contains(next)) return (10 + unit, i + 1);
        if (next is { Length: > 2 } && next[0] == 'و' && W.Tens.TryGetValue(next[1..], out var t)) return (unit + t, i + 1);
        return (unit, i);
    }

    /// <summary>An ordinal from token i (الخامس، الحادي عشر، السادس والعشرين): its value and last token, or null.</summary>
    public static (int Value, int Last)? Ordinal(ExtractionContext ctx, int i)
    {
        var word = ctx.Tokens[i].Norm;
        if (W.OrdinalTens.TryGetValue(word, out var tens)) return (tens, i);
        if (!W.Ordinals.TryGetValue(word, out var unit)) return null;
        var next = Next(ctx, i);
        if (next is not null && Ten.Contains(next)) return (10 + unit, i + 1);
        if (next is { Length: > 2 } && next[0] == 'و' && W.OrdinalTens.TryGetValue(next[1..], out var t)) return (unit + t, i + 1);
        // الحادي alone is never a number: it opens 11, 21 …
        return word.EndsWith("حادي", StringComparison.Ordinal) || word.EndsWith("حاديه", StringComparison.Ordinal) ? null : (unit, i);
    }

    private static string? Next(ExtractionContext ctx, int i) =>
        i + 1 < ctx.Tokens.Count && !ctx.HasBreak(i, i + 1) ? ctx.Tokens[i + 1].Norm : null;

    // بثلاثه، لخمسه، وعشرين، الثلاثه (الاشهر الثلاثه): one proclitic or the article in front of the first word.
    private static string Clitic(string norm)
    {
        if (Known(norm)) return norm;
        if (norm.Length > 4 && norm.StartsWith("ال", StringComparison.Ordinal) && Known(norm[2..])) return norm[2..];
        return norm.Length > 3 && norm[0] is 'و' or 'ف' or 'ب' or 'ل' ? norm[1..] : norm;
    }

    private static bool Known(string w) => W.Units.ContainsKey(w) || W.Tens.ContainsKey(w) || W.Hundreds.ContainsKey(w) || W.Fractions.ContainsKey(w) || Ten.Contains(w);
}
