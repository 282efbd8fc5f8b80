using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Happenings (events.json): a sentence with a trigger (أطلقت، كشفت تقارير، توظيف، استثمار، أجلت، تعتزم) and an
/// actor the alias table knows, that is not a question, a condition or speculation (قد، ربما، إذا). Each date of
/// the sentence goes to the trigger it modifies, and every trigger that receives a date is one event; a sentence
/// with no dated trigger gives at most one undated event. A noun trigger (إطلاق، استثمار، تمويل) alone describes
/// rather than reports, so it needs a date or an amount. One happening told twice in an article is one event.
/// </summary>
public sealed class EventExtractor : IExtractor
{
    private sealed record Trigger(string Type, bool IsNoun, List<string> Words);
    private sealed record Rules(List<Trigger> Triggers, List<string> NounSuffixes, List<string> Negators, List<string> Auxiliaries, List<string> DateLeads, List<string> RecentWords);

    private static readonly Rules R = LexiconData.Load<Rules>("events.json");
    private static readonly PhraseMatcher<(string Type, bool IsNoun)> Triggers =
        new(R.Triggers.SelectMany(t => t.Words.SelectMany(w => t.IsNoun ? WithSuffixes(w) : [w]).Select(w => (w, (t.Type, t.IsNoun)))), PhraseMatch.Surface);
    private static readonly HashSet<string> Negators = [.. R.Negators];
    private static readonly HashSet<string> Auxiliaries = [.. R.Auxiliaries];
    private static readonly HashSet<string> DateLeads = [.. R.DateLeads];
    private static readonly HashSet<string> Recent = [.. R.RecentWords];
    private const int MaxSummaryChars = 160;

    public string Name => "events";

    public void Extract(ExtractionContext ctx)
    {
        List<string> lastActors = [];
        var found = new List<ExtractedEvent>();
        foreach (var sentence in ctx.Sentences)
        {
            var (first, end) = ctx.TokenRange(sentence);
            var named = ctx.MentionsIn(sentence).Select(m => m.EntityId).Distinct().ToList();
            var amounts = ctx.Amounts.Where(a => sentence.Start <= a.Span.Start && a.Span.End <= sentence.End).ToList();
            var dates = ctx.Dates.Where(d => sentence.Start <= d.Span.Start && d.Span.End <= sentence.End).ToList();
            // "وجرى إبلاغ الموظفين أمس", "مع استثماره 65 مليار دولار": a dated or counted happening that names no one
            // continues the story's last actors. Without either, "تسعى هذه الشركات" would be pinned on them.
            var actors = named.Count > 0 ? named : amounts.Count > 0 || dates.Count > 0 ? lastActors : [];
            if (named.Count > 0) lastActors = named;
            if (end - first < 4 || actors.Count == 0 || ctx.IsQuestion(sentence)) continue;
            var hits = FindTriggers(ctx, first, end);
            if (hits.Count == 0) continue;
            foreach (var (t, date) in Happenings(ctx, first, hits, dates, amounts))
            {
                var (type, isNoun) = t.Value;
                var resolved = date ?? Recently(ctx, first, end);
                // A noun (إطلاق، استثمار) or a present-tense verb (تستثمر) describes as often as it reports: it needs a date or an amount.
                var descriptive = isNoun || type != "plan" && IsPresentTense(ctx.Tokens[t.First].Norm);
                if (descriptive && resolved is null && amounts.Count == 0) continue;
                if (type == "plan" && !actors.Any(MetaSide.Entities.Contains)) continue;
                var span = Clause(ctx, sentence, t.First);
                found.Add(new ExtractedEvent
                {
                    Span = span,
                    Text = span.Of(ctx.Text),
                    Summary = Summarize(span.Of(ctx.Text)),
                    EventType = type,
                    Date = resolved,
                    Amounts = date is null ? amounts : [.. amounts.Where(a => NearestTrigger(ctx, hits, a.Span.Start) == t)],
                    Actors = actors,
                    Confidence = (resolved is null ? 0.55 : 0.75) + (descriptive ? -0.1 : 0) + (named.Count == 0 ? -0.1 : 0),
                });
            }
        }
        ctx.Events.AddRange(Merge(found));
    }

