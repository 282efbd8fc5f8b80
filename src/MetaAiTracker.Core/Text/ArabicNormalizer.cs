using System.Text;

namespace MetaAiTracker.Core.Text;

/// <summary>
/// Folds Arabic spelling variation into a search key (docs/extraction.md, "Normalization").
/// The key is for matching and indexing only; stored display text is never altered.
/// </summary>
public static class ArabicNormalizer
{
    /// <summary>The search key of <paramref name="text"/>.</summary>
    public static string Normalize(string text) => NormalizeWithMap(text).Text;

    /// <summary>The search key with, for every key character, the index of the source character it came from.</summary>
    public static NormalizedText NormalizeWithMap(string text)
    {
        // Presentation forms may expand (ﻻ → لا), so size for that; plain text never grows.
        var size = text.AsSpan().IndexOfAnyInRange('\uFB50', '\uFEFE') >= 0 ? text.Length * 2 : text.Length;
        var buffer = new char[size];
        var map = new int[size + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPresentationForm(c))
            {
                // Old pages and PDFs carry presentation forms; NFKC turns ﻻ into لا (two letters, one source index).
                foreach (var d in c.ToString().Normalize(NormalizationForm.FormKC))
                {
                    var folded = Fold(d);
                    if (folded != '\0') { buffer[n] = folded; map[n++] = i; }
                }
                continue;
            }
            var f = Fold(c);
            if (f != '\0') { buffer[n] = f; map[n++] = i; }
        }
        map[n] = text.Length;
        // Map may be longer than the key; only its first Text.Length + 1 entries are meaningful.
        return new NormalizedText(new string(buffer, 0, n), map);
    }

    // Folding runs on every character of every article: a 128 KB table turns it into one load.
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++) table[c] = FoldSlow((char)c);
        return table;
    }

    /// <summary>Folds one character; '\0' means the character is dropped from the key.</summary>
    public static char Fold(char c) => FoldTable[c];

    private static char FoldSlow(char c)
    {
        if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        switch (c)
        {
            // Harakat, Quranic marks, dagger alef, tatweel and invisible joiners/bidi marks carry no letters.
            case >= '\u064B' and <= '\u065F':
            case '\u0670':
            case >= '\u06D6' and <= '\u06ED':
            case '\u0640':
            case >= '\u200B' and <= '\u200F':
            case >= '\u202A' and <= '\u202E':
            case >= '\u2066' and <= '\u2069':
            case '\u061C':
            case '\uFEFF':
                return '\0';
            case 'أ' or 'إ' or 'آ' or 'ٱ' or 'ٲ' or 'ٳ': return 'ا';
            case 'ى' or 'ی' or 'ے': return 'ي';
            case 'ة': return 'ه';
            case 'ؤ': return 'و';
            case 'ئ': return 'ي';
            case 'ک': return 'ك';
            case 'ڤ': return 'ف';
            case 'پ': return 'ب';
            case 'گ': return 'ك';
            case >= '\u0660' and <= '\u0669': return (char)('0' + (c - '\u0660'));
            case >= '\u06F0' and <= '\u06F9': return (char)('0' + (c - '\u06F0'));
            case '٫': return '.';
            case '٬': return ',';
            case '٪': return '%';
            case '،': return ',';
            case '؛': return ';';
            case '؟': return '?';
            case '\u00A0': return ' ';
            default: return char.ToLowerInvariant(c);
        }
    }

    private static bool IsPresentationForm(char c) => c is >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFE';

    /// <summary>True for Arabic-script letters (after folding).</summary>
    public static bool IsArabicLetter(char c) => c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3' or >= '\u0750' and <= '\u077F';

    private static readonly bool[] WordCharTable = BuildWordCharTable();

    private static bool[] BuildWordCharTable()
    {
        var table = new bool[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++) table[c] = char.IsLetterOrDigit((char)c);
        return table;
    }

    /// <summary>char.IsLetterOrDigit through a table: the tokenizer asks it for every character.</summary>
    public static bool IsWordChar(char c) => WordCharTable[c];

    /// <summary>True when the text holds at least one Arabic letter.</summary>
    public static bool ContainsArabic(string text)
    {
        foreach (var c in text) if (IsArabicLetter(c)) return true;
        return false;
    }
}

/// <summary>A search key and, per key character, its source index; Map[Text.Length] is the source length.</summary>
public sealed record NormalizedText(string Text, int[] Map)
{
    /// <summary>The source span that the key span [start, end) came from.</summary>
    public (int Start, int End) ToSource(int start, int end) =>
        (Map[start], end > start ? Map[end - 1] + 1 : Map[start]);
}
