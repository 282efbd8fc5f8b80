namespace MetaAiTracker.Core.Text;

/// <summary>A word of the source text: its source span and its normalized form.</summary>
public readonly record struct Token(int Start, int End, string Norm)
{
    public string Stem => LightStemmer.Stem(Norm);
}

/// <summary>
/// Splits text into words on its search key: letter and digit runs, "3.1" kept whole, and a split where
/// Arabic meets Latin or digits, so that لـOpenAI and الـ405 yield openai and 405 (clitics dropped).
/// </summary>
public static class ArabicTokenizer
{
    private static readonly HashSet<string> Clitics = ["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "كال", "وب", "ول", "فب", "فل", "وك"];

    public static List<Token> Tokenize(string text) => Tokenize(ArabicNormalizer.NormalizeWithMap(text));

    public static List<Token> Tokenize(NormalizedText n)
    {
        var key = n.Text;
        var tokens = new List<Token>(key.Length / 5);
        var i = 0;
        while (i < key.Length)
        {
            if (!IsWordChar(key[i])) { i++; continue; }
            var start = i;
            var arabic = ArabicNormalizer.IsArabicLetter(key[i]);
            i++;
            while (i < key.Length)
            {
                var c = key[i];
                if (IsWordChar(c) && ArabicNormalizer.IsArabicLetter(c) == arabic) { i++; continue; }
                // Keep decimals and versions whole: 3.1, 1,5.
                if (!arabic && c is '.' or ',' && i + 1 < key.Length && char.IsAsciiDigit(key[i + 1]) && char.IsAsciiDigit(key[i - 1])) { i += 2; continue; }
                break;
            }
            var word = key[start..i];
            var gluedToNext = i < key.Length && IsWordChar(key[i]) && !ArabicNormalizer.IsArabicLetter(key[i]);
            if (arabic && gluedToNext && Clitics.Contains(word)) continue;
            var (s, e) = n.ToSource(start, i);
            tokens.Add(new Token(s, e, word));
        }
        return tokens;
    }

    private static bool IsWordChar(char c) => ArabicNormalizer.IsWordChar(c);
}
