namespace MetaAiTracker.Core.Text;

/// <summary>
/// Light10 stemming (Larkey, Ballesteros and Connell), the algorithm behind Lucene's ArabicStemmer,
/// (its ة suffixes are ه here: input is normalized) written out here because it is sixty lines against 7.5 MB of Lucene DLLs. Input must already be normalized.
/// </summary>
public static class LightStemmer
{
    private static readonly string[] Prefixes = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
    private static readonly string[] Suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

    // Words light10 mangles that matter here: months (نيسان→نيس) and scale words (آلاف→اف).
    private static readonly HashSet<string> Exclusions =
    [
        "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "اذار", "شباط", "كانون", "تشرين",
        "الاف", "الف", "مليار", "مليون", "ميتا", "لاما", "جوجل", "غوغل",
    ];

    // News vocabulary is small next to its token count: stems are cached (bounded, shared across threads).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 200_000;

    public static string Stem(string token)
    {
        if (Cache.TryGetValue(token, out var cached)) return cached;
        var stem = StemUncached(token);
        if (Cache.Count < CacheLimit) Cache.TryAdd(token, stem);
        return stem;
    }

    private static string StemUncached(string token)
    {
        if (token.Length < 3 || !ArabicNormalizer.IsArabicLetter(token[0]) || Exclusions.Contains(token)) return token;
        var s = token.AsSpan();
        foreach (var p in Prefixes)
        {
            if (p.Length == 1 && s.Length < 4) continue;
            if (s.Length >= p.Length + 2 && s.StartsWith(p, StringComparison.Ordinal))
            {
                s = s[p.Length..];
                break;
            }
        }
        foreach (var suf in Suffixes)
        {
            if (s.Length >= suf.Length + 2 && s.EndsWith(suf, StringComparison.Ordinal))
                s = s[..^suf.Length];
        }
        return s.Length == token.Length ? token : s.ToString();
    }
}
