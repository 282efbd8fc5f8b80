using System.Globalization;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// A number read at a token. <see cref="Start"/> is the source offset where it begins (a sign or a leading point
/// sits before the first token), <see cref="Last"/> its last token. <see cref="Scale"/> is the last scale word
/// applied (1 when none); <see cref="ScaleOnly"/> is a lone scale word standing for the number (مليار، ملياري).
/// <see cref="Suffix"/> holds Latin letters glued to the digits (405b, 43c, 10gw); <see cref="Clitic"/> a
/// و، ل، ب … written onto the number (وعشرين، لـ20).
/// </summary>
public readonly record struct ParsedNumber(double Value, int Start, int Last, double Scale, bool ScaleOnly, string? Suffix, char Clitic)
{
    public bool Scaled => Scale > 1;
}

/// <summary>
/// Reads numbers as Arabic news writes them, the one way every extractor shares: digits (3.5، 1,5، 3,000,000،
/// 3.000.000، ١٬٠٠٠٬٠٠٠، 3 000 000، .77، -12، 11/10), words (خمسه وستون، اثنا عشر، ثلاثمائه وخمسين، واحد فاصله
/// خمسه) or both, with scale words (109 مليارات، مليار ونصف، نصف مليون، ملياري، مليار و200 مليون), and ordinals
/// (الخامس، الحادي عشر، الثالث والعشرون). The words are data in Lexicon/numbers.json.
/// </summary>
public static class NumberWords
{
    private enum Kind { Digits, Unit, Ten, Tens, Hundred, Scale, Dual, Plural, Fraction, Point }

    private sealed record Rules(
        Dictionary<string, double> Units, List<string> Ten, List<string> TeenOnly, Dictionary<string, double> Tens, Dictionary<string, double> Hundreds,
        Dictionary<string, double> Fractions, Dictionary<string, double> Scales, Dictionary<string, double> ScaleDuals, Dictionary<string, double> ScalePlurals,
        Dictionary<string, double> LatinScales, List<string> DecimalWords, string FractionFirstMark,
        Dictionary<string, int> Ordinals, Dictionary<string, int> OrdinalTens);

    private static readonly Rules R = LexiconData.Load<Rules>("numbers.json");
    private static readonly Dictionary<string, (Kind Kind, double Value)> Words = BuildWords();
    private static readonly Dictionary<string, (Kind Kind, double Value)>.AlternateLookup<ReadOnlySpan<char>> WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> LatinScales = R.LatinScales.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string> Ten = [.. R.Ten];
    private static readonly HashSet<string> TeenOnly = [.. R.TeenOnly];
    private static readonly HashSet<string> OrdinalOpeners = [.. R.Ordinals.Keys.Concat(R.OrdinalTens.Keys)];

    // A clitic written onto a number word: وعشرين، بثماني، لعشرين، وبمليار.
    private static readonly string[] Clitics = ["وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"];

    private static Dictionary<string, (Kind, double)> BuildWords()
    {
        var d = new Dictionary<string, (Kind, double)>(StringComparer.Ordinal);
        void Put(IEnumerable<KeyValuePair<string, double>> words, Kind kind) { foreach (var (w, v) in words) d[ArabicNormalizer.Normalize(w)] = (kind, v); }
        Put(R.Units, Kind.Unit);
        Put(R.Ten.Select(w => KeyValuePair.Create(w, 10d)), Kind.Ten);
        Put(R.Tens, Kind.Tens);
        Put(R.Hundreds, Kind.Hundred);
        Put(R.Fractions, Kind.Fraction);
        Put(R.Scales, Kind.Scale);
        Put(R.ScaleDuals, Kind.Dual);
        Put(R.ScalePlurals, Kind.Plural);
        Put(R.DecimalWords.Select(w => KeyValuePair.Create(w, 0d)), Kind.Point);
        return d;
    }

    // The first three letters of every number word, with and without a clitic: most tokens fail this one check.
    private static readonly HashSet<long> Beginnings = [.. Words.Keys.Concat(Clitics.SelectMany(c => Words.Keys.Select(w => c + w))).Select(w => Beginning(w))];

