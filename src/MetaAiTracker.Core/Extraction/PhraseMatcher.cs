using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

public enum PhraseMatch
{
    /// <summary>Words match on their normalized form, with a clitic (و ف ب ل ك, ال) allowed on the first word: لميتا, وزوكربيرغ.</summary>
    Surface,
    /// <summary>Words match on their light stem: المفتوحة matches مفتوح.</summary>
    Stem,
}

/// <summary>A hit of a phrase: token indexes [First, Last] and the value the phrase maps to.</summary>
public readonly record struct PhraseHit<T>(int First, int Last, T Value, string Phrase);

/// <summary>
/// Finds word sequences from a list in a token stream, longest match first, in one pass.
/// Used for entity names, theme cues, stance cues and event triggers.
/// </summary>
public sealed class PhraseMatcher<T>
{
    private readonly Dictionary<string, List<(string[] Words, T Value, string Phrase)>> _byFirst = new(StringComparer.Ordinal);
    private readonly PhraseMatch _mode;

    public PhraseMatcher(IEnumerable<(string Phrase, T Value)> phrases, PhraseMatch mode)
    {
        _mode = mode;
        foreach (var (phrase, value) in phrases)
        {
            var words = ArabicTokenizer.Tokenize(phrase).Select(t => Key(t.Norm)).ToArray();
            if (words.Length == 0) continue;
            if (!_byFirst.TryGetValue(words[0], out var list)) _byFirst[words[0]] = list = [];
            if (!list.Any(x => x.Words.SequenceEqual(words))) list.Add((words, value, phrase));
        }
        foreach (var list in _byFirst.Values) list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // Looks up a clitic-stripped word as a span of the token, without allocating a substring per token.
    private readonly Dictionary<string, List<(string[] Words, T Value, string Phrase)>>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private string Key(string norm) => _mode == PhraseMatch.Stem ? LightStemmer.Stem(norm) : norm;

    /// <summary>All non-overlapping hits in tokens [from, to), left to right, longest first.</summary>
    public List<PhraseHit<T>> Find(IReadOnlyList<Token> tokens, int from = 0, int to = -1)
    {
        if (to < 0) to = tokens.Count;
        var hits = new List<PhraseHit<T>>();
        for (var i = from; i < to; i++)
        {
            var hit = MatchAt(tokens, i, to);
            if (hit is { } h) { hits.Add(h); i = h.Last; }
        }
        return hits;
    }

    /// <summary>The longest phrase that starts at token i, if any.</summary>
    public PhraseHit<T>? MatchAt(IReadOnlyList<Token> tokens, int i, int to = -1)
    {
        if (to < 0) to = tokens.Count;
        var norm = tokens[i].Norm;
        if (_mode == PhraseMatch.Stem) return _byFirst.TryGetValue(Key(norm), out var stems) ? Longest(stems, tokens, i, to) : null;
        if (_lookup.TryGetValue(norm, out var exact) && Longest(exact, tokens, i, to) is { } hit) return hit;
        // Only strip when a real word (3+ letters) remains, so short words are not mistaken for names.
        if (!PrefixesByFirstChar.TryGetValue(norm[0], out var prefixes)) return null;
        foreach (var p in prefixes)
        {
            if (norm.Length - p.Length >= 3 && norm.StartsWith(p, StringComparison.Ordinal)
                && _lookup.TryGetValue(norm.AsSpan(p.Length), out var candidates) && Longest(candidates, tokens, i, to) is { } h)
                return h;
        }
        return null;
    }

    private PhraseHit<T>? Longest(List<(string[] Words, T Value, string Phrase)> candidates, IReadOnlyList<Token> tokens, int i, int to)
    {
        foreach (var (words, value, phrase) in candidates)
        {
            if (i + words.Length > to) continue;
            var ok = true;
            for (var k = 1; k < words.Length && ok; k++) ok = Key(tokens[i + k].Norm) == words[k];
            if (ok) return new PhraseHit<T>(i, i + words.Length - 1, value, phrase);
        }
        return null;
    }

    private static readonly string[] CliticPrefixes = ["وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"];

    // Most tokens start with a letter no clitic starts with; the rest try only their own few prefixes, longest first.
    private static readonly Dictionary<char, string[]> PrefixesByFirstChar =
        CliticPrefixes.GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.ToArray());
}
