using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>Runs the default pipeline on a snippet, as ingestion would.</summary>
public static class Run
{
    public static readonly DateRange July15 = DateRange.Day(new DateOnly(2025, 7, 15));

    public static ArticleExtraction Pipeline(string text, DateRange? published = null) =>
        ExtractionPipeline.CreateDefault().Extract(text, published);

    /// <summary>The extractors up to and including <typeparamref name="T"/>, for the working lists (dates, amounts).</summary>
    public static ExtractionContext Until<T>(string text, DateRange? published = null) where T : IExtractor
    {
        var ctx = new ExtractionContext(text, published, Lexicon.Default);
        foreach (var x in ExtractionPipeline.DefaultExtractors())
        {
            x.Extract(ctx);
            if (x is T) break;
        }
        return ctx;
    }
}