    /// <summary>
    /// The triggers of a sentence, left to right. Those inside a direct quotation or after a negator do not count
    /// (a quoted "إطلاق" is the speaker's, "لا تنوي" is no plan); speculation (قد تسعى، إذا) ends the list, since
    /// what follows it in the sentence is as hypothetical.
    /// </summary>
    private static List<PhraseHit<(string Type, bool IsNoun)>> FindTriggers(ExtractionContext ctx, int first, int end)
    {
        var hits = new List<PhraseHit<(string Type, bool IsNoun)>>();
        foreach (var h in Triggers.Find(ctx.Tokens, first, end))
        {
            if (Hedged(ctx, first, h.First)) break;
            var at = ctx.Tokens[h.First].Start;
            if (ctx.Quotes.Any(q => q.Kind == QuoteKind.Direct && q.Span.Contains(at))) continue;
            if (Negated(ctx, first, h.First)) continue;
            hits.Add(h);
        }
        return hits;
    }

    /// <summary>
    /// Which trigger each date of the sentence belongs to, and so the sentence's happenings. A date that opens a
    /// clause («في 30 يونيو 2025، كشفت») governs the trigger after it; any other date modifies the trigger before
    /// it («انضم … في يونيو عقب استثمار»). Triggers that receive no date are the same happening told with more
    /// words (أعلنت … إطلاق): without any dated trigger, the sentence's one trigger is the one nearest its first
    /// amount (مع استثمار 65 مليار دولار … يستعد is an investment), else its first verb, else its first noun.
    /// </summary>
    private static IEnumerable<(PhraseHit<(string Type, bool IsNoun)> Trigger, ResolvedDate? Date)> Happenings(
        ExtractionContext ctx, int first, List<PhraseHit<(string Type, bool IsNoun)>> hits, List<ResolvedDate> dates, List<Amount> amounts)
    {
        var owned = new Dictionary<int, ResolvedDate>();
        // A present-tense verb after the sentence's first trigger describes a state in a relative clause
        // (فريقًا يعمل على نماذج تعود إلى 2023): it does not take a date of its own.
        var owners = hits.Where((h, i) => i == 0 || h.Value.IsNoun || !IsPresentTense(ctx.Tokens[h.First].Norm)).ToList();
        foreach (var d in dates)
        {
            var at = ctx.TokenIndexAt(d.Span.Start);
            var before = owners.LastOrDefault(h => h.Last < at);
            var after = owners.FirstOrDefault(h => h.First > at);
            var opens = OpensClause(ctx, first, at);
            var owner = opens && after.Phrase is not null ? after : before.Phrase is not null ? before : after;
            if (owner.Phrase is null) continue;
            // A trigger with two dates keeps the nearer one.
            if (owned.TryGetValue(owner.First, out var had) && Distance(ctx, owner, had) <= Distance(ctx, owner, d)) continue;
            owned[owner.First] = d;
        }
        if (owned.Count > 0) return owners.Where(h => owned.ContainsKey(h.First)).Select(h => (Planned(ctx, hits, h), (ResolvedDate?)owned[h.First]));
        var main = amounts.Count > 0 ? NearestTrigger(ctx, hits, amounts[0].Span.Start)
            : hits.FirstOrDefault(h => !h.Value.IsNoun) is { Phrase: not null } verb ? verb : hits[0];
        return [(main, null)];
    }

    // تعتزم طرحه في 2026، من المقرر أن تقوم بتسريح: a noun that is the object of a plan is the plan, dated by it.
    private static PhraseHit<(string Type, bool IsNoun)> Planned(ExtractionContext ctx, List<PhraseHit<(string Type, bool IsNoun)>> hits, PhraseHit<(string Type, bool IsNoun)> h)
    {
        if (!h.Value.IsNoun) return h;
        var i = hits.IndexOf(h);
        return i > 0 && hits[i - 1] is { Value.Type: "plan", Value.IsNoun: false } p && h.First - p.Last <= 5 && !ctx.HasBreak(p.Last, h.First)
            ? h with { Value = ("plan", false) } : h;
    }