    private static long Beginning(ReadOnlySpan<char> w) => (long)w[0] << 32 | (w.Length > 1 ? (long)w[1] << 16 : 0L) | (w.Length > 2 ? (long)w[2] : 0L);

    /// <summary>Whether a number in digits or words can start at a token with this normalized form (one check for a skip loop).</summary>
    public static bool MayStartNumber(string norm) => char.IsAsciiDigit(norm[0]) || Beginnings.Contains(Beginning(norm)) && Word(norm, out _, out _) is not null;

    public static bool MayStartOrdinal(string norm) => OrdinalOpeners.Contains(norm);

    /// <summary>
    /// A cardinal written in words from token i, without scales (ثلاثه، خمسه وستين، الاشهر الثلاثه، نصف): its value
    /// and last token, or null. Counts of days and months need no more.
    /// </summary>
    public static (double Value, int Last)? Cardinal(ExtractionContext ctx, int i)
    {
        var norm = ctx.Tokens[i].Norm;
        if (char.IsAsciiDigit(norm[0]) || (Word(norm, out var kind, out var v) ?? Definite(norm, out kind, out v)) is null) return null;
        if (kind == Kind.Fraction) return (v, i);
        return Parse(ctx, i, scales: false) is { } n ? (n.Value, n.Last) : null;
    }

    /// <summary>An ordinal from token i (الخامس، الحادي عشر، السادس والعشرين): its value and last token, or null.</summary>
    public static (int Value, int Last)? Ordinal(ExtractionContext ctx, int i)
    {
        var word = ctx.Tokens[i].Norm;
        if (R.OrdinalTens.TryGetValue(word, out var tens)) return (tens, i);
        if (!R.Ordinals.TryGetValue(word, out var unit)) return null;
        var next = i + 1 < ctx.Tokens.Count && !Broken(ctx, i, i + 1) ? ctx.Tokens[i + 1].Norm : null;
        if (next is not null && Ten.Contains(next)) return (10 + unit, i + 1);
        if (next is { Length: > 2 } && next[0] == 'و' && R.OrdinalTens.TryGetValue(next[1..], out var t)) return (unit + t, i + 1);
        // الحادي alone is never a number: it opens 11, 21 …
        return word.EndsWith("حادي", StringComparison.Ordinal) || word.EndsWith("حاديه", StringComparison.Ordinal) ? null : (unit, i);
    }

