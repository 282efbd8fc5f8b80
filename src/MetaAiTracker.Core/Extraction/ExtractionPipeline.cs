using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Runs the extractors in their fixed order. The order matters: entities first (speakers and actors need them),
/// dates and amounts before events, quotes before claims (a quoted sentence is not also a claim), and themes,
/// stance and relevance last because they read every item.
/// </summary>
public sealed class ExtractionPipeline
{
    /// <summary>Bump when a rule changes what is extracted: re-extraction replaces machine items of older versions.</summary>
    public const string Version = "2.0.0";

    private readonly IReadOnlyList<IExtractor> _extractors;

    public ExtractionPipeline(IReadOnlyList<IExtractor> extractors) => _extractors = extractors;

    public static ExtractionPipeline CreateDefault() => new(DefaultExtractors());

    public static IReadOnlyList<IExtractor> DefaultExtractors() =>
    [
        new EntityExtractor(),
        new DateExtractor(),
        new AmountExtractor(),
        new QuoteExtractor(),
        new EventExtractor(),
        new ClaimExtractor(),
        new ItemTagger(),
        new ArticleClassifier(),
    ];

    public ArticleExtraction Extract(string text, DateRange? published, Lexicon? lexicon = null)
    {
        var context = new ExtractionContext(text, published, lexicon ?? Lexicon.Default);
        foreach (var extractor in _extractors) extractor.Extract(context);
        return context.ToResult(Version);
    }

    /// <summary>
    /// What the rules read inside one span of an article (an item an editor adds by selecting it): the entities,
    /// dates and amounts found in the whole text (so a relative date resolves and a name split by the selection's
    /// edge is still seen) that fall in the span, and the span's themes and stance as the tagger reads an item's.
    /// </summary>
    public static SpanReading ReadSpan(string text, DateRange? published, TextSpan span, Lexicon? lexicon = null)
    {
        var ctx = new ExtractionContext(text, published, lexicon ?? Lexicon.Default);
        new EntityExtractor().Extract(ctx);
        new DateExtractor().Extract(ctx);
        new AmountExtractor().Extract(ctx);
        bool Inside(TextSpan s) => s.Start >= span.Start && s.End <= span.End;
        var (first, end) = ctx.TokenRange(span);
        return new SpanReading(
            ctx.Dates.FirstOrDefault(d => Inside(d.Span)),
            [.. ctx.Amounts.Where(a => Inside(a.Span))],
            [.. ctx.Mentions.Where(m => Inside(m.Span)).Select(m => m.EntityId).Distinct()],
            [.. ctx.ThemesIn(first, end).Distinct()],
            StanceScorer.Read(ctx.Tokens, first, end, text).Stance);
    }
}

/// <summary>What <see cref="ExtractionPipeline.ReadSpan"/> found in a span: the first date in it, its amounts, actors, themes and stance.</summary>
public sealed record SpanReading(ResolvedDate? Date, IReadOnlyList<Amount> Amounts, IReadOnlyList<string> Actors, IReadOnlyList<string> Themes, Stance Stance);
