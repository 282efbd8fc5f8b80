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
    private sealed record Rules(List<Trigger> Triggers, List<string> NounSuffixes, List<string> Negators, List<string> Affirmative, List<string> DateLeads, List<string> RecentWords,
        List<string> TargetWords, List<string> QualifierWords, List<string> ComparisonWords, List<string> NonEventWords);

    private static readonly Rules R = LexiconData.Load<Rules>("events.json");
    private static readonly PhraseMatcher<(string Type, bool IsNoun)> Triggers =
        new(R.Triggers.SelectMany(t => t.Words.SelectMany(w => t.IsNoun ? WithSuffixes(w) : [w]).Select(w => (w, (t.Type, t.IsNoun)))), PhraseMatch.Surface);
    private static readonly HashSet<string> Negators = [.. R.Negators];
    private static readonly HashSet<string> Affirmative = [.. R.Affirmative];
    private static readonly HashSet<string> DateLeads = [.. R.DateLeads];
    private static readonly HashSet<string> Recent = [.. R.RecentWords];
    private static readonly HashSet<string> Targets = [.. R.TargetWords];
    private static readonly HashSet<string> Qualifiers = [.. R.QualifierWords];
    private static readonly HashSet<string> Comparisons = [.. R.ComparisonWords];
    private static readonly HashSet<string> NonEvents = [.. R.NonEventWords];
    private const int MaxSummaryChars = 160;


    public void Extract(ExtractionContext ctx)
    {
        List<string> lastActors = [];
        var found = new List<ExtractedEvent>();
        // Quoted runs long enough to be speech, whether or not the quote pass attributed them: a date in them is the speaker's.
        var datesOf = ctx.Dates.ToLookup(d => ctx.SentenceAt(d.Span.Start).Start);
        var amountsOf = ctx.Amounts.ToLookup(a => ctx.SentenceAt(a.Span.Start).Start);
        var speech = QuotedSpans.Find(ctx.Text, ctx.Paragraphs).Where(q => ctx.Text.AsSpan(q.Inner.Start, q.Inner.Length).Count(' ') >= 3).Select(q => q.Outer).ToList();
        foreach (var sentence in ctx.Sentences)
        {
            var (first, end) = ctx.TokenRange(sentence);
            var named = ctx.MentionsIn(sentence).Select(m => m.EntityId).Distinct().ToList();
            var amounts = amountsOf[sentence.Start].Where(a => a.Span.End <= sentence.End).ToList();
            var dates = datesOf[sentence.Start].Where(d => d.Span.End <= sentence.End && Happened(ctx, first, d, speech)).ToList();
            // "وجرى إبلاغ الموظفين أمس", "مع استثماره 65 مليار دولار": a dated or counted happening that names no one
            // continues the story's last actors. Without either, "تسعى هذه الشركات" would be pinned on them.
            var actors = named.Count > 0 ? named : amounts.Count > 0 || dates.Count > 0 ? lastActors : [];
            if (named.Count > 0) lastActors = named;
            if (end - first < 3 || dates.Count == 0 && actors.Count == 0 || ctx.IsQuestion(sentence)) continue;
            var hits = FindTriggers(ctx, first, end);
            // A dated sentence reports a happening even without a trigger word (هبط السهم يوم الإثنين، دخل حيز التنفيذ في
            // أغسطس); an undated one needs a trigger and someone who acts.
            if (dates.Count == 0 && (hits.Count == 0 || actors.Count == 0)) continue;
            if (dates.Count > 0 && hits.Count == 0 && (ctx.IsHeading(sentence) || Hedged(ctx, first, ctx.TokenIndexAt(dates[0].Span.Start)))) continue;
            foreach (var (t, date) in Happenings(ctx, first, hits, dates, amounts))
            {
                var (type, isNoun) = t?.Value ?? ("other", false);
                var resolved = date ?? Recently(ctx, first, end);
                // A noun (إطلاق، استثمار) or a present-tense verb (تستثمر) describes as often as it reports: it needs a date or an amount.
                var descriptive = t is { } h && (isNoun || type != "plan" && IsPresentTense(ctx.Tokens[h.First].Norm));
                if (descriptive && resolved is null && amounts.Count == 0) continue;
                if (type == "plan" && resolved is null && !actors.Any(MetaSide.Entities.Contains)) continue;
                var span = Clause(ctx, sentence, t?.First ?? ctx.TokenIndexAt(date!.Span.Start));
                found.Add(new ExtractedEvent
                {
                    Span = span,
                    Text = span.Of(ctx.Text),
                    Summary = Summarize(span.Of(ctx.Text)),
                    EventType = type,
                    Date = resolved,
                    Amounts = dates.Count <= 1 ? amounts : [.. amounts.Where(a => NearestDate(ctx, dates, a.Span.Start) == date)],
                    Actors = actors,
                    Confidence = (resolved is null ? 0.55 : 0.75) + (descriptive ? -0.1 : 0) + (named.Count == 0 ? -0.1 : 0) + (t is null ? -0.15 : 0),
                });
            }
        }
        ctx.Events.AddRange(Merge(found));
    }

    /// <summary>
    /// Whether a date in a sentence dates a happening: not a dateline (الخميس 20 نوفمبر 2025 – 8:12), not inside a
    /// quotation (the speaker's words), not what a figure is for (توقعات الإيرادات لعام 2026), not a target
    /// (بحلول عام 2030), not the baseline of a comparison (أكبر انخفاض منذ مارس 2020) and not a birth.
    /// </summary>
    private static bool Happened(ExtractionContext ctx, int first, ResolvedDate d, List<TextSpan> speech)
    {
        var at = ctx.TokenIndexAt(d.Span.Start);
        if (Dateline(ctx, d) || speech.Any(q => q.Contains(d.Span.Start))) return false;
        if (Qualifiers.Contains(ctx.Tokens[at].Norm)) return false;
        // The preposition may open the date's span (منذ عام 2013) or stand just before it (منذ أكتوبر 2022).
        var lead = at > first && !Targets.Contains(ctx.Tokens[at].Norm) && !IsSince(ctx.Tokens[at].Norm) ? at - 1 : at;
        // "By" a date still to come is a target (بحلول عام 2030); by one now past, a state reached (فبحلول أوائل يوليو، نجحت).
        if (Targets.Contains(ctx.Tokens[lead].Norm) && !(ctx.Published is { } p && d.Range.End < p.Start)) return false;
        if (IsSince(ctx.Tokens[lead].Norm) && AnyBefore(ctx, first, lead, 5, Comparisons)) return false;
        return !AnyBefore(ctx, first, at, 6, NonEvents, stripConjunction: true);
    }

    private static string WithoutConjunction(string w) => w.Length > 3 && w[0] is 'و' or 'ف' ? w[1..] : w;

    private static bool IsSince(string word) => word is "منذ" or "ومنذ";

    private static bool AnyBefore(ExtractionContext ctx, int first, int at, int window, HashSet<string> words, bool stripConjunction = false)
    {
        for (var k = Math.Max(first, at - window); k < at; k++)
            if (words.Contains(stripConjunction ? WithoutConjunction(ctx.Tokens[k].Norm) : ctx.Tokens[k].Norm)) return true;
        return false;
    }

    // A publication line: the date followed by a clock time, a paragraph that holds little besides the date, or a
    // date that no preposition introduces written in digits (2025-12-11، 03/11/2025) or opening the article.
    private static bool Dateline(ExtractionContext ctx, ResolvedDate d)
    {
        var at = ctx.TokenIndexAt(d.Span.Start);
        var introduced = at > 0 && DateLeads.Contains(ctx.Tokens[at - 1].Norm) || DateLeads.Contains(ctx.Tokens[at].Norm);
        if (!introduced && (at < 3 || !d.Text.Any(char.IsLetter) && d.Text.IndexOfAny(['-', '/']) >= 0)) return true;
        var after = ctx.Text.AsSpan(d.Span.End, Math.Min(8, ctx.Text.Length - d.Span.End)).TrimStart(" ,،–-\u00a0");
        if (after.Length >= 4 && char.IsDigit(after[0]) && (after[1] == ':' || char.IsDigit(after[1]) && after[2] == ':')) return true;
        var paragraph = ctx.Paragraphs.FirstOrDefault(p => p.Contains(d.Span.Start));
        var (pf, pe) = ctx.TokenRange(paragraph);
        var (df, de) = ctx.TokenRange(d.Span);
        return pe - pf - (de - df) <= 2;
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
            hits.Add(Negated(ctx, first, h.First) ? h with { Value = (Denied, h.Value.IsNoun) } : h);
        }
        return hits;
    }

    // A denied trigger still claims its date (لا يتوقع تسريح المزيد هذا العام: nothing happened this year), then yields nothing.
    private const string Denied = "denied";

    /// <summary>
    /// The happenings of a sentence: one per date, typed by the trigger the date belongs to. A date that opens a
    /// clause («في 30 يونيو 2025، كشفت») governs the trigger after it; any other date modifies the trigger before
    /// it («انضم … في يونيو عقب استثمار»). A sentence without a date has at most one happening, told by the
    /// trigger nearest its first amount (مع استثمار 65 مليار دولار … يستعد is an investment), else its first verb,
    /// else its first noun: the other triggers are the same happening told with more words (أعلنت … إطلاق).
    /// </summary>
    private static IEnumerable<(PhraseHit<(string Type, bool IsNoun)>? Trigger, ResolvedDate? Date)> Happenings(
        ExtractionContext ctx, int first, List<PhraseHit<(string Type, bool IsNoun)>> hits, List<ResolvedDate> dates, List<Amount> amounts)
    {
        if (dates.Count == 0)
        {
            hits = [.. hits.Where(h => h.Value.Type != Denied)];
            if (hits.Count == 0) return [];
            var main = amounts.Count > 0 ? NearestTrigger(ctx, hits, amounts[0].Span.Start)
                : hits.FirstOrDefault(h => !h.Value.IsNoun) is { Phrase: not null } verb ? verb : hits[0];
            return [(main, null)];
        }
        // A present-tense verb after the sentence's first trigger describes a state in a relative clause
        // (فريقًا يعمل على نماذج تعود إلى 2023): it types no date of its own.
        var owners = hits.Where((h, i) => i == 0 || h.Value.IsNoun || !IsPresentTense(ctx.Tokens[h.First].Norm)).ToList();
        return dates.Select(d =>
        {
            var at = ctx.TokenIndexAt(d.Span.Start);
            var before = owners.LastOrDefault(h => h.Last < at);
            var after = owners.FirstOrDefault(h => h.First > at);
            var owner = OpensClause(ctx, first, at) && after.Phrase is not null ? after : before.Phrase is not null ? before : after;
            return (owner.Phrase is null ? (PhraseHit<(string Type, bool IsNoun)>?)null : Planned(ctx, hits, owner), (ResolvedDate?)Since(d));
        }).Where(x => x.Item1?.Value.Type != Denied);
    }

    // منذ عام 2013 is a range up to publication for the reader; the happening (a hire, a start) is the year named.
    private static ResolvedDate Since(ResolvedDate d) =>
        d.Range.Granularity == DateGranularity.Range && d.Range.Start is { Month: 1, Day: 1 } s
        && ArabicNormalizer.Normalize(d.Text) is var t && (t.StartsWith("منذ") || t.StartsWith("ومنذ"))
            ? d with { Range = DateRange.Year(s.Year, d.Range.Estimated) } : d;

    private static ResolvedDate? NearestDate(ExtractionContext ctx, List<ResolvedDate> dates, int offset) =>
        dates.MinBy(d => Math.Abs(d.Span.Start - offset));

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

    // لم تعلن، لم يتم الكشف عن، لا يتوقع تسريح: a negator right before the trigger or one word before it, unless
    // that word makes it affirmative (لا تزال تطور، لا سيما بعد إطلاق).
    private static bool Negated(ExtractionContext ctx, int first, int trigger)
    {
        if (trigger > first && Negators.Contains(ctx.Tokens[trigger - 1].Norm)) return true;
        return trigger - 1 > first && !ctx.HasBreak(trigger - 2, trigger) && Negators.Contains(ctx.Tokens[trigger - 2].Norm)
            && !Affirmative.Contains(ctx.Tokens[trigger - 1].Norm);
    }

    private static bool Hedged(ExtractionContext ctx, int first, int trigger) =>
        StanceScorer.IsHedged(ctx.Tokens, Math.Max(first, trigger - 6), trigger);

    /// <summary>"مؤخرًا" (recently): the month of publication, marked estimated.</summary>
    private static ResolvedDate? Recently(ExtractionContext ctx, int first, int end)
    {
        if (ctx.Published is not { } p) return null;
        for (var k = first; k < end; k++)
        {
            if (!Recent.Contains(ctx.Tokens[k].Norm)) continue;
            var span = new TextSpan(ctx.Tokens[k].Start, ctx.Tokens[k].End);
            return new ResolvedDate(DateRange.Month(p.Start.Year, p.Start.Month, estimated: true), span.Of(ctx.Text), span, 0.4);
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