    /// <summary>
    /// The number that starts at token <paramref name="i"/> and ends at token <paramref name="maxLast"/> at the latest.
    /// Without <paramref name="scales"/> it reads a count: no scale word, and the article allowed (الاشهر الثلاثه).
    /// </summary>
    public static ParsedNumber? Parse(ExtractionContext ctx, int i, int maxLast = int.MaxValue, bool signed = true, bool scales = true)
    {
        var tokens = ctx.Tokens;
        var text = ctx.Text;
        var start = tokens[i].Start;
        var last = i;
        double total = 0, group, scale = 1, smallestScale = double.MaxValue;
        var scaleOnly = false;
        string? suffix = null;
        char clitic;
        Kind prev;

        if (char.IsAsciiDigit(tokens[i].Norm[0]))
        {
            if (!ReadDigits(ctx, i, maxLast, ref start, ref last, out group, out suffix, signed)) return null;
            clitic = GapClitic(text, tokens[i].Start);
            prev = Kind.Digits;
            if (suffix is not null && LatinScales.TryGetValue(suffix, out var latin)) { total = group * latin; group = 0; scale = latin; prev = Kind.Scale; }
            if (suffix is not null) return new ParsedNumber(total + group, start, last, scale, false, suffix, clitic);
        }
        else
        {
            if ((Word(tokens[i].Norm, out var firstKind, out var v) ?? (scales ? null : Definite(tokens[i].Norm, out firstKind, out v))) is not { } c) return null;
            clitic = c;
            switch (firstKind)
            {
                case Kind.Scale or Kind.Dual when !scales:
                    return null;
                case Kind.Scale or Kind.Dual:
                    group = 0; total = (firstKind == Kind.Dual ? 2 : 1) * v; scale = smallestScale = v; scaleOnly = true; prev = Kind.Scale;
                    break;
                case Kind.Plural or Kind.Point:
                    return null;
                default:
                    group = v; prev = firstKind;
                    break;
            }
            if (IsTeenOnly(tokens[i].Norm) && (i + 1 >= tokens.Count || Broken(ctx, i, i + 1) || !Ten.Contains(tokens[i + 1].Norm))) return null;
        }

        // Before a و the reading so far is complete; a part after it that does not fit goes back to here.
        var saved = (total, group, last, prev);
        var afterWa = false;
        while (true)
        {
            var j = last + 1;
            if (j >= tokens.Count || j > maxLast || Broken(ctx, last, j)) break;
            var wa = false;
            ReadOnlySpan<char> w = tokens[j].Norm;
            if (w is "و")
            {
                j++;
                if (j >= tokens.Count || j > maxLast || Broken(ctx, j - 1, j)) break;
                w = tokens[j].Norm;
                wa = true;
            }
            else if (w.Length > 3 && w[0] == 'و' && WordLookup.ContainsKey(w[1..])) { w = w[1..]; wa = true; }
            else if (char.IsAsciiDigit(w[0]) && GapClitic(text, tokens[j].Start) == 'و') wa = true;

            Kind kind;
            double v;
            if (char.IsAsciiDigit(w[0]))
            {
                if (Digits(w) is not { } d) break;
                (kind, v) = (Kind.Digits, d);
            }
            else if (WordLookup.TryGetValue(w, out var word)) (kind, v) = word;
            else break;

            if (wa)
            {
                if (!afterWa) saved = (total, group, last, prev);
                var fits = (prev, kind) switch
                {
                    (Kind.Unit, Kind.Tens) => group % 100 is > 0 and < 10,
                    (Kind.Hundred, Kind.Unit or Kind.Ten or Kind.Tens) => true,
                    (Kind.Scale, Kind.Digits or Kind.Unit or Kind.Ten or Kind.Tens or Kind.Hundred or Kind.Fraction) => true,
                    _ => false,
                };
                if (!fits) break;
                afterWa = prev == Kind.Scale;
                if (kind == Kind.Fraction)
                {
                    total += v * smallestScale; last = j; prev = Kind.Fraction;
                    // مليار ونصف المليار: the scale may be said again after the fraction.
                    if (j + 1 < tokens.Count && j + 1 <= maxLast && !Broken(ctx, j, j + 1) && ScaleWord(tokens[j + 1].Norm) == smallestScale) last = j + 1;
                    break;
                }
                if (prev == Kind.Scale) group = v; else group += v;
                prev = kind;
                last = j;
                continue;
            }

            switch (kind)
            {
                case Kind.Scale or Kind.Dual or Kind.Plural when scales && prev is not Kind.Scale && group > 0:
                    // الف مليار and مليار و5 مليارات are not one number: a later scale is always smaller.
                    if (v >= smallestScale) { if (afterWa) (total, group, last, prev) = saved; goto done; }
                    total += group * v; group = 0; scale = smallestScale = v; prev = Kind.Scale; afterWa = false;
                    break;
                case Kind.Ten when prev == Kind.Unit && group % 100 is > 0 and < 10:
                    group += 10; prev = Kind.Ten;
                    break;
                case Kind.Hundred when v == 100 && prev == Kind.Unit && group < 10:
                    group *= 100; prev = Kind.Hundred;
                    break;
                case Kind.Point when prev is Kind.Digits or Kind.Unit or Kind.Ten or Kind.Tens && j + 1 < tokens.Count && j + 1 <= maxLast
                                     && Fraction(tokens[j + 1].Norm) is { } f:
                    group += f; prev = Kind.Digits; last = j + 1;
                    continue;
                default:
                    goto done;
            }
            last = j;
        }
        done:
        // An unfinished part (a bare fraction, 5 after مليار that is not smaller) is not read.
        if (afterWa && group >= smallestScale) (total, group, last, prev) = saved;
        if (prev == Kind.Fraction && total == 0) return null;
        return new ParsedNumber(total + group, start, last, scale, scaleOnly && last == i, null, clitic);
    }