    // The date is the first thing of its clause: only lead words (في، وفي، خلال، يوم) stand between it and the
    // sentence start or the last punctuation.
    private static bool OpensClause(ExtractionContext ctx, int first, int at)
    {
        var k = at;
        while (k > first && !ctx.HasBreak(k - 1, k) && DateLeads.Contains(ctx.Tokens[k - 1].Norm)) k--;
        return k == first || ctx.HasBreak(k - 1, k);
    }

    private static int Distance(ExtractionContext ctx, PhraseHit<(string Type, bool IsNoun)> h, ResolvedDate d) =>
        Math.Abs(ctx.TokenIndexAt(d.Span.Start) - h.First);

    private static PhraseHit<(string Type, bool IsNoun)> NearestTrigger(ExtractionContext ctx, List<PhraseHit<(string Type, bool IsNoun)>> hits, int offset) =>
        hits.MinBy(h => Math.Abs(ctx.Tokens[h.First].Start - offset));

    /// <summary>
    /// One happening told twice (a headline and its lede, a recap further down) is one event: same type, the same
    /// date (or none, merged into the dated telling), the actors of one within the other's, and no amount that
    /// tells them apart. Two undated tellings stay apart: nothing shows they are one happening.
    /// </summary>
    private static List<ExtractedEvent> Merge(List<ExtractedEvent> events)
    {
        var kept = new List<ExtractedEvent>();
        foreach (var e in events.OrderBy(e => e.Date is null))
        {
            var i = kept.FindIndex(k => k.EventType == e.EventType && k.Date is not null && (e.Date is null || SameRange(k.Date, e.Date))
                && (e.Actors.All(k.Actors.Contains) || k.Actors.All(e.Actors.Contains))
                && (e.Amounts.Count == 0 || k.Amounts.Count == 0 || e.Amounts.Any(a => k.Amounts.Any(b => a.Value == b.Value))));
            if (i < 0) { kept.Add(e); continue; }
            kept[i] = kept[i] with { Amounts = [.. kept[i].Amounts.Concat(e.Amounts).DistinctBy(a => (a.Value, a.Unit))] };
        }
        return kept;
    }

    private static bool SameRange(ResolvedDate? a, ResolvedDate? b) =>
        a is not null && b is not null && a.Range.Start == b.Range.Start && a.Range.End == b.Range.End;

    // اطلاقه، استقالتها: a possessive on a noun trigger; ة (normalized ه) is written ت before it.
    private static IEnumerable<string> WithSuffixes(string noun)
    {
        yield return noun;
        var stem = noun.EndsWith('ه') ? noun[..^1] + "ت" : noun;
        foreach (var s in R.NounSuffixes) yield return stem + s;
    }

    // يستثمر، تستثمر: imperfect. توظيف، تأجيل، تعيين (the تفعيل verbal noun) and تعاقد، تحالف (perfect) are not.
    private static bool IsPresentTense(string word)
    {
        if (word.Length > 4 && word[0] is 'و' or 'ف') word = word[1..];
        if (word.Length < 4 || word[0] is not ('ي' or 'ت')) return false;
        return word[0] == 'ي' || !(word.Length == 5 && word[3] == 'ي') && !word.StartsWith("تعاقد") && !word.StartsWith("تحالف");
    }

    // لم تعلن، لم يتم الكشف عن: a negator right before the trigger, or before the auxiliary that carries it.
    private static bool Negated(ExtractionContext ctx, int first, int trigger)
    {
        var k = trigger - 1;
        if (k > first && Auxiliaries.Contains(ctx.Tokens[k].Norm)) k--;
        return k >= first && Negators.Contains(ctx.Tokens[k].Norm);
    }

    private static bool Hedged(ExtractionContext ctx, int first, int trigger) =>
        StanceScorer.IsHedged(ctx.Tokens, Math.Max(first, trigger - 6), trigger);

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
