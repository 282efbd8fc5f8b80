using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Quotes with their speakers (arabic-notes §4): direct quotes after a reporting verb and a colon (قال X: «…»),
/// continuations («…». «…»), quote-first («…»، قال X), indirect speech (قال X إن…، أشار إلى أن…، بحسب X، وفقًا لـX),
/// and mixed quotes (a quoted run of words inside reported speech). One quote per reporting cue. A dropped speaker
/// (وأضاف:) is carried from context; anonymous and institutional sources keep their words; an outlet cited alone is
/// the speaker; a person quoted through an outlet is. Scare quotes (a term or a name in marks) are not quotes, and
/// an announced action (أعلن عن، كشف عن) is left to the event extractor.
/// </summary>
public sealed class QuoteExtractor : IExtractor
{
    private sealed record Rules(
        List<string> SpeechVerbs, List<string> ActionWithAn, List<string> Complementizers, List<string> SourceCues,
        List<string> AnonymousSources, List<string> OutletReferences, List<string> NonSources,
        List<string> HypotheticalMarkers, List<string> Connectors, int MaxScareQuoteWords);

    private static readonly Rules R = LexiconData.Load<Rules>("quotes.json");
    private static readonly HashSet<string> Verbs = [.. R.SpeechVerbs];
    private static readonly HashSet<string> ActionVerbs = [.. R.ActionWithAn];
    private static readonly HashSet<string> NonSources = [.. R.NonSources];
    private static readonly HashSet<string> OutletReferences = [.. R.OutletReferences];
    private static readonly HashSet<string> Hypothetical = [.. R.HypotheticalMarkers];
    private static readonly HashSet<string> Connectors = [.. R.Connectors];
    private static readonly PhraseMatcher<int> Complementizers = new(R.Complementizers.Select(c => (c, 0)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<int> SourceCues = new(R.SourceCues.Select(c => (c, 0)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<int> Anonymous = new(R.AnonymousSources.Select(c => (c, 0)), PhraseMatch.Surface);
    private const int MaxSubjectWords = 14;

    public string Name => "quotes";

    public void Extract(ExtractionContext ctx)
    {
        var state = new State(ctx, [.. QuotedSpans.Find(ctx.Text, ctx.Paragraphs).Where(q => !IsScareQuote(ctx, q))]);
        foreach (var sentence in ctx.Sentences)
        {
            var (first, end) = ctx.TokenRange(sentence);
            for (var i = first; i < end; i++)
            {
                var next = TryVerbCue(state, sentence, i, end) ?? TrySourceCue(state, sentence, i, end);
                if (next is { } n) i = n;
            }
        }
        QuoteFirst(state);
    }

    /// <summary>Working state for one article: quoted spans not yet attributed, and the speakers seen so far.</summary>
    private sealed class State(ExtractionContext ctx, List<QuotedSpan> quoted)
    {
        public ExtractionContext Ctx { get; } = ctx;
        public List<QuotedSpan> Unused { get; } = quoted;
        public Speaker? LastSpeaker { get; set; }
        public Speaker? LastOutlet { get; set; }

        public void Add(TextSpan span, QuoteKind kind, string cue, Speaker? speaker, double confidence)
        {
            span = TrimPunctuation(Ctx.Text, span);
            if (span.Length == 0 || Ctx.Quotes.Any(q => q.Span.Overlaps(span))) return;
            Ctx.Quotes.Add(new ExtractedQuote { Span = span, Text = span.Of(Ctx.Text), Kind = kind, Cue = cue, Speaker = speaker, Confidence = confidence });
            if (speaker is { Kind: not SpeakerKind.Anonymous }) LastSpeaker = speaker;
            if (speaker is { Kind: SpeakerKind.Outlet }) LastOutlet = speaker;
        }

        /// <summary>The first unattributed quoted span that opens in [from, to).</summary>
        public QuotedSpan? TakeQuoteIn(int from, int to)
        {
            var i = Unused.FindIndex(q => q.Open >= from && q.Open < to);
            if (i < 0) return null;
            var q = Unused[i];
            Unused.RemoveAt(i);
            return q;
        }

        /// <summary>Quoted spans that follow <paramref name="previous"/> with only punctuation between them.</summary>
        public IEnumerable<QuotedSpan> TakeContinuations(QuotedSpan previous)
        {
            var last = previous;
            while (Unused.FirstOrDefault(q => q.Open > last.Close) is { Inner.Length: > 0 } q && OnlyPunctuation(Ctx.Text, last.Close + 1, q.Open))
            {
                Unused.Remove(q);
                yield return q;
                last = q;
            }
        }
    }

    private static int? TryVerbCue(State st, TextSpan sentence, int i, int end)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        var verb = StripConjunction(tokens[i].Norm);
        if (!Verbs.Contains(verb)) return null;
        if (ActionVerbs.Contains(verb) && i + 1 < end && tokens[i + 1].Norm == "عن") return null;
        if (i > 0 && Hypothetical.Contains(tokens[i - 1].Norm) && !ctx.HasBreak(i - 1, i)) return null;
        var cue = ctx.Text[tokens[i].Start..tokens[i].End];

        // The subject runs from the verb to a colon, an opening quotation mark or a complementizer.
        var j = i + 1;
        var limit = Math.Min(end, i + 1 + MaxSubjectWords);
        for (; j < limit; j++)
        {
            var gap = ctx.Gap(j - 1, j);
            if (gap.IndexOfAny(":«“\"„") >= 0 || Complementizers.MatchAt(tokens, j, end) is not null) break;
            if (gap.IndexOfAny("،,.;؛") >= 0 && j > i + 1 && !IsTitleComma(tokens, j)) return null;
        }
        var subjectEnd = j;
        // "قائلا:" after the subject belongs to the cue, not to the subject.
        var subject = tokens.Skip(i + 1).Take(subjectEnd - i - 1).ToList();
        if (subject.Count > 0 && StripConjunction(subject[^1].Norm) is "قائلا" or "قائله" or "مضيفا" or "موكدا" or "موضحا" or "مشيرا")
            subject.RemoveAt(subject.Count - 1);
        var afterSubject = subjectEnd < end ? tokens[subjectEnd].Start : sentence.End;
        var gapText = ctx.Text.AsSpan(subjectEnd > i + 1 ? tokens[subjectEnd - 1].End : tokens[i].End, afterSubject - (subjectEnd > i + 1 ? tokens[subjectEnd - 1].End : tokens[i].End));

        if (j >= limit && j < end)
        {
            // No colon or complementizer: a mixed quote (وأكد X على قدرة … على "…") if a quoted run follows in the sentence.
            if (st.TakeQuoteIn(tokens[i].End, sentence.End) is not { } mixed) return null;
            var who = Resolve(st, [.. tokens.Skip(i + 1).Take(3)], tokens[i].Start, out _) ?? Carried(st, tokens[i].Start);
            st.Add(new TextSpan(tokens[i].End, sentence.End), QuoteKind.Mixed, cue, who, 0.6);
            return mixed.Close > 0 ? ctx.TokenIndexAt(mixed.Close) : i;
        }

        // Subject first (كان زوكربيرج يخبر … بأنه، التقارير تشير إلى أن): a named source before the verb wins.
        var before = SubjectBefore(ctx, sentence, i);
        var speaker = before.Count > 0 ? Resolve(st, before, tokens[i].Start, out var refusedBefore) : null;
        if (before.Count > 0 && speaker is null && subject.Count == 0) return null;
        var refused = false;
        if (speaker is null)
        {
            speaker = Resolve(st, subject.Take(5).ToList(), tokens[i].Start, out refused);
            if (refused) return null;
        }
        var explicitSpeaker = speaker is not null;
        if (speaker is null && subject.Count == 0)
        {
            if (!CarriesSpeaker(ctx, sentence, i, verb)) return null;
            speaker = Carried(st, tokens[i].Start);
        }

        // Direct: a colon or a quotation mark (possibly after a bare complementizer) opens the quote.
        var compl = subjectEnd < end ? Complementizers.MatchAt(tokens, subjectEnd, end) : null;
        var quoteFrom = compl is { } c ? tokens[c.Last].End : (subjectEnd > i + 1 ? tokens[subjectEnd - 1].End : tokens[i].End);
        if (st.Unused.FirstOrDefault(q => q.Open >= quoteFrom && q.Open < sentence.End) is { Inner.Length: > 0 } direct
            && OnlyPunctuation(ctx.Text, quoteFrom, direct.Open))
        {
            if (compl is null && !gapText.Contains(':') && subject.Count > 4)
            {
                // وأكد X على قدرة … على "…": only part of the reported clause is quoted.
                st.Unused.Remove(direct);
                var from = ctx.MentionsIn(new TextSpan(tokens[i].End, direct.Open)).FirstOrDefault()?.Span.End ?? tokens[i].End;
                st.Add(new TextSpan(from, sentence.End), QuoteKind.Mixed, cue, speaker, 0.7);
                return ctx.TokenIndexAt(direct.Close) - 1;
            }
            st.Unused.Remove(direct);
            if (speaker is null && subject.Count > 0) speaker = Unnamed(ctx, subject);
            // One quote per cue: continuations («…». «…») extend it, so the span runs to the last one.
            var lastPart = st.TakeContinuations(direct).LastOrDefault();
            var whole = lastPart.Inner.Length > 0 ? new TextSpan(direct.Inner.Start, lastPart.Inner.End) : direct.Inner;
            st.Add(whole, QuoteKind.Direct, cue, speaker, explicitSpeaker ? 0.9 : 0.7);
            return ctx.TokenIndexAt((lastPart.Inner.Length > 0 ? lastPart : direct).Close) - 1;
        }
        if (compl is null || gapText.IndexOf(':') >= 0) return null;

        // Indirect: the reported clause runs from the complementizer to the end of the sentence.
        if (speaker is null)
        {
            if (subject.Count == 0) return null;
            speaker = Unnamed(ctx, subject);
        }
        var clause = new TextSpan(tokens[compl.Value.Last].End, sentence.End);
        var inner = st.Unused.FirstOrDefault(q => clause.Contains(q.Open) && WordCount(ctx, q.Inner) > R.MaxScareQuoteWords);
        if (inner.Inner.Length > 0) st.Unused.Remove(inner);
        st.Add(clause, inner.Inner.Length > 0 ? QuoteKind.Mixed : QuoteKind.Indirect, cue, speaker, explicitSpeaker ? 0.75 : 0.55);
        return ctx.TokenIndexAt(sentence.End) - 1;
    }

    private static int? TrySourceCue(State st, TextSpan sentence, int i, int end)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        if (tokens[i].Norm is "فحسب") return null;
        if (SourceCues.MatchAt(tokens, i, end) is not { } hit) return null;
        // وفقًا لمصادر: the ل stays glued to the source; the alias and anonymous matchers strip it.
        var sourceFirst = hit.Last + 1;
        var sourceEnd = sourceFirst;
        while (sourceEnd < end && sourceEnd - sourceFirst < 6
               && !ctx.HasBreak(sourceEnd - 1, sourceEnd))
            sourceEnd++;
        var source = tokens.Skip(sourceFirst).Take(sourceEnd - sourceFirst).ToList();
        var speaker = Resolve(st, source, tokens[i].Start, out var refused);
        if (refused || speaker is null) return null;
        var cue = ctx.Text[tokens[hit.First].Start..tokens[hit.Last].End];

        var before = new TextSpan(sentence.Start, tokens[i].Start);
        var startsSentence = ctx.TokenRange(before).End - ctx.TokenRange(before).First == 0;
        TextSpan content;
        if (startsSentence)
        {
            // وفقًا لمصادر مطلعة، فإن …: the content follows the source (a فإن/فان after the comma is the cue's, not the content's).
            var from = sourceEnd;
            if (from < end && tokens[from].Norm is "فان" or "فانه" or "فانها" or "ان") from++;
            if (from >= end) return null;
            content = new TextSpan(tokens[from].Start, sentence.End);
        }
        else
        {
            content = before;
        }
        var quoted = st.Unused.FirstOrDefault(q => content.Contains(q.Open) && q.Close < content.End + 2);
        if (quoted.Inner.Length > 0 && OnlyPunctuation(ctx.Text, content.Start, quoted.Open))
        {
            st.Unused.Remove(quoted);
            st.Add(quoted.Inner, QuoteKind.Direct, cue, speaker, 0.8);
        }
        else
        {
            st.Add(content, QuoteKind.Indirect, cue, speaker, speaker.Kind == SpeakerKind.Anonymous ? 0.6 : 0.7);
        }
        return ctx.TokenIndexAt(sentence.End) - 1;
    }

    /// <summary>«…»، قال X / «…»، بحسب X: the cue follows the quote.</summary>
    private static void QuoteFirst(State st)
    {
        var ctx = st.Ctx;
        foreach (var q in st.Unused.ToList())
        {
            var t = ctx.TokenIndexAt(q.Close + 1);
            if (t >= ctx.Tokens.Count || !OnlyPunctuation(ctx.Text, q.Close + 1, ctx.Tokens[t].Start)) continue;
            var verb = StripConjunction(ctx.Tokens[t].Norm);
            var isVerb = Verbs.Contains(verb);
            var isCue = SourceCues.MatchAt(ctx.Tokens, t) is not null;
            if (!isVerb && !isCue) continue;
            var subject = ctx.Tokens.Skip(t + 1).Take(4).ToList();
            var speaker = Resolve(st, subject, ctx.Tokens[t].Start, out var refused);
            if (refused) continue;
            speaker ??= Carried(st, q.Open);
            st.Unused.Remove(q);
            st.Add(q.Inner, QuoteKind.Direct, ctx.Text[ctx.Tokens[t].Start..ctx.Tokens[t].End], speaker, speaker is null ? 0.5 : 0.8);
        }
    }

    /// <summary>
    /// Who the words before a complementizer name: a person before an outlet before a company (a person quoted
    /// through an outlet is the speaker), else an anonymous or institutional source, else nobody.
    /// <paramref name="refused"/> is set when the subject is the writer's own analysis (الدلائل، التقديرات).
    /// </summary>
    private static Speaker? Resolve(State st, List<Token> subject, int cueStart, out bool refused)
    {
        refused = false;
        var ctx = st.Ctx;
        if (subject.Count == 0) return null;
        if (NonSources.Contains(StripConjunction(subject[0].Norm))) { refused = true; return null; }
        var span = new TextSpan(subject[0].Start, subject[^1].End);
        var first = StripConjunction(subject[0].Norm);
        if (Anonymous.MatchAt(subject, 0) is { } anon)
        {
            // "متحدث باسم ميتا" is the company speaking, under its own words; "مصادر مطلعة" stays anonymous.
            var institutional = anon.Phrase.Contains("باسم");
            var last = Math.Min(subject.Count - 1, anon.Last + (institutional ? 1 : 0));
            var name = ctx.Text[SkipClitic(ctx.Text, subject[0], anon.Phrase)..subject[last].End];
            if (institutional)
            {
                var company = ctx.MentionsIn(new TextSpan(subject[0].Start, subject[last].End)).FirstOrDefault();
                return new Speaker(company?.EntityId, name, SpeakerKind.Organization);
            }
            // "تقارير من صحيفة X" is the outlet speaking; in "مصادر مقربة من زوكربيرغ" the named person did not speak.
            var cited = ctx.MentionsIn(span).Select(m => ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId)).FirstOrDefault(e => e?.Kind == EntityKind.Outlet);
            if (cited is not null) return new Speaker(cited.Id, cited.NameAr, SpeakerKind.Outlet);
            if (!OutletReferences.Contains(first)) return new Speaker(null, name, SpeakerKind.Anonymous);
        }
        var mentions = ctx.MentionsIn(span).Select(m => (m, e: ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId))).Where(x => x.e is not null).ToList();
        foreach (var kind in new[] { EntityKind.Person, EntityKind.Outlet, EntityKind.Company })
        {
            if (mentions.FirstOrDefault(x => x.e!.Kind == kind) is { e: { } e })
                return new Speaker(e.Id, e.NameAr, kind switch { EntityKind.Person => SpeakerKind.Person, EntityKind.Outlet => SpeakerKind.Outlet, _ => SpeakerKind.Organization });
        }
        if (OutletReferences.Contains(first) && st.LastOutlet is { } outlet) return outlet;
        if (Anonymous.MatchAt(subject, 0) is { } reference)
            return new Speaker(null, ctx.Text[SkipClitic(ctx.Text, subject[0], reference.Phrase)..subject[reference.Last].End], SpeakerKind.Anonymous);
        return null;
    }

