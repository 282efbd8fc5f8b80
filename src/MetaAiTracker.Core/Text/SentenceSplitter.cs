using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Text;

/// <summary>
/// Splits text into paragraphs and sentences. Sentence ends are . ! ? ؟ ۔ … before white space, never inside
/// a quotation («…», “…”, ”…”, "…"), never after a short abbreviation (د. م.) and never inside a number (3.1).
/// ، and ؛ do not end sentences in Arabic.
/// </summary>
public static class SentenceSplitter
{
    public static List<TextSpan> Paragraphs(string text)
    {
        var result = new List<TextSpan>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            var span = Trim(text, start, i);
            if (span.Length > 0) result.Add(span);
            start = i + 1;
        }
        return result;
    }

    public static List<TextSpan> Sentences(string text)
    {
        var result = new List<TextSpan>();
        foreach (var p in Paragraphs(text)) SplitParagraph(text, p, result);
        return result;
    }

    private static void SplitParagraph(string text, TextSpan p, List<TextSpan> result)
    {
        var start = p.Start;
        var guillemets = 0;
        var inAscii = false;
        var inCurly = false;
        for (var i = p.Start; i < p.End; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '«': guillemets++; continue;
                case '»': if (guillemets > 0) guillemets--; continue;
                case '"': inAscii = !inAscii; continue;
                case '“': inCurly = true; continue;
                // ” opens as well as closes in right-to-left copy; ″ closes whatever is open.
                case '”': inCurly = !inCurly; continue;
                case '″': inCurly = inAscii = false; continue;
            }
            if (guillemets > 0 || inAscii || inCurly) continue;
            if (c is not ('.' or '!' or '?' or '؟' or '۔' or '…')) continue;
            // A run of terminators (".." or "...") ends once.
            var end = i + 1;
            while (end < p.End && text[end] is '.' or '!' or '?' or '؟' or '…') end++;
            if (end < p.End && !char.IsWhiteSpace(text[end])) { i = end - 1; continue; }
            if (c == '.' && IsAbbreviation(text, p.Start, i)) continue;
            var span = Trim(text, start, end);
            if (span.Length > 0) result.Add(span);
            start = end;
            i = end - 1;
        }
        var last = Trim(text, start, p.End);
        if (last.Length > 0) result.Add(last);
    }

    // د. م. ص. and other one-letter abbreviations: the dot follows a one-letter word. Tashkeel does not
    // separate letters (تمامًا. ends a sentence).
    private static bool IsAbbreviation(string text, int floor, int dot)
    {
        var k = dot - 1;
        while (k >= floor && IsMark(text[k])) k--;
        if (k < floor || !char.IsLetter(text[k])) return false;
        k--;
        while (k >= floor && IsMark(text[k])) k--;
        return k < floor || !char.IsLetter(text[k]);
    }

    private static bool IsMark(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark || c == 'ـ';

    private static TextSpan Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return new TextSpan(start, end);
    }
}
