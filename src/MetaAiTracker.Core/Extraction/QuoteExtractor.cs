using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Quotes with their speakers: direct quotes after a reporting verb and a colon (قال X: «…»), continuations
/// («…». «…»), quote-first («…»، قال X), indirect speech (قال X إن…، أشار إلى أن…، بحسب X، وفقًا لـX), views stated as
/// a verb's object (أعرب عن…، دعا إلى…، نفى وجود…), and mixed quotes (a quoted run of words inside reported speech).
/// One quote per reporting cue: a participle after it (موضحًا أن…، ومشيرًا إلى…) opens the next quote of the same
/// speaker. A dropped speaker (وأضاف:) is carried from context; anonymous and institutional sources keep their
/// words; an outlet cited alone, or its report, is the speaker; a person quoted through an outlet is. A speaker the
/// alias table does not know is kept by name when a title or an outlet word introduces it, and proposed to editors.
/// Scare quotes (a term or a name in marks) are not quotes, and an announced action (أعلن عن، كشف عن) is left to the
/// event extractor.
/// </summary>
public sealed class QuoteExtractor : IExtractor
{
    private sealed record ViewObject(List<string> Verbs, List<string> Objects);

    private sealed record Rules(
        List<string> SpeechVerbs, List<string> ActionWithAn, List<string> Complementizers, List<string> SourceCues,
        List<string> AnonymousSources, List<string> OutletReferences, List<string> NonSources,
        List<string> HypotheticalMarkers, List<string> PresentMarkers, List<string> PresentContinuations, List<string> Statements, List<string> ReportWords, List<string> Connectors, List<ViewObject> ViewObjects, List<string> Participles,
        List<string> NeverSpeakers, List<string> Channels, List<string> Titles, List<string> OutletIntroducers,
        List<string> CompanyReferences, List<string> NameStops, List<string> Prepositions, List<string> OrgNouns, List<string> ObjectFirst, List<string> PassiveWithoutSubject,
        int MaxScareQuoteWords);

    private static readonly Rules R = LexiconData.Load<Rules>("quotes.json");
    private static HashSet<string> Set(IEnumerable<string> words) => [.. words.Select(ArabicNormalizer.Normalize)];
    private static PhraseMatcher<int> Phrases(IEnumerable<string> phrases) => new(phrases.Select(c => (c, 0)), PhraseMatch.Surface);

    private static readonly HashSet<string> Participles = Set(R.Participles);
    private static readonly HashSet<string> Verbs = [.. Set(R.SpeechVerbs), .. Participles, .. Set(R.ViewObjects.SelectMany(v => v.Verbs))];
    private static readonly HashSet<string> ObjectFirst = Set(R.ObjectFirst);
    private static readonly HashSet<string> ActionVerbs = Set(R.ActionWithAn);
    private static readonly HashSet<string> NonSources = Set(R.NonSources);
    private static readonly HashSet<string> Hypothetical = Set(R.HypotheticalMarkers);
    private static readonly HashSet<string> PresentMarkers = Set(R.PresentMarkers);
    private static readonly HashSet<string> PresentContinuations = Set(R.PresentContinuations);
    private static readonly HashSet<string> ReportWords = Set(R.ReportWords);
    private static readonly HashSet<string> Connectors = Set(R.Connectors);
    private static readonly HashSet<string> NameStops = Set(R.NameStops);
    private static readonly HashSet<string> OrgNouns = Set(R.OrgNouns);
    private static readonly HashSet<string> Prepositions = Set(R.Prepositions);
    private static readonly HashSet<string> PassiveWithoutSubject = Set(R.PassiveWithoutSubject);
    // Every word list below is gated by one lookup per visited token (Words.Match): a token that opens no phrase of
    // any list is passed over without asking each list in turn, which keeps the cue neighbourhoods cheap.
    private static readonly Dictionary<string, ushort> FirstWords = [];
    private static readonly Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> FirstWordSpans = FirstWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Words Complementizers = new(R.Complementizers, 1 << 0);
    private static readonly PhraseMatcher<int> SourceCues = Phrases(R.SourceCues);
    private static readonly Words Anonymous = new(R.AnonymousSources, 1 << 1);
    private static readonly Words OutletReferences = new(R.OutletReferences, 1 << 2);
    private static readonly Words CompanyReferences = new(R.CompanyReferences, 1 << 3);
    private static readonly Words NeverSpeakers = new(R.NeverSpeakers, 1 << 4);
    // وفي مقابلة: the matcher strips a clitic only when three letters remain, so في takes its و here.
    private static readonly Words Channels = new(R.Channels.Concat(R.Channels.Where(c => c.StartsWith("في ")).Select(c => "و" + c)), 1 << 5);
    private static readonly Words Titles = new(R.Titles, 1 << 6);
    private static readonly Words OutletIntroducers = new(R.OutletIntroducers, 1 << 7);
    private static readonly Words Statements = new(R.Statements, 1 << 8);

    /// <summary>A phrase list that is only asked at tokens where one of its phrases can start.</summary>
    private sealed class Words
    {
        private readonly PhraseMatcher<int> _matcher;
        private readonly ushort _bit;

        public Words(IEnumerable<string> phrases, ushort bit)
        {
            var list = phrases.ToList();
            _matcher = Phrases(list);
            _bit = bit;
            foreach (var phrase in list)
                if (ArabicTokenizer.Tokenize(phrase) is [var first, ..])
                    FirstWords[first.Norm] = (ushort)(FirstWords.GetValueOrDefault(first.Norm) | bit);
        }

        public PhraseHit<int>? Match(State st, int k, int to) => (st.Starts(k) & _bit) == 0 ? null : _matcher.MatchAt(st.Ctx.Tokens, k, to);
    }