    /// <summary>The noun phrase right before a verb in its clause (back to a comma or فإن/أن), for subject-first order.</summary>
    private static List<Token> SubjectBefore(ExtractionContext ctx, TextSpan sentence, int i)
    {
        var tokens = ctx.Tokens;
        var (first, _) = ctx.TokenRange(sentence);
        var k = i - 1;
        var result = new List<Token>();
        while (k >= first && result.Count < 5 && !ctx.HasBreak(k, k + 1))
        {
            if (tokens[k].Norm is "فان" or "ان" or "لان" or "وان" or "حيث" || Connectors.Contains(tokens[k].Norm)) break;
            result.Insert(0, tokens[k]);
            k--;
        }
        return result;
    }

    /// <summary>وأضاف: / حيث صرح بأن: a past-tense verb opening its clause keeps the previous speaker; a present-tense one does not.</summary>
    private static bool CarriesSpeaker(ExtractionContext ctx, TextSpan sentence, int i, string verb)
    {
        var tokens = ctx.Tokens;
        var present = verb[0] is 'ي' or 'ت' && !verb.StartsWith("تابع") && !verb.StartsWith("توقع");
        if (present) return false;
        var (first, _) = ctx.TokenRange(sentence);
        if (i == first || tokens[i].Norm.Length > verb.Length) return true;
        return ctx.HasBreak(i - 1, i) || Connectors.Contains(tokens[i - 1].Norm);
    }

