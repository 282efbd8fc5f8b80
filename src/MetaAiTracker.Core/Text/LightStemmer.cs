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

    public static string Stem(string token)
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