    /// <summary>The lists a token may open a phrase of: its word and every tail a clitic could have been cut from (a superset is enough).</summary>
    private static ushort StartsOf(string norm)
    {
        ushort bits = 0;
        for (var cut = 0; cut <= 4 && norm.Length - cut >= (cut == 0 ? 1 : 3); cut++)
            if (FirstWordSpans.TryGetValue(norm.AsSpan(cut), out var b)) bits |= b;
        return bits;
    }

    /// <summary>Per verb form: the words that open its view-stating object, and whether a bare noun object does.</summary>
    private static readonly Dictionary<string, (Words? Objects, bool Direct)> ViewObjects = R.ViewObjects
        .SelectMany(v => v.Verbs.Select(verb => (Verb: ArabicNormalizer.Normalize(verb), v.Objects)))
        .GroupBy(x => x.Verb)
        .ToDictionary(g => g.Key, g =>
        {
            var objects = g.SelectMany(x => x.Objects).ToList();
            var words = objects.Where(o => o.Length > 0).ToList();
            return (words.Count > 0 ? new Words(words, 1 << 9) : null, objects.Contains(""));
        });

    private const int MaxSubjectWords = 14;


    public void Extract(ExtractionContext ctx)
    {
        var quoted = QuotedSpans.Find(ctx.Text, ctx.Paragraphs).Where(q => !IsScareQuote(ctx, q)).ToList();
        var state = new State(ctx, quoted);
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
        public List<QuotedSpan> Unused { get; } = [.. quoted];
        public List<QuotedSpan> Quoted { get; } = quoted;
        public Speaker? LastSpeaker { get; set; }
        public Speaker? LastOutlet { get; set; }

        private readonly ushort[] _starts = new ushort[ctx.Tokens.Count + 1];

        /// <summary>Which word lists token k may open a phrase of, looked up once.</summary>
        public ushort Starts(int k)
        {
            if (k >= Ctx.Tokens.Count) return 0;
            var s = _starts[k];
            if (s == 0) _starts[k] = s = (ushort)(StartsOf(Ctx.Tokens[k].Norm) | 0x8000);
            return s;
        }

        /// <summary>The mention that starts at each token, if any: speakers are looked up by token, never by scanning the article.</summary>
        public EntityMention?[] MentionAt { get; } = MentionIndex(ctx);

        /// <summary>Whether each token lies inside quoted words (a name there is quoted, not a new speaker).</summary>
        public bool[] InQuote { get; } = QuoteIndex(ctx, quoted);

        public EntityKind? KindAt(int token) =>
            MentionAt[token] is { } m ? Ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId)?.Kind : null;

        public IEnumerable<EntityMention> MentionsIn(int from, int to)
        {
            for (var k = from; k < to; k++)
                if (MentionAt[k] is { } m && m.Span.End <= Ctx.Tokens[to - 1].End) yield return m;
        }

        private static EntityMention?[] MentionIndex(ExtractionContext ctx)
        {
            var at = new EntityMention?[ctx.Tokens.Count + 1];
            foreach (var m in ctx.Mentions) at[ctx.TokenIndexAt(m.Span.Start)] ??= m;
            return at;
        }

        private static bool[] QuoteIndex(ExtractionContext ctx, List<QuotedSpan> quoted)
        {
            var inside = new bool[ctx.Tokens.Count + 1];
            foreach (var q in quoted)
                for (var k = ctx.TokenIndexAt(q.Open + 1); k < ctx.Tokens.Count && ctx.Tokens[k].Start <= q.Close; k++) inside[k] = true;
            return inside;
        }

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
        if (IsHypothetical(ctx, sentence, i) || IsPassive(ctx.Text, tokens[i], verb)) return null;
        var cue = ctx.Text[tokens[i].Start..tokens[i].End];
        var view = ViewObjects.GetValueOrDefault(verb);

        // The subject runs from the verb to a colon, an opening quotation mark, a complementizer or the word that opens
        // the verb's object; a comma may close a title or an aside (أفادت رويترز، اليوم الأربعاء، أن) on the way.
        var j = i + 1;
        var limit = Math.Min(end, i + 1 + MaxSubjectWords);
        PhraseHit<int>? compl = null, obj = null;
        var colon = false;
        for (; j < limit; j++)
        {
            var gap = ctx.Gap(j - 1, j);
            if (gap.IndexOf(':') >= 0) { colon = true; break; }
            if (gap.IndexOfAny("«“\"„”") >= 0 && st.Unused.Any(q => q.Open >= tokens[j - 1].End && q.Open < tokens[j].Start)) break;
            if ((compl = Complementizers.Match(st, j, end)) is not null) break;
            // رغم نفي متحدث باسم ميتا وجود العروض، مشيرًا إلى أن…: the next cue starts the next quote.
            if (j > i + 1 && gap.IndexOfAny("،,") >= 0 && Participles.Contains(StripConjunction(tokens[j].Norm))) break;
            if ((obj = view.Objects?.Match(st, j, end)) is not null) break;
            if (gap.IndexOfAny(";؛") >= 0) return null;
        }
        var subjectEnd = j;
        var opensQuote = j < end && st.Unused.Any(q => q.Open >= tokens[j - 1].End && q.Open < tokens[j].Start);
        var opener = compl is not null || obj is not null || colon || opensQuote;
        var beyondLimit = j >= limit && j < end;
        // Most reporting verbs in a text report nothing here: leave before resolving any speaker.
        if (!opener && !view.Direct && !beyondLimit) return null;
        var (sFrom, sTo) = TrimSubject(st, i + 1, subjectEnd);
        // A participle (موضحًا، مضيفًا بثقة) never has its subject after it: the speaker is the sentence's.
        var hasSubject = sFrom < sTo && !NameStops.Contains(tokens[sFrom].Norm) && !Participles.Contains(verb);
        if (!hasSubject && PassiveWithoutSubject.Contains(verb)) return null;
        var afterVerb = subjectEnd > i + 1 ? tokens[subjectEnd - 1].End : tokens[i].End;