    /// <summary>لمصادر مطلعة names "مصادر مطلعة": skip the clitic letters the phrase matcher stripped (and a tatweel after them).</summary>
    private static int SkipClitic(string text, Token token, string phrase)
    {
        var clitic = token.Norm.Length - ArabicNormalizer.Normalize(phrase.Split(' ')[0]).Length;
        var at = token.Start;
        for (var seen = 0; seen < clitic && at < token.End; at++)
            if (text[at] != 'ـ' && ArabicNormalizer.IsWordChar(text[at])) seen++;
        while (at < token.End && text[at] == 'ـ') at++;
        return at;
    }

    /// <summary>A speaker the alias table does not know (الرئيس التنفيذي للشركة): kept by its words, with lower confidence.</summary>
    private static Speaker Unnamed(ExtractionContext ctx, List<Token> subject)
    {
        var words = subject.Take(5).ToList();
        return new Speaker(null, ctx.Text[words[0].Start..words[^1].End], SpeakerKind.Person);
    }

    /// <summary>A dropped speaker (وأضاف:): the last person named in this sentence or the one before, else the last speaker quoted.</summary>
    private static Speaker? Carried(State st, int cueStart)
    {
        var ctx = st.Ctx;
        var sentence = ctx.SentenceAt(cueStart);
        var previous = ctx.Sentences.LastOrDefault(s => s.End <= sentence.Start && s.End > sentence.Start - 400);
        var floor = previous.Length > 0 ? previous.Start : sentence.Start;
        var person = ctx.Mentions.LastOrDefault(m => m.Span.Start >= floor && m.Span.End <= cueStart
            && ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId)?.Kind == EntityKind.Person);
        if (person is not null && ctx.Lexicon.EntityById[person.EntityId] is { } e) return new Speaker(e.Id, e.NameAr, SpeakerKind.Person);
        return st.LastSpeaker;
    }

    private static bool IsScareQuote(ExtractionContext ctx, QuotedSpan q)
    {
        if (WordCount(ctx, q.Inner) <= R.MaxScareQuoteWords) return true;
        // بـ«…» and لـ«…»: a clitic glued to the mark introduces a term.
        if (q.Open > 0 && ctx.Text[q.Open - 1] is 'ـ' or 'ب' or 'ل') return true;
        // A quoted name of any length («ميتا بلاتفورمز») is a name: the alias matcher covers the whole span.
        var (first, end) = ctx.TokenRange(q.Inner);
        return ctx.Lexicon.EntityNames.MatchAt(ctx.Tokens, first, end) is { } hit && hit.Last == end - 1;
    }

    private static int WordCount(ExtractionContext ctx, TextSpan span)
    {
        var (first, end) = ctx.TokenRange(span);
        return end - first;
    }

    // "قال مارك زوكربيرج، الرئيس التنفيذي لميتا، إن…": a comma after a name opens a title, not a new clause.
    private static bool IsTitleComma(List<Token> tokens, int j) => j + 1 < tokens.Count && tokens[j].Norm is "الرييس" or "رييس" or "المدير" or "مدير" or "موسس" or "الموسس" or "كبير" or "نايب" or "المتحدث";

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VerbSpans = Verbs.GetAlternateLookup<ReadOnlySpan<char>>();

    // وقال → قال, without a substring for every word that merely starts with و.
    private static string StripConjunction(string norm) =>
        norm.Length > 3 && norm[0] is 'و' or 'ف' && VerbSpans.TryGetValue(norm.AsSpan(1), out var verb) ? verb : norm;

    private static bool OnlyPunctuation(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
            if (char.IsLetterOrDigit(text[k])) return false;
        return true;
    }

    private static TextSpan TrimPunctuation(string text, TextSpan s)
    {
        int a = s.Start, b = s.End;
        while (a < b && (char.IsWhiteSpace(text[a]) || text[a] is '،' or ',' or ':' or '-')) a++;
        while (b > a && (char.IsWhiteSpace(text[b - 1]) || text[b - 1] is '.' or '،' or ',' or '؛' or ';' or ':')) b--;
        return new TextSpan(a, b);
    }
}