    /// <summary>A digit string: 3.5، 1,5 (decimal comma), 1,000 and 3.000.000 (thousands), 1,000.5 and 1.000,5.</summary>
    private static double? Digits(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !char.IsAsciiDigit(s[0])) return null;
        int dots = 0, commas = 0;
        foreach (var c in s)
        {
            if (c == '.') dots++;
            else if (c == ',') commas++;
            else if (!char.IsAsciiDigit(c)) return null;
        }
        char? thousands = null, point = null;
        if (dots > 0 && commas > 0) (thousands, point) = s.LastIndexOf('.') > s.LastIndexOf(',') ? (',', '.') : ('.', ',');
        else if (dots > 1) thousands = '.';
        else if (commas > 1) thousands = ',';
        else if (commas == 1) { if (Grouped(s, ',')) thousands = ','; else point = ','; }
        else if (dots == 1) point = '.';
        Span<char> buffer = stackalloc char[s.Length];
        var n = 0;
        foreach (var c in s)
        {
            if (c == thousands) continue;
            buffer[n++] = c == point ? '.' : c;
        }
        if (thousands is { } t && !Grouped(s[..(point is { } p && s.IndexOf(p) >= 0 ? s.IndexOf(p) : s.Length)], t)) return null;
        return double.TryParse(buffer[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    // 1,000,000: one to three digits, then groups of exactly three.
    private static bool Grouped(ReadOnlySpan<char> s, char separator)
    {
        var first = s.IndexOf(separator);
        if (first is < 1 or > 3) return false;
        var run = 0;
        for (var k = first + 1; k < s.Length; k++)
        {
            if (s[k] == separator) { if (run != 3) return false; run = 0; }
            else run++;
        }
        return run == 3;
    }

    private static bool ReadDigits(ExtractionContext ctx, int i, int maxLast, ref int start, ref int last, out double value, out string? suffix, bool signed)
    {
        var tokens = ctx.Tokens;
        var text = ctx.Text;
        var norm = tokens[i].Norm.AsSpan();
        value = 0;
        suffix = null;
        var k = 0;
        while (k < norm.Length && (char.IsAsciiDigit(norm[k]) || norm[k] is '.' or ',')) k++;
        if (k < norm.Length)
        {
            foreach (var c in norm[k..]) if (!char.IsAsciiLetter(c)) return false;
            suffix = tokens[i].Norm[k..];
        }
        if (Digits(norm[..k]) is not { } v) return false;
        value = v;
        var plain = norm[..k].IndexOfAny('.', ',') < 0;
        // 50.000 درهم: one point before exactly three digits groups thousands, as the comma does, unless a scale
        // follows (1.500 مليار is one and a half).
        if (suffix is null && norm[0] != '0' && norm[..k].Count('.') == 1 && norm[..k].IndexOf(',') < 0 && norm.IndexOf('.') is >= 1 and <= 3 && k - norm.IndexOf('.') == 4
            && (i + 1 >= tokens.Count || ScaleWord(tokens[i + 1].Norm) is null && !WordLookup.TryGetValue(tokens[i + 1].Norm, out _)))
            value *= 1000;
        // 71ر2 is 2.71 in the agencies' style: the fraction first, the mark glued between.
        if (suffix is null && plain && i + 2 < tokens.Count && i + 2 <= maxLast && tokens[i + 1].Norm == R.FractionFirstMark
            && tokens[i + 1].Start == tokens[i].End && tokens[i + 2].Start == tokens[i + 1].End && tokens[i + 2].Norm.All(char.IsAsciiDigit))
        {
            value = double.Parse(tokens[i + 2].Norm, CultureInfo.InvariantCulture) + value / Math.Pow(10, k);
            last = i + 2;
        }
        else if (suffix is null && plain)
        {
            // 3 000 000: groups of three after one space, read only when the first group is short.
            if (k <= 3)
                while (last + 1 < tokens.Count && last + 1 <= maxLast && tokens[last + 1].Norm.Length == 3 && Digits(tokens[last + 1].Norm) is { } g
                       && tokens[last + 1].Norm.AsSpan().IndexOfAny('.', ',') < 0 && IsOneSpace(ctx.Gap(last, last + 1)))
                { value = value * 1000 + g; last++; }
            // 11/10 is a fraction, 12/10/2025 a date.
            if (last == i && i + 1 < tokens.Count && i + 1 <= maxLast && ctx.Gap(i, i + 1) is "/" && Digits(tokens[i + 1].Norm) is { } den and > 0
                && (start == 0 || text[start - 1] != '/') && (i + 2 >= tokens.Count || ctx.Gap(i + 1, i + 2) is not "/"))
            { value /= den; last = i + 1; }
            // .77 and ٫٧٧ written without the zero.
            else if (start >= 1 && text[start - 1] is '.' or '٫' && (start == 1 || !char.IsLetterOrDigit(text[start - 2])))
            { value /= Math.Pow(10, k); start--; }
        }
        if (signed && start >= 1 && text[start - 1] is '-' or '−' && (start == 1 || char.IsWhiteSpace(text[start - 2]) || text[start - 2] == '('))
        { value = -value; start--; }
        return true;
    }

    /// <summary>
    /// Whether punctuation separates tokens a and b. A lone line break does not: some outlets wrap their text at a
    /// fixed width, and no paragraph ends on a bare number that the next one scales (65⏎مليار دولار).
    /// </summary>
    public static bool Broken(ExtractionContext ctx, int a, int b)
    {
        var gap = ctx.Gap(a, b);
        return gap.IndexOfAny(".،,;؛:!?؟") >= 0 || gap.Count('\n') > 1;
    }

    private static bool IsOneSpace(ReadOnlySpan<char> gap) => gap is " " or "\u00A0" or "\u202F" or "\u2009";

    /// <summary>The fractional part after فاصله: فاصله 25 → .25، فاصله خمسه → .5.</summary>
    private static double? Fraction(string norm)
    {
        if (char.IsAsciiDigit(norm[0])) return norm.All(char.IsAsciiDigit) && Digits(norm) is { } d ? d / Math.Pow(10, norm.Length) : null;
        return WordLookup.TryGetValue(norm, out var w) && w.Kind == Kind.Unit ? w.Value / 10 : null;
    }

    /// <summary>The clitic written onto a number word (or '\0' for none); null when the word is no number word.</summary>
    private static char? Word(string norm, out Kind kind, out double value)
    {
        if (WordLookup.TryGetValue(norm, out var w)) { (kind, value) = w; return '\0'; }
        foreach (var p in Clitics)
            if (norm.Length - p.Length >= 3 && norm.StartsWith(p, StringComparison.Ordinal) && WordLookup.TryGetValue(norm.AsSpan(p.Length), out w))
            { (kind, value) = w; return p[^1]; }
        (kind, value) = (default, 0);
        return null;
    }

    // A count after its noun takes the article (الاشهر الثلاثه); the scales never do here (الف is no ال + ف).
    private static char? Definite(string norm, out Kind kind, out double value)
    {
        (kind, value) = (default, 0);
        if (norm.Length < 5 || !norm.StartsWith("ال", StringComparison.Ordinal) || !WordLookup.TryGetValue(norm.AsSpan(2), out var w)
            || w.Kind is not (Kind.Unit or Kind.Ten or Kind.Tens or Kind.Hundred)) return null;
        (kind, value) = w;
        return '\0';
    }

    private static bool IsTeenOnly(string norm) => TeenOnly.Contains(norm) || norm.Length > 4 && (TeenOnly.Contains(norm[1..]) || TeenOnly.Contains(norm[2..]));

    /// <summary>The value of a scale word, with or without the article (مليار، المليار، الالف).</summary>
    private static double? ScaleWord(string norm)
    {
        if (WordLookup.TryGetValue(norm, out var p) || norm.StartsWith("ال", StringComparison.Ordinal) && WordLookup.TryGetValue(norm.AsSpan(2), out p))
            return p.Kind is Kind.Scale or Kind.Plural ? p.Value : null;
        return null;
    }

    /// <summary>The clitic letter the tokenizer left in the text before digits (و65، لـ20), or '\0'.</summary>
    private static char GapClitic(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && text[k] == 'ـ') k--;
        return k >= 0 && text[k] is 'و' or 'ل' or 'ب' or 'ف' or 'ك' && (k == 0 || !char.IsLetter(text[k - 1])) ? text[k] : '\0';
    }
}