        var (bFrom, bTo, adjunct) = Participles.Contains(verb) ? (i, i, false) : SubjectBefore(st, sentence, i);
        Speaker? before = null;
        if (!opener && view.Direct)
        {
            before = bFrom < bTo ? Resolve(st, bFrom, bTo, tokens[i].Start, out _, guess: false) : null;
            if (DirectObjectStart(st, i, end, before is not null) is { } start)
            {
                // نفى زوكربيرغ وجود خطط…: a bare noun object states the view, after a named subject or none.
                var who = start.Subject > i + 1 ? Resolve(st, i + 1, start.Subject, tokens[i].Start, out _) : before ?? Carried(st, tokens[i].Start);
                if (who is null || start.Content >= end) return null;
                var stop = ClauseEnd(st, start.Content, end);
                st.Add(Span(ctx, start.Content, stop, sentence), QuoteKind.Indirect, cue, who, 0.6);
                return stop - 1;
            }
        }
        if (!opener)
        {
            // No colon or complementizer: a mixed quote (وأكد X على قدرة … على "…") if a quoted run follows in the sentence.
            if (!beyondLimit || st.TakeQuoteIn(tokens[i].End, sentence.End) is not { } mixed) return null;
            var speakerOfMixed = Resolve(st, i + 1, Math.Min(end, i + 4), tokens[i].Start, out _) ?? Carried(st, tokens[i].Start);
            st.Add(new TextSpan(tokens[i].End, sentence.End), QuoteKind.Mixed, cue, speakerOfMixed, 0.6);
            return mixed.Close > 0 ? ctx.TokenIndexAt(mixed.Close) : i;
        }
        before ??= bFrom < bTo ? Resolve(st, bFrom, bTo, tokens[i].Start, out _, guess: false) : null;

        // Subject first (كان زوكربيرج يخبر … بأنه، التقارير تشير إلى أن): a named source before the verb wins.
        var speaker = before;
        if (bFrom < bTo && speaker is null && !hasSubject) return null;
        if (speaker is null && hasSubject)
        {
            // وصف زوكربيرغ النموذج بأنه / وصفت سابقًا القانون بأنه: after these verbs a noun is the object, not a speaker.
            var objectFirst = ObjectFirst.Contains(verb);
            speaker = Resolve(st, sFrom, sTo, tokens[i].Start, out var refused, guess: !objectFirst);
            if (refused || speaker is null && !objectFirst) return null;
            hasSubject = speaker is not null;
        }
        var explicitSpeaker = speaker is not null;
        if (speaker is null)
        {
            if (!adjunct && !CarriesSpeaker(ctx, sentence, i, verb)) return null;
            // حذرت، وأضافت: a feminine verb with no one quoted yet is the company speaking.
            speaker = Carried(st, tokens[i].Start, feminine: verb.EndsWith('ت') || verb.EndsWith("ه") || verb[0] == 'ت');
        }

        // Direct: a colon or a quotation mark (possibly after a bare complementizer) opens the quote.
        var quoteFrom = compl is { } c ? tokens[c.Last].End : afterVerb;
        if (obj is null && st.Unused.FirstOrDefault(q => q.Open >= quoteFrom && q.Open < sentence.End) is { Inner.Length: > 0 } direct
            && OnlyPunctuation(ctx.Text, quoteFrom, direct.Open))
        {
            st.Unused.Remove(direct);
            // One quote per cue: continuations («…». «…») extend it, so the span runs to the last one.
            var lastPart = st.TakeContinuations(direct).LastOrDefault();
            var closing = lastPart.Inner.Length > 0 ? lastPart : direct;
            var whole = new TextSpan(direct.Inner.Start, closing.Inner.End);
            var afterClose = ctx.TokenIndexAt(closing.Close);
            var stop = compl is not null && afterClose < end ? ClauseEnd(st, afterClose - 1, end) : afterClose;
            if (compl is { } complementizer && stop > afterClose)
            {
                // قال إن "…" بالنسبة إلى…: words outside the marks make the reported clause mixed.
                st.Add(Span(ctx, complementizer.Last + 1, stop, sentence), QuoteKind.Mixed, cue, speaker, 0.7);
                return stop - 1;
            }
            st.Add(whole, QuoteKind.Direct, cue, speaker, explicitSpeaker ? 0.9 : 0.7);
            return afterClose - 1;
        }
        if (colon) return null;
        var open = compl ?? obj;
        if (open is not { } o) return null;

