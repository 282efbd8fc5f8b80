using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// One article on its way through the extractors: the text, its tokens, paragraphs and sentences (computed once),
/// and what each extractor has found so far. Extractors run in a fixed order (<see cref="ExtractionPipeline"/>)
/// and may read what earlier ones wrote.
/// </summary>
public sealed class ExtractionContext
{
    public ExtractionContext(string text, DateRange? published, Lexicon lexicon)
    {
        Text = text;
        Published = published;
        Lexicon = lexicon;
        Normalized = ArabicNormalizer.NormalizeWithMap(text);
        Tokens = ArabicTokenizer.Tokenize(Normalized);
        Paragraphs = SentenceSplitter.Paragraphs(text);
        Sentences = SentenceSplitter.Sentences(text);
    }

    public string Text { get; }
    /// <summary>The publication date that relative dates resolve against; null when unknown.</summary>
    public DateRange? Published { get; }
    public Lexicon Lexicon { get; }
    public NormalizedText Normalized { get; }
    public List<Token> Tokens { get; }
    public List<TextSpan> Paragraphs { get; }
    public List<TextSpan> Sentences { get; }

    public List<EntityMention> Mentions { get; } = [];
    public List<ResolvedDate> Dates { get; } = [];
    public List<Amount> Amounts { get; } = [];
    public List<ExtractedQuote> Quotes { get; } = [];
    public List<ExtractedEvent> Events { get; } = [];
    public List<ExtractedClaim> Claims { get; } = [];
    public List<VariantProposal> VariantProposals { get; } = [];
    public List<EntityProposal> EntityProposals { get; } = [];
    public List<string> Themes { get; } = [];
    public Stance Stance { get; set; }
    public bool IsRelevant { get; set; } = true;
    public double RelevanceScore { get; set; }

    /// <summary>Index of the first token that ends after <paramref name="offset"/>.</summary>
    public int TokenIndexAt(int offset)
    {
        int lo = 0, hi = Tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Tokens[mid].End <= offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Token index range [first, last) of the tokens inside <paramref name="span"/>.</summary>
    public (int First, int End) TokenRange(TextSpan span)
    {
        var first = TokenIndexAt(span.Start);
        var end = first;
        while (end < Tokens.Count && Tokens[end].Start < span.End) end++;
        return (first, end);
    }

    private List<PhraseHit<string>>? _themeHits;

    /// <summary>Theme cues over the whole text, found once and shared by the claim, item and article passes.</summary>
    public List<PhraseHit<string>> ThemeHits => _themeHits ??= Lexicon.ThemeCues.Find(Tokens);

    /// <summary>The themes whose cues lie inside tokens [first, end).</summary>
    public IEnumerable<string> ThemesIn(int first, int end)
    {
        var hits = ThemeHits;
        for (var k = LowerBound(hits, first, h => h.First); k < hits.Count && hits[k].First < end; k++)
            if (hits[k].Last < end) yield return hits[k].Value;
    }

    /// <summary>
    /// The first index whose key is at least <paramref name="key"/> in a list sorted by that key. Sentences, mentions
    /// and cue hits are all in text order; every extractor asks for the ones in a span, and a scan per question made
    /// extraction grow with the square of the article's length.
    /// </summary>
    private static int LowerBound<T>(List<T> list, int key, Func<T, int> keyOf)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (keyOf(list[mid]) < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The source text between tokens a and b (punctuation, spaces, quotation marks).</summary>
    public ReadOnlySpan<char> Gap(int a, int b) => Text.AsSpan(Tokens[a].End, Tokens[b].Start - Tokens[a].End);

    /// <summary>Whether punctuation separates tokens a and b: a phrase (a date, an amount, a subject) never runs across it.</summary>
    public bool HasBreak(int a, int b) => Gap(a, b).IndexOfAny(".،,;؛:!?؟\n") >= 0;

    private static readonly HashSet<string> QuestionWords = ["هل", "لماذا", "كيف", "ما", "ماذا", "متي"];

    /// <summary>A question (ends in ؟ or opens with هل، لماذا …) asks; it neither reports a happening nor asserts.</summary>
    public bool IsQuestion(TextSpan sentence) =>
        Text[sentence.End - 1] is '?' or '؟' || TokenRange(sentence) is var (first, end) && first < end && QuestionWords.Contains(Tokens[first].Norm);

    /// <summary>
    /// A heading or a list line: a short paragraph with no closing punctuation (ميتا والمصدر المفتوح، - العمل عن بعد..
    /// أداة الازدهار في 2024). It names a topic; it neither asserts nor reports.
    /// </summary>
    public bool IsHeading(TextSpan sentence)
    {
        var k = LowerBound(Paragraphs, sentence.Start + 1, p => p.Start) - 1;
        var paragraph = k >= 0 && sentence.End <= Paragraphs[k].End ? Paragraphs[k] : default;
        return paragraph.Length > 0 && TokenRange(paragraph) is var (first, end) && end - first < 15
            && Text[paragraph.End - 1] is not ('.' or '!' or '…' or '»' or '"' or '”');
    }

    /// <summary>The mentions inside <paramref name="span"/>; <see cref="EntityExtractor"/> writes them in text order.</summary>
    public IEnumerable<EntityMention> MentionsIn(TextSpan span)
    {
        for (var k = LowerBound(Mentions, span.Start, m => m.Span.Start); k < Mentions.Count && Mentions[k].Span.Start < span.End; k++)
            if (Mentions[k].Span.End <= span.End) yield return Mentions[k];
    }

    /// <summary>The sentence that holds <paramref name="offset"/>, or an empty span at the offset.</summary>
    public TextSpan SentenceAt(int offset)
    {
        var k = LowerBound(Sentences, offset + 1, s => s.Start) - 1;
        return k >= 0 && offset < Sentences[k].End ? Sentences[k] : new TextSpan(offset, offset);
    }

    public ArticleExtraction ToResult(string version) => new(
        [.. Quotes.OrderBy(q => q.Span.Start)],
        [.. Events.OrderBy(e => e.Span.Start)],
        [.. Claims.OrderBy(c => c.Span.Start)],
        [.. Mentions],
        [.. Themes],
        Stance,
        IsRelevant,
        RelevanceScore,
        [.. VariantProposals],
        version,
        Figures(),
        [.. EntityProposals.DistinctBy(p => (p.Kind, p.Name))]);

    /// <summary>Every amount no event carries, with the date nearest it in its sentence.</summary>
    private List<Figure> Figures()
    {
        var carried = Events.SelectMany(e => e.Amounts).Select(a => a.Span).ToHashSet();
        return [.. Amounts.Where(a => !carried.Contains(a.Span)).OrderBy(a => a.Span.Start).Select(a =>
        {
            var sentence = SentenceAt(a.Span.Start);
            var date = Dates.Where(d => sentence.Start <= d.Span.Start && d.Span.End <= sentence.End)
                .MinBy(d => Math.Abs(d.Span.Start - a.Span.Start));
            return new Figure(a, date);
        })];
    }
}

/// <summary>One named extraction rule family, like a Timesketch analyzer.</summary>
public interface IExtractor
{
    void Extract(ExtractionContext context);
}
