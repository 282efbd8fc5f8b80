using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// The article as a whole: its themes (each theme that at least three cues or two extracted items carry), its
/// stance (the items' stances combined), and whether it is about Meta and AI at all. An article that never
/// names Meta, its people or its models is not relevant, whatever else it says.
/// </summary>
public sealed class ArticleClassifier : IExtractor
{
    private sealed record Rules(List<string> AiCues, double Threshold);

    private static readonly Rules R = LexiconData.Load<Rules>("relevance.json");
    private static readonly PhraseMatcher<int> AiCues = new(R.AiCues.Select(c => (c, 0)), PhraseMatch.Surface);

    private const int MinCues = 3;
    private const int MinItems = 2;

    public string Name => "article";

    public void Extract(ExtractionContext ctx)
    {
        var cueCounts = ctx.ThemeHits.GroupBy(h => h.Value).ToDictionary(g => g.Key, g => g.Count());
        var itemCounts = ctx.Quotes.Cast<ExtractedItem>().Concat(ctx.Events).Concat(ctx.Claims).SelectMany(i => i.Themes).CountBy(k => k).ToDictionary();
        // A theme touched once in passing is not what the article is about: it needs several cues or several items.
        ctx.Themes.AddRange(ctx.Lexicon.Themes.Select(t => t.Key)
            .Where(k => cueCounts.GetValueOrDefault(k) >= MinCues || itemCounts.GetValueOrDefault(k) >= MinItems));

        // Quotes and claims carry the article's position; events report, they do not argue.
        ctx.Stance = StanceScorer.Combine(ctx.Quotes.Select(q => q.Stance).Concat(ctx.Claims.Select(c => c.Stance)));

        var meta = ctx.Mentions.Count(m => MetaSide.Entities.Contains(m.EntityId));
        var ai = AiCues.Find(ctx.Tokens).Count;
        // Saturating score: a handful of mentions of each is enough; both are needed.
        var score = meta == 0 ? 0 : Math.Min(1.0, meta / 5.0) * 0.6 + Math.Min(1.0, ai / 5.0) * 0.4;
        ctx.RelevanceScore = Math.Round(score, 3);
        ctx.IsRelevant = score >= R.Threshold;
    }
}