        // Indirect: the reported clause runs from the complementizer (or the object word) to the next cue or the sentence end.
        var contentFrom = obj is { } ob && ob.Last > ob.First ? ob.First + 1 : o.Last + 1;
        if (contentFrom >= end) return null;
        var clauseEnd = ClauseEnd(st, contentFrom, end);
        var clause = Span(ctx, contentFrom, clauseEnd, sentence);
        var inner = st.Unused.FirstOrDefault(q => clause.Contains(q.Open) && WordCount(ctx, q.Inner) > R.MaxScareQuoteWords);
        if (inner.Inner.Length > 0) st.Unused.Remove(inner);
        st.Add(clause, inner.Inner.Length > 0 ? QuoteKind.Mixed : QuoteKind.Indirect, cue, speaker, explicitSpeaker ? 0.75 : 0.55);
        return clauseEnd - 1;
    }

    private static int? TrySourceCue(State st, TextSpan sentence, int i, int end)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        if (tokens[i].Norm is "فحسب") return null;
        if (SourceCues.MatchAt(tokens, i, end) is not { } hit) return null;
        // بحسب ما ذكرت صحيفة…، وفق ما كشف عنه تقرير…، حسبما أفادت…: the verb after the cue belongs to it.
        var sourceFirst = hit.Last + 1;
        var relative = sourceFirst < end && tokens[sourceFirst].Norm is "ما" or "لما";
        if (relative) sourceFirst++;
        for (var skipped = 0; sourceFirst < end && skipped < (relative ? 3 : 1) && IsReportingWord(tokens[sourceFirst].Norm); skipped++) sourceFirst++;
        var sourceEnd = sourceFirst;
        while (sourceEnd < end && sourceEnd - sourceFirst < 7 && (sourceEnd == sourceFirst || !ctx.HasBreak(sourceEnd - 1, sourceEnd)))
            sourceEnd++;
        if (sourceFirst >= end) return null;
        var refused = false;
        var speaker = Statement(st, sourceFirst, sourceEnd, tokens[i].Start) ?? Resolve(st, sourceFirst, sourceEnd, tokens[i].Start, out refused, guess: false);
        if (refused || speaker is null) return null;
        var cue = ctx.Text[tokens[hit.First].Start..tokens[hit.Last].End];

        var (sentenceFirst, _) = ctx.TokenRange(sentence);
        TextSpan content;
        if (i == sentenceFirst)
        {
            // وفقًا لمصادر مطلعة، فإن …: the content follows the source (a فإن/فان after the comma is the cue's, not the content's).
            var from = sourceEnd;
            // وفقا لتقارير نشرتها صحيفتان في 22 أكتوبر، فإن…: a long source runs to its comma.
            for (var k = sourceEnd; k < Math.Min(end, sourceEnd + 8); k++)
                if (ctx.HasBreak(k - 1, k)) { from = k; break; }
            if (from < end && tokens[from].Norm is "فان" or "فانه" or "فانها" or "ان") from++;
            if (from >= end) return null;
            content = Span(ctx, from, ClauseEnd(st, from, end), sentence);
        }
        else
        {
            // X، بحسب ميتا، على… / ويتركز هذا التحول بحسب موقع بلومبرغ حول…: a cue inside a sentence attributes all of it.
            content = sentence;
        }
        // The marks may open before the content's first word (جاء في بيان للشركة: "…").
        var marksFrom = i == sentenceFirst ? tokens[sourceEnd - 1].End : content.Start;
        var quoted = st.Unused.FirstOrDefault(q => q.Open >= marksFrom && q.Open < content.End && q.Close < content.End + 2);
        if (quoted.Inner.Length > 0 && OnlyPunctuation(ctx.Text, marksFrom, quoted.Open))
        {
            st.Unused.Remove(quoted);
            st.Add(quoted.Inner, QuoteKind.Direct, cue, speaker, 0.8);
        }
        else
        {
            st.Add(content, QuoteKind.Indirect, cue, speaker, speaker.Kind == SpeakerKind.Anonymous ? 0.6 : 0.7);
        }
        return Math.Max(sourceEnd - 1, ctx.TokenIndexAt(content.End) - 1);
    }

    // ذكرت، كشف عنه، أعلنه، نشرته، جاء في: the verb of a relative source cue, not the source.
    private static bool IsReportingWord(string norm) =>
        Verbs.Contains(StripConjunction(norm)) || norm is "عنه" or "عنها" or "في" or "جاء" or "ورد"
        || norm.Length > 3 && norm[^1] == 'ه' && Verbs.Contains(norm[..^1]);

    /// <summary>
    /// وفقًا لبيان مشترك، بحسب تصريحات مصادر مطلعة: what was said stands for who said it. A source after the statement
    /// word speaks; otherwise the statement, by its words (بيان مشترك، بيان الشركتين).
    /// </summary>
    private static Speaker? Statement(State st, int from, int to, int cueStart)
    {
        var ctx = st.Ctx;
        if (Statements.Match(st, from, to) is not { } statement) return null;
        var rest = statement.Last + 1;
        if (rest < to && !ctx.HasBreak(rest - 1, rest) && Resolve(st, rest, to, cueStart, out _, guess: false) is { } source) return source;
        var last = Math.Min(to - 1, rest);
        if (last > statement.Last && (ctx.HasBreak(last - 1, last) || NameStops.Contains(ctx.Tokens[last].Norm))) last = statement.Last;
        return new Speaker(null, ctx.Text[SkipClitic(ctx.Text, ctx.Tokens[from], statement.Phrase)..ctx.Tokens[last].End], SpeakerKind.Anonymous);
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
            var subjectEnd = t + 1;
            while (subjectEnd < ctx.Tokens.Count && subjectEnd < t + 5 && !ctx.HasBreak(subjectEnd - 1, subjectEnd)) subjectEnd++;
            var speaker = Resolve(st, t + 1, subjectEnd, ctx.Tokens[t].Start, out var refused);
            if (refused) continue;
            speaker ??= Carried(st, q.Open);
            st.Unused.Remove(q);
            st.Add(q.Inner, QuoteKind.Direct, ctx.Text[ctx.Tokens[t].Start..ctx.Tokens[t].End], speaker, speaker is null ? 0.5 : 0.8);
        }
    }

    /// <summary>
    /// Who tokens [from, to) name: a person before an outlet before a company (a person quoted through an outlet is
    /// the speaker), then an anonymous or institutional source, an outlet's report, a reference back (الصحيفة،
    /// الشركة), and, when <paramref name="guess"/> allows, a person or outlet the alias table does not know but a
    /// title or an outlet word introduces. <paramref name="refused"/> is set when the subject is the writer's own
    /// analysis (الدلائل، التقديرات).
    /// </summary>
    private static Speaker? Resolve(State st, int from, int to, int cueStart, out bool refused, bool guess = true)
    {
        refused = false;
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        (from, to) = TrimSubject(st, from, to);
        if (from >= to || NameStops.Contains(tokens[from].Norm)) return null;
        if (NonSources.Contains(StripConjunction(tokens[from].Norm))) { refused = true; return null; }
        var span = new TextSpan(tokens[from].Start, tokens[to - 1].End);

        // نقلت رويترز عن مصادر / عن زوكربيرغ: the source after عن speaks through the outlet before it.
        for (var k = from + 1; k < to - 1; k++)
            if (tokens[k].Norm == "عن" && Resolve(st, k + 1, to, cueStart, out _, guess) is { Kind: SpeakerKind.Person or SpeakerKind.Anonymous } via)
                return via;

        if (Anonymous.Match(st, from, to) is { } anon)
        {
            // "متحدث باسم ميتا" is the company speaking, under its own words; "مصادر مطلعة" stays anonymous.
            var institutional = anon.Phrase.Contains("باسم");
            var last = Math.Min(to - 1, anon.Last + (institutional ? 1 : 0));
            var name = ctx.Text[SkipClitic(ctx.Text, tokens[from], anon.Phrase)..tokens[last].End];
            if (institutional)
            {
                var company = st.MentionsIn(from, last + 1).FirstOrDefault()?.EntityId
                    ?? (CompanyReferences.Match(st, anon.Last + 1, to) is not null ? LastCompany(st, cueStart)?.Id : null);
                return new Speaker(company, name, SpeakerKind.Organization);
            }
            // "تقرير لصحيفة X" is the outlet speaking; in "مصادر مقربة من زوكربيرغ" the named person did not speak.
            if (ReportWords.Contains(anon.Phrase))
            {
                var cited = st.MentionsIn(from, to).Select(m => ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId)).FirstOrDefault(e => e?.Kind == EntityKind.Outlet);
                if (cited is not null) return new Speaker(cited.Id, cited.NameAr, SpeakerKind.Outlet);
                if (IntroducedOutlet(st, anon.Last + 1, to) is { } outlet) return outlet;
            }
            if (OutletReferences.Match(st, from, to) is null) return new Speaker(null, name, SpeakerKind.Anonymous);
        }
        var mentions = st.MentionsIn(from, to).Select(m => (m, e: ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId))).Where(x => x.e is not null).ToList();
        Speaker? titleOnly = null;
        foreach (var kind in new[] { EntityKind.Person, EntityKind.Other, EntityKind.Outlet, EntityKind.Company })
        {
            // مانديب سينغ المحلل في بلومبرغ: a named person, known or not, speaks before the outlet or company around him.
            if (kind == EntityKind.Other)
            {
                (titleOnly, var named) = NamedPerson(st, from, to);
                if (named) return titleOnly;
                continue;
            }
            if (mentions.FirstOrDefault(x => x.e!.Kind == kind) is { e: { } e })
                return new Speaker(e.Id, e.NameAr, kind switch { EntityKind.Person => SpeakerKind.Person, EntityKind.Outlet => SpeakerKind.Outlet, _ => SpeakerKind.Organization });
        }
        if (OutletReferences.Match(st, from, to) is { } reference)
        {
            if (st.LastOutlet is { } lastOutlet) return lastOutlet;
            return new Speaker(null, ctx.Text[SkipClitic(ctx.Text, tokens[from], reference.Phrase)..tokens[reference.Last].End], SpeakerKind.Anonymous);
        }
        if (CompanyReferences.Match(st, from, to) is not null && LastCompany(st, cueStart) is { } company2)
            return new Speaker(company2.Id, company2.NameAr, SpeakerKind.Organization);
        if ((IntroducedOutlet(st, from, to, atStart: !guess) ?? titleOnly) is { } introduced) return introduced;
        // وقال جون سميث إن: a subject that is nothing but a name is a person, kept by the name.
        if (guess && NameAt(st, from, to) is { } bare && bare.To == to && !IsPlural(tokens[from].Norm))
            return Propose(st, EntityKind.Person, bare, "quoted as a speaker by name alone");
        return null;
    }

    // تقييمات، مطورون: a plural noun is a group, not a name.
    private static bool IsPlural(string norm) => norm.EndsWith("ات") || norm.EndsWith("ون") || norm.EndsWith("ين");

    /// <summary>
    /// The subject proper: leading words that are never speakers (قائلاً، فيه، له، أيضًا) dropped, and cut where a
    /// channel starts (على منصة X، في مقابلة مع قناة…) or at a comma that does not open a title (an aside).
    /// </summary>
    private static (int From, int To) TrimSubject(State st, int from, int to)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        while (from < to)
        {
            if (NeverSpeakers.Match(st, from, to) is { } h) { from = h.Last + 1; continue; }
            if (Participles.Contains(StripConjunction(tokens[from].Norm))) { from++; continue; }
            break;
        }
        for (var k = from; k < to; k++)
        {
            if (k > from && ctx.HasBreak(k - 1, k) && Titles.Match(st, k, to) is null && !IsAppositiveName(st, from, k, to)) return (from, k);
            if (Channels.Match(st, k, to) is not null) return (from, k);
        }
        return (from, to);
    }

    /// <summary>الرئيس التنفيذي لميتا، مارك زوكربيرغ، …: a name between commas after a title is the subject's name.</summary>
    private static bool IsAppositiveName(State st, int from, int k, int to)
    {
        var ctx = st.Ctx;
        if (st.MentionAt[k] is not null) return st.KindAt(k) == EntityKind.Person;
        return NameAt(st, k, to) is { } name && (name.To == to || ctx.HasBreak(name.To - 1, name.To)) && Titles.Match(st, from, k) is not null;
    }

    /// <summary>
    /// A person the alias table does not know: a title and a name (المديرة المالية سوزان لي، الرئيس التنفيذي لشركة
    /// X جون سميث), a name and a title between commas (سوزان لي، المديرة المالية…), or a title alone, kept by its words.
    /// </summary>
    private static (Speaker? Speaker, bool Named) NamedPerson(State st, int from, int to)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        if (Titles.Match(st, from, to) is { } title)
        {
            var k = SkipQualifiers(st, title.Last + 1, to);
            if (NameAt(st, k, to) is { } name) return (Propose(st, EntityKind.Person, name, $"quoted as a speaker after «{Written(ctx, title.First, title.Last)}»"), true);
            var upTo = Math.Min(k, from + 5);
            return (new Speaker(null, ctx.Text[SkipClitic(ctx.Text, tokens[from], title.Phrase)..tokens[upTo - 1].End], SpeakerKind.Person), false);
        }
        if (NameAt(st, from, to) is { } before && before.To < to && Titles.Match(st, before.To, to) is { } after)
            return (Propose(st, EntityKind.Person, before, $"quoted as a speaker, «{Written(ctx, after.First, after.Last)}» after the name"), true);
        return (null, false);
    }

    /// <summary>صحيفة ذي إندبندنت، موقع بيزنس إنسايدر، وكالة Xinhua: an outlet word and the name after it.</summary>
    private static Speaker? IntroducedOutlet(State st, int from, int to, bool atStart = false)
    {
        var ctx = st.Ctx;
        for (var k = from; k < to && (!atStart || k == from); k++)
        {
            if (OutletIntroducers.Match(st, k, to) is not { } intro) continue;
            var n = intro.Last + 1;
            if (n >= to || ctx.HasBreak(n - 1, n)) return null;
            var latin = IsLatin(ctx.Tokens[n].Norm);
            var e = n + 1;
            while (e < to && e - n < (latin ? 4 : 3) && !ctx.HasBreak(e - 1, e) && IsLatin(ctx.Tokens[e].Norm) == latin
                   && (latin || IsNameWord(ctx.Tokens[e].Norm) && !IsNationality(ctx.Tokens[e].Norm)))
                e++;
            if (!latin && !IsNameWord(ctx.Tokens[n].Norm)) return null;
            return Propose(st, EntityKind.Outlet, (n, e), $"quoted as a source after «{Written(ctx, intro.First, intro.Last)}»");
        }
        return null;
    }

    /// <summary>Tokens [first, last] as the article writes them: an editor reads the reason, not the folded key.</summary>
    private static string Written(ExtractionContext ctx, int first, int last) => ctx.Text[ctx.Tokens[first].Start..ctx.Tokens[last].End];

    private static Speaker Propose(State st, EntityKind kind, (int From, int To) name, string reason)
    {
        var ctx = st.Ctx;
        var text = ctx.Text[ctx.Tokens[name.From].Start..ctx.Tokens[name.To - 1].End];
        ctx.EntityProposals.Add(new EntityProposal(kind, text, reason));
        return new Speaker(null, text, kind == EntityKind.Outlet ? SpeakerKind.Outlet : SpeakerKind.Person);
    }

    /// <summary>What qualifies a title before the name: للذكاء الاصطناعي، لشركة إنفيديا، في جامعة ستانفورد، والمؤسس المشارك.</summary>
    private static int SkipQualifiers(State st, int k, int to)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        while (k < to && !ctx.HasBreak(k - 1, k))
        {
            var norm = tokens[k].Norm;
            if (Titles.Match(st, k, to) is { } more) { k = more.Last + 1; continue; }
            if (st.MentionAt[k] is { } mention && st.KindAt(k) != EntityKind.Person)
            {
                k = ctx.TokenIndexAt(mention.Span.End - 1) + 1;
                continue;
            }
            if (norm.StartsWith("ال") || norm.StartsWith("لل") || norm.StartsWith("بال") || norm.StartsWith("وال")) { k++; continue; }
            var org = OrgNouns.Contains(norm) || norm.Length > 2 && norm[0] is 'ل' or 'ب' && OrgNouns.Contains(norm[1..]);
            // لشؤون المنتجات: a ل-noun bound to a definite noun is a field of the title, not a name.
            if (norm.Length > 2 && norm[0] == 'ل' && k + 1 < to && tokens[k + 1].Norm.StartsWith("ال") && !ctx.HasBreak(k, k + 1)) { k += 2; continue; }
            if (Prepositions.Contains(norm))
            {
                k++;
                if (k < to && OrgNouns.Contains(tokens[k].Norm)) k++;
                if (k < to && st.MentionAt[k] is null) k++;
                continue;
            }
            if (org)
            {
                k++;
                if (k < to && st.MentionAt[k] is { } named) k = ctx.TokenIndexAt(named.Span.End - 1);
                k++;
                continue;
            }
            break;
        }
        return k;
    }

    /// <summary>One to three name-like words from k (not definite at first, no preposition, no break).</summary>
    private static (int From, int To)? NameAt(State st, int k, int to)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        if (k >= to || !IsNameWord(tokens[k].Norm) || tokens[k].Norm.StartsWith("ال") || Titles.Match(st, k, to) is not null) return null;
        var e = k + 1;
        while (e < to && e - k < 3 && !ctx.HasBreak(e - 1, e) && IsNameWord(tokens[e].Norm) && !IsNationality(tokens[e].Norm)
               && Titles.Match(st, e, to) is null)
            e++;
        return (k, e);
    }

    private static bool IsNameWord(string norm) =>
        !NameStops.Contains(norm) && !Verbs.Contains(StripConjunction(norm)) && !char.IsAsciiDigit(norm[0]);

    // البريطانية، الأمريكية: an adjective of origin after an outlet's or a person's name is not part of it.
    private static bool IsNationality(string norm) => norm.StartsWith("ال") && (norm.EndsWith("يه") || norm.EndsWith("ي"));

    private static bool IsLatin(string norm) => char.IsAsciiLetter(norm[0]);

    private static Entity? LastCompany(State st, int before)
    {
        for (var k = st.Ctx.TokenIndexAt(before) - 1; k >= 0; k--)
            if (st.KindAt(k) == EntityKind.Company && st.MentionAt[k]!.Span.End <= before) return st.Ctx.Lexicon.EntityById[st.MentionAt[k]!.EntityId];
        return null;
    }

    /// <summary>Where a bare object starts after a view verb: after a named subject right behind it, or right after a verb that carries its speaker.</summary>
    private static (int Subject, int Content)? DirectObjectStart(State st, int i, int end, bool subjectBefore)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        if (i + 1 >= end) return null;
        if (st.MentionAt[i + 1] is { } m && st.KindAt(i + 1) is EntityKind.Person or EntityKind.Company or EntityKind.Outlet)
        {
            var after = ctx.TokenIndexAt(m.Span.End - 1) + 1;
            return (after, after);
        }
        if (Anonymous.Match(st, i + 1, end) is { } anon)
        {
            // متحدث باسم OpenAI: the name after باسم belongs to the source.
            var after = anon.Last + 1;
            if (anon.Phrase.Contains("باسم") && after < end)
                after = st.MentionAt[after] is { } named ? ctx.TokenIndexAt(named.Span.End - 1) + 1 : after + 1;
            return (after, after);
        }
        var verb = StripConjunction(tokens[i].Norm);
        var carries = subjectBefore || Participles.Contains(verb) || tokens[i].Norm.Length > verb.Length && st.LastSpeaker is not null;
        return carries ? (i + 1, i + 1) : null;
    }

    /// <summary>
    /// Where a reported clause that starts at token <paramref name="from"/> stops: before the next cue of the same
    /// sentence (موضحًا أن…، ومشيرًا إلى…، ، وأضاف أن…، ، إذ قال…), outside quotation marks, or at the sentence end.
    /// </summary>
    private static int ClauseEnd(State st, int from, int end)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        for (var k = from + 1; k < end; k++)
        {
            var norm = tokens[k].Norm;
            var stripped = StripConjunction(norm);
            if (!Verbs.Contains(stripped) || st.InQuote[k]) continue;
            if (Participles.Contains(stripped)) return k;
            if (stripped.Length < norm.Length && ctx.HasBreak(k - 1, k) && !IsPresent(stripped)) return k;
            // "…، إذ قال X:" / "…، كما أشار X إلى": a connector after a comma opens another speaker's words.
            if (k > from + 1 && Connectors.Contains(tokens[k - 1].Norm) && ctx.HasBreak(k - 2, k - 1)) return k - 1;
        }
        return end;
    }

    /// <summary>The text of tokens [from, stop), or to the sentence end when the clause runs to it.</summary>
    private static TextSpan Span(ExtractionContext ctx, int from, int stop, TextSpan sentence) =>
        new(ctx.Tokens[from].Start, stop < ctx.Tokens.Count && ctx.Tokens[stop].Start < sentence.End ? ctx.Tokens[stop - 1].End : sentence.End);

    /// <summary>The noun phrase right before a verb in its clause (back to a comma or فإن/أن), for subject-first order.</summary>
    private static (int From, int To, bool Adjunct) SubjectBefore(State st, TextSpan sentence, int i)
    {
        var ctx = st.Ctx;
        var tokens = ctx.Tokens;
        var (first, _) = ctx.TokenRange(sentence);
        var k = i - 1;
        while (k >= first && i - 1 - k < 5 && !ctx.HasBreak(k, k + 1))
        {
            if (tokens[k].Norm is "فان" or "ان" or "لان" or "وان" or "حيث" || Connectors.Contains(tokens[k].Norm)) break;
            k--;
        }
        // وفي رسالة داخلية قال فيها: a channel or a prepositional phrase before the verb is not its subject.
        var from = k + 1;
        // وكانت الشركة قد حذرت: the auxiliary and قد frame the subject, they are not part of it.
        while (from < i && tokens[from].Norm is "كان" or "وكان" or "كانت" or "وكانت" or "فقد" or "وقد") from++;
        var to = i;
        while (to > from && tokens[to - 1].Norm is "قد" or "فقد" or "وقد") to--;
        if (to < i && from >= to) return (i, i, true);
        var norm = from < i ? tokens[from].Norm : "";
        if (from < i && (Channels.Match(st, from, i) is not null || Prepositions.Contains(norm) || norm.Length > 2 && norm[0] == 'و' && Prepositions.Contains(norm[1..])))
            return (i, i, true);
        return (from, to, false);
    }

    /// <summary>إذا قال، عندما يعلن، لو ما صرّح، قد يقول: a reporting verb under a hypothetical marker is not speech.</summary>
    private static bool IsHypothetical(ExtractionContext ctx, TextSpan sentence, int i)
    {
        var (first, _) = ctx.TokenRange(sentence);
        var k = i - 1;
        if (k > first && ctx.Tokens[k].Norm == "ما" && !ctx.HasBreak(k, i)) k--;
        if (k < first || ctx.HasBreak(k, i)) return false;
        var marker = ctx.Tokens[k].Norm is ['و', .. var rest] && PresentMarkers.Contains(rest) ? rest : ctx.Tokens[k].Norm;
        return Hypothetical.Contains(marker) || PresentMarkers.Contains(marker) && IsPresent(StripConjunction(ctx.Tokens[i].Norm));
    }

    /// <summary>
    /// ذُكر، وُصف، أُعلن: a past verb written with a damma on its first letter is passive, a characterisation with no
    /// speaker. Present forms are left alone: their prefix takes a damma in the active too (يُشير).
    /// </summary>
    private static bool IsPassive(string text, Token token, string verb)
    {
        if (verb[0] is 'ي' or 'ت' or 'ن') return false;
        var skip = token.Norm.Length - verb.Length;
        var at = token.Start;
        for (var seen = 0; at < token.End; at++)
        {
            if (!ArabicNormalizer.IsArabicLetter(text[at])) continue;
            if (seen++ == skip) break;
        }
        return at + 1 < token.End && text[at + 1] == '\u064F';
    }

    private static bool IsPresent(string verb) => verb[0] is 'ي' or 'ت' && !verb.StartsWith("تابع") && !verb.StartsWith("توقع");

    /// <summary>وأضاف: / حيث صرح بأن: a past-tense verb opening its clause keeps the previous speaker; a present-tense one does not.</summary>
    private static bool CarriesSpeaker(ExtractionContext ctx, TextSpan sentence, int i, string verb)
    {
        var tokens = ctx.Tokens;
        var (first, _) = ctx.TokenRange(sentence);
        // ويضيف أن… right after a quote goes on with its speaker; elsewhere a present verb is the writer's voice.
        if (IsPresent(verb))
            return tokens[i].Norm.Length > verb.Length && PresentContinuations.Contains(verb) && ctx.Quotes.Any(q => q.Span.End <= tokens[i].Start && q.Span.End >= PreviousSentenceStart(ctx, sentence));
        if (i == first || tokens[i].Norm.Length > verb.Length || Participles.Contains(verb)) return true;
        // بعد أن حذرت، وقد أقر: the subject was dropped, not left out.
        return ctx.HasBreak(i - 1, i) || Connectors.Contains(tokens[i - 1].Norm) || tokens[i - 1].Norm is "ان" or "قد" or "وقد" or "فقد";
    }

    private static int PreviousSentenceStart(ExtractionContext ctx, TextSpan sentence) =>
        SentenceIndex(ctx, sentence.Start) is > 0 and var si ? ctx.Sentences[si - 1].Start : sentence.Start;

    /// <summary>لمصادر مطلعة names "مصادر مطلعة": skip the clitic letters the phrase matcher stripped (and a tatweel after them).</summary>
    private static int SkipClitic(string text, Token token, string phrase)
    {
        var clitic = token.Norm.Length - ArabicNormalizer.Normalize(phrase.Split(' ')[0]).Length;
        // والمصادر names "المصادر": the article stays, it is how the text names the source.
        if (clitic >= 2 && token.Norm.AsSpan(0, clitic).EndsWith("ال")) clitic -= 2;
        var at = token.Start;
        for (var seen = 0; seen < clitic && at < token.End; at++)
            if (text[at] != 'ـ' && ArabicNormalizer.IsWordChar(text[at])) seen++;
        while (at < token.End && text[at] == 'ـ') at++;
        return at;
    }

    /// <summary>
    /// A dropped speaker (وأضاف:): a person named since the last quote, in this sentence or the one before and outside
    /// quoted words, else the last speaker quoted, else the last person named there.
    /// </summary>
    private static Speaker? Carried(State st, int cueStart, bool feminine = false)
    {
        var ctx = st.Ctx;
        var si = SentenceIndex(ctx, cueStart);
        var sentence = ctx.Sentences[si];
        var floor = si > 0 && ctx.Sentences[si - 1].End > sentence.Start - 400 ? ctx.Sentences[si - 1].Start : sentence.Start;
        var lastQuote = ctx.Quotes.Where(q => q.Span.End <= cueStart).Select(q => q.Span.End).DefaultIfEmpty(0).Max();
        EntityMention? person = null, anyPerson = null;
        for (var k = ctx.TokenIndexAt(cueStart) - 1; k >= 0 && ctx.Tokens[k].Start >= floor; k--)
        {
            if (st.KindAt(k) != EntityKind.Person || st.MentionAt[k] is not { } m || m.Span.End > cueStart) continue;
            anyPerson ??= m;
            if (m.Span.Start >= lastQuote && !st.InQuote[k]) { person = m; break; }
        }
        person ??= st.LastSpeaker is null ? anyPerson : null;
        if (person is not null && ctx.Lexicon.EntityById[person.EntityId] is { } e) return new Speaker(e.Id, e.NameAr, SpeakerKind.Person);
        if (st.LastSpeaker is null && feminine && LastCompany(st, cueStart) is { } company) return new Speaker(company.Id, company.NameAr, SpeakerKind.Organization);
        return st.LastSpeaker;
    }

    /// <summary>The index of the sentence that holds <paramref name="offset"/> (or the last one before it).</summary>
    private static int SentenceIndex(ExtractionContext ctx, int offset)
    {
        int lo = 0, hi = ctx.Sentences.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (ctx.Sentences[mid].Start <= offset) lo = mid; else hi = mid - 1;
        }
        return lo;
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
        // A shadda or other mark left over from the complementizer (أنّ) is not content either.
        while (a < b && (char.IsWhiteSpace(text[a]) || text[a] is '،' or ',' or ':' or '-' || char.GetUnicodeCategory(text[a]) == System.Globalization.UnicodeCategory.NonSpacingMark)) a++;
        while (b > a && (char.IsWhiteSpace(text[b - 1]) || text[b - 1] is '.' or '،' or ',' or '؛' or ';' or ':')) b--;
        return new TextSpan(a, b);
    }
}
