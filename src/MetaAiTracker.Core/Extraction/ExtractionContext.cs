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
        // The hits are in text order: start at the first one at or after the range instead of scanning them all.
        var hits = ThemeHits;
        int lo = 0, hi = hits.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (hits[mid].First < first) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < hits.Count && hits[i].First < end; i++)
            if (hits[i].Last < end) yield return hits[i].Value;
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
        if (TokenRange(sentence) is var (f, e) && e - f >= 15) return false;
        var paragraph = Paragraphs.FirstOrDefault(p => p.Start <= sentence.Start && sentence.End <= p.End);
        return paragraph.Length > 0 && Text[paragraph.End - 1] is not ('.' or '!' or '…' or '»' or '"' or '”')
            && TokenRange(paragraph) is var (first, end) && end - first < 15;
    }

    public IEnumerable<EntityMention> MentionsIn(TextSpan span) => Mentions.Where(m => span.Start <= m.Span.Start && m.Span.End <= span.End);

    /// <summary>The sentence that holds <paramref name="offset"/>, or an empty span at the offset.</summary>
    public TextSpan SentenceAt(int offset)
    {
        foreach (var s in Sentences) if (s.Start <= offset && offset < s.End) return s;
        return new TextSpan(offset, offset);
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
        Figures());

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
    string Name { get; }
    void Extract(ExtractionContext context);
}
