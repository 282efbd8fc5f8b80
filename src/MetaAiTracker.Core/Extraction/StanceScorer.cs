using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>What a span says about openness, with the cues that decided it.</summary>
public readonly record struct StanceReading(Stance Stance, bool Hedged, bool Negated, int OpenCues, int ClosedCues);

/// <summary>
/// Reads a stance on open versus closed models from a token range (stance.json): open and closed cues, turned
/// around by a negator (لن نفتح is closed) or a reverser (التخلي عن الانفتاح is closed) shortly before them,
/// and ignored when they name the other side of a comparison (أكثر أمانًا من البدائل مغلقة المصدر).
/// Both sides present → mixed. Hedges (قد، ربما، من المحتمل) are reported, not scored.
/// </summary>
public static class StanceScorer
{
    private sealed record Rules(List<string> Open, List<string> Closed, List<string> Reversers, List<string> Negators, List<string> Contrast, List<string> Pivots, List<string> Hedges);

    private static readonly Rules R = LexiconData.Load<Rules>("stance.json");
    private static readonly PhraseMatcher<bool> Cues = new(R.Open.Select(o => (o, true)).Concat(R.Closed.Select(c => (c, false))), PhraseMatch.Surface);
    private static readonly PhraseMatcher<int> Reversers = new(R.Reversers.Select(r => (r, 0)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<int> Hedges = new(R.Hedges.Select(h => (h, 0)), PhraseMatch.Surface);
    private static readonly HashSet<string> Negators = [.. R.Negators];
    private static readonly HashSet<string> Contrast = [.. R.Contrast];
    private static readonly HashSet<string> Pivots = [.. R.Pivots];
    private const int Window = 4;
    private const int ContrastWindow = 6;

    /// <param name="text">The source text, for clause breaks: a reverser reaches to the end of its clause.
    /// Without it the whole range is one clause.</param>
    public static StanceReading Read(IReadOnlyList<Token> tokens, int first, int end, string? text = null)
    {
        int open = 0, closed = 0;
        var negated = false;
        var lastCueEnd = first - 1;
        // Where the last reverser stands, while its reach lasts: to the end of the clause or to a pivot.
        var reverser = -1;
        foreach (var hit in Cues.Find(tokens, first, end))
        {
            var isOpen = hit.Value;
            var since = Math.Max(first, lastCueEnd + 1);
            lastCueEnd = hit.Last;
            // تتراجع عن موقفها القديم الداعم للمصدر المفتوح، إنهاء حقبة إتاحة النماذج مجانًا ومفتوحة المصدر: a reverser turns
            // every cue after it in its clause around, however far, up to a pivot (التحول عن المفتوح إلى المغلق);
            // a negator only the cue a few words on (لن نفتح).
            for (var k = since; k < hit.First; k++)
            {
                if (Pivots.Contains(tokens[k].Norm)) reverser = -1;
                else if (Reversers.MatchAt(tokens, k, hit.First) is { } r) { reverser = k; k = r.Last; }
            }
            if (reverser >= 0 && Break(tokens, text, reverser, hit.First)) reverser = -1;
            var reversed = reverser >= 0;
            if (!reversed)
            {
                // A comparison names its other side a few words on (لا يتنافس فقط مع النماذج الرائدة مغلقة المصدر), and
                // what was done for years (بعد سنوات من الالتزام بالمصدر المفتوح) is the background of a change: both are ignored.
                var contrastFrom = Math.Max(since, hit.First - ContrastWindow);
                if (Enumerable.Range(contrastFrom, hit.First - contrastFrom).Any(k => Contrast.Contains(tokens[k].Norm))) continue;
            }
            var from = Math.Max(since, hit.First - Window);
            var flips = (reversed ? 1 : 0) + Enumerable.Range(from, hit.First - from).Count(k => Negators.Contains(tokens[k].Norm));
            if (flips % 2 == 1) { isOpen = !isOpen; negated = true; }
            if (isOpen) open++; else closed++;
        }
        var stance = (open, closed) switch
        {
            (0, 0) => Stance.None,
            (> 0, 0) => Stance.Open,
            (0, > 0) => Stance.Closed,
            _ => Stance.Mixed,
        };
        return new StanceReading(stance, IsHedged(tokens, first, end), negated, open, closed);
    }

    private static bool Break(IReadOnlyList<Token> tokens, string? text, int a, int b) =>
        text is not null && text.AsSpan(tokens[a].End, tokens[b].Start - tokens[a].End).IndexOfAny(".،,;؛:!?؟\n") >= 0;

    // يكون، تكون، نرى: imperfect. تخلت، تحولت (a perfect that ends in the feminine ت) and انتهت are not.
    private static bool IsImperfect(string w) => w.Length >= 3 && (w[0] is 'ي' or 'ن' || w[0] == 'ت' && w[^1] != 'ت');

    /// <summary>Whether speculation or a condition (قد يكون، ربما، إذا) occurs in tokens [first, end).</summary>
    public static bool IsHedged(IReadOnlyList<Token> tokens, int first, int end)
    {
        foreach (var h in Hedges.Find(tokens, first, end))
        {
            if (h.Phrase != "قد") return true;
            if (h.Last + 1 < tokens.Count && IsImperfect(tokens[h.Last + 1].Norm)) return true;
        }
        return false;
    }

    /// <summary>
    /// The stance of many readings together: the side most of them take, or mixed when the smaller side holds at
    /// least a third of the readings that take one.
    /// </summary>
    public static Stance Combine(IEnumerable<Stance> stances)
    {
        double open = 0, closed = 0;
        foreach (var s in stances)
        {
            if (s is Stance.Open) open++;
            else if (s is Stance.Closed) closed++;
            else if (s is Stance.Mixed) { open += 0.5; closed += 0.5; }
        }
        if (open + closed == 0) return Stance.None;
        if (Math.Min(open, closed) >= (open + closed) / 3) return Stance.Mixed;
        return open > closed ? Stance.Open : Stance.Closed;
    }
}
