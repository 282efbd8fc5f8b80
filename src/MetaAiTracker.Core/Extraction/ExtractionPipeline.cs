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
}
