using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Happenings (events.json): a sentence with a trigger (أطلقت، كشفت تقارير، توظيف، استثمار، أجلت، تعتزم) and an
/// actor the alias table knows, that is not a question, a condition or speculation (قد، ربما، إذا). One event per
/// sentence; its date is the date found nearest the trigger in the sentence (or "مؤخرًا" as a range ending at
/// publication), its amounts are the sentence's amounts. A noun trigger (إطلاق، استثمار، تمويل) alone describes
/// rather than reports, so it needs a date or an amount. Without a date the event stays undated.
/// </summary>
public sealed class EventExtractor : IExtractor
{
    private sealed record Trigger(string Type, bool IsNoun, List<string> Words);
    private sealed record Rules(List<Trigger> Triggers, List<string> Negators, List<string> RecentWords);

    private static readonly Rules R = LexiconData.Load<Rules>("events.json");
    private static readonly PhraseMatcher<(string Type, bool IsNoun)> Triggers =
        new(R.Triggers.SelectMany(t => t.Words.Select(w => (w, (t.Type, t.IsNoun)))), PhraseMatch.Surface);
    private static readonly HashSet<string> Negators = [.. R.Negators];
    private static readonly HashSet<string> Recent = [.. R.RecentWords];
    private const int MaxSummaryChars = 160;

    public string Name => "events";

    public void Extract(ExtractionContext ctx)
    {
        List<string> lastActors = [];
        foreach (var sentence in ctx.Sentences)
        {
            var (first, end) = ctx.TokenRange(sentence);
            var named = ctx.MentionsIn(sentence).Select(m => m.EntityId).Distinct().ToList();
            // "مع استثماره 65 مليار دولار": a sentence that names no one continues with the last actors named.
            var amounts = ctx.Amounts.Where(a => sentence.Start <= a.Span.Start && a.Span.End <= sentence.End).ToList();
            // Only with an amount: otherwise "تسعى هذه الشركات" would be pinned on the last company named.
            var actors = named.Count > 0 ? named : amounts.Count > 0 ? lastActors : [];
            if (named.Count > 0) lastActors = named;
            if (end - first < 4 || actors.Count == 0 || ctx.IsQuestion(sentence)) continue;
            if (FindTrigger(ctx, first, end, amounts) is not { } t) continue;
            var date = NearestDate(ctx, sentence, ctx.Tokens[t.First].Start) ?? Recently(ctx, first, end);
            var (type, isNoun) = t.Value;
            // A noun (إطلاق، استثمار) or a present-tense verb (تستثمر) describes as often as it reports: it needs a date or an amount.
            var descriptive = isNoun || type != "plan" && IsPresentTense(ctx.Tokens[t.First].Norm);
            if (descriptive && date is null && amounts.Count == 0) continue;
            if (type == "plan" && !actors.Any(MetaSide.Entities.Contains)) continue;
            var span = Clause(ctx, sentence, t.First);
            ctx.Events.Add(new ExtractedEvent
            {
                Span = span,
                Text = span.Of(ctx.Text),
                Summary = Summarize(span.Of(ctx.Text)),
                EventType = type,
                Date = date,
                Amounts = amounts,
                Actors = actors,
                Confidence = (date is null ? 0.55 : 0.75) + (descriptive ? -0.1 : 0) + (named.Count == 0 ? -0.1 : 0),
            });
        }
    }

    /// <summary>
    /// The trigger of a sentence: the one nearest its first amount when it has one (مع استثمار 65 مليار دولار),
    /// else the first verb, else the first noun. Triggers inside a quotation, after a negator or after
    /// speculation do not count: a quoted "إطلاق" is the speaker's, "لا تنوي" is no plan, "قد تسعى" is a claim.
    /// </summary>
    private static PhraseHit<(string Type, bool IsNoun)>? FindTrigger(ExtractionContext ctx, int first, int end, List<Amount> amounts)
    {
        var hits = new List<PhraseHit<(string Type, bool IsNoun)>>();
        foreach (var h in Triggers.Find(ctx.Tokens, first, end))
        {
            if (Hedged(ctx, first, h.First)) return null;
            var at = ctx.Tokens[h.First].Start;
            if (ctx.Quotes.Any(q => q.Kind == QuoteKind.Direct && q.Span.Contains(at))) continue;
            if (h.First > first && Negators.Contains(ctx.Tokens[h.First - 1].Norm)) continue;
            hits.Add(h);
        }
        if (hits.Count == 0) return null;
        if (amounts.Count > 0) return hits.MinBy(h => Math.Abs(ctx.Tokens[h.First].Start - amounts[0].Span.Start));
        return hits.FirstOrDefault(h => !h.Value.IsNoun) is { Phrase: not null } verb ? verb : hits[0];
    }

    // يستثمر، تستثمر: imperfect. توظيف، تأجيل، تعيين (the تفعيل verbal noun) and تعاقد، تحالف (perfect) are not.
    private static bool IsPresentTense(string word)
    {
        if (word.Length > 4 && word[0] is 'و' or 'ف') word = word[1..];
        if (word.Length < 4 || word[0] is not ('ي' or 'ت')) return false;
        return word[0] == 'ي' || !(word.Length == 5 && word[3] == 'ي') && !word.StartsWith("تعاقد") && !word.StartsWith("تحالف");
    }

    // Speculation before the trigger in the same clause makes the whole sentence a claim, not an event.
    private static bool Hedged(ExtractionContext ctx, int first, int trigger) =>
        StanceScorer.IsHedged(ctx.Tokens, Math.Max(first, trigger - 6), trigger);

    private static ResolvedDate? NearestDate(ExtractionContext ctx, TextSpan sentence, int at) =>
        ctx.Dates.Where(d => sentence.Start <= d.Span.Start && d.Span.End <= sentence.End)
            .OrderBy(d => Math.Abs(d.Span.Start - at)).FirstOrDefault();

    /// <summary>"مؤخرًا" (recently): the month before publication, up to it, marked estimated.</summary>
    private static ResolvedDate? Recently(ExtractionContext ctx, int first, int end)
    {
        if (ctx.Published is not { } p) return null;
        for (var k = first; k < end; k++)
        {
            if (!Recent.Contains(ctx.Tokens[k].Norm)) continue;
            var span = new TextSpan(ctx.Tokens[k].Start, ctx.Tokens[k].End);
            return new ResolvedDate(new DateRange(p.Start.AddMonths(-1), p.End, DateGranularity.Range, true), span.Of(ctx.Text), span, 0.4);
        }
        return null;
    }

    /// <summary>A long sentence of several clauses: keep the clause (between ، or ؛) that holds the trigger, with its neighbours.</summary>
    private static TextSpan Clause(ExtractionContext ctx, TextSpan sentence, int trigger)
    {
        if (sentence.Length <= 320) return sentence;
        var at = ctx.Tokens[trigger].Start;
        var start = ctx.Text.LastIndexOfAny(['؛', ';'], at, at - sentence.Start);
        var stop = ctx.Text.IndexOfAny(['؛', ';'], at, sentence.End - at);
        return new TextSpan(start < 0 ? sentence.Start : start + 1, stop < 0 ? sentence.End : stop).Trim(ctx.Text);
    }

    private static string Summarize(string text)
    {
        if (text.Length <= MaxSummaryChars) return text;
        var cut = text.LastIndexOf(' ', MaxSummaryChars);
        return text[..(cut > 0 ? cut : MaxSummaryChars)] + "…";
    }
}
