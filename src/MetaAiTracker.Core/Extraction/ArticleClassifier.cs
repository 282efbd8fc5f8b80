using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// The article as a whole: its themes (the few whose cues weigh most, counting the title and lede double), its
/// stance (the items' stances combined), and whether it is about Meta and AI at all. An article that never
/// names Meta, its people or its models is not relevant, whatever else it says.
/// </summary>
public sealed class ArticleClassifier : IExtractor
{
    private sealed record Rules(List<string> AiCues, int MinMetaSentences, double MetaShare, double MinMetaShare, double MinNameShare, int MinAiCues);
    private sealed record ThemeRules(Dictionary<string, double> Weights, int MaxThemes, double MinScore, double MinShareOfTop, int LeadTokens);

    private static readonly Rules R = LexiconData.Load<Rules>("relevance.json");
    private static readonly ThemeRules T = LexiconData.Load<ThemeRules>("themes.json");
    private static readonly PhraseMatcher<int> AiCues = new(R.AiCues.Select(c => (c, 0)), PhraseMatch.Surface);


    public void Extract(ExtractionContext ctx)
    {
        ctx.Themes.AddRange(Themes(ctx));
        Relevance(ctx);
        // Quotes and claims carry the article's position; events report, they do not argue. The stance is Meta's:
        // a story about another company's open model takes none.
        ctx.Stance = ctx.IsRelevant ? StanceScorer.Combine(ctx.Quotes.Select(q => q.Stance).Concat(ctx.Claims.Select(c => c.Stance))) : Stance.None;
    }

    private static void Relevance(ExtractionContext ctx)
    {

        // A story about another company names Meta in passing, in a sentence or two, among many other names; a story
        // about Meta names it through the text. So what counts is the share of sentences that name Meta's side and,
        // when that share is modest, whether Meta's side is the main name among the companies, people and models.
        var sentences = ctx.Sentences.Where(s => ctx.TokenRange(s) is var (f, e) && e - f >= 4).ToList();
        var named = new HashSet<int>();
        foreach (var m in ctx.Mentions)
            if (MetaSide.Entities.Contains(m.EntityId) && SentenceIndex(sentences, m.Span.Start) is var i and >= 0) named.Add(i);
        var meta = named.Count;
        var share = sentences.Count == 0 ? 0 : (double)meta / sentences.Count;
        var names = ctx.Mentions.Where(m => ctx.Lexicon.EntityById.TryGetValue(m.EntityId, out var e) && e.Kind != EntityKind.Outlet).ToList();
        var nameShare = names.Count == 0 ? 0 : (double)names.Count(m => MetaSide.Entities.Contains(m.EntityId)) / names.Count;
        var ai = AiCues.Find(ctx.Tokens).Count;
        // Saturating score: half the sentences and a handful of AI cues are enough; both are needed.
        var score = meta == 0 ? 0 : Math.Min(1.0, share / 0.5) * 0.6 + Math.Min(1.0, ai / 5.0) * 0.4;
        ctx.RelevanceScore = Math.Round(score, 3);
        ctx.IsRelevant = meta >= R.MinMetaSentences && ai >= R.MinAiCues
            && (share >= R.MetaShare || share >= R.MinMetaShare && nameShare >= R.MinNameShare);
    }

    private static int SentenceIndex(List<TextSpan> sentences, int offset)
    {
        int lo = 0, hi = sentences.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (offset < sentences[mid].Start) hi = mid - 1;
            else if (offset >= sentences[mid].End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>
    /// The themes the text as a whole is about. Each cue weighs by how much it says (نماذج is in every AI story and
    /// weighs little), double in the title and lede, where a story says what it is about. A theme needs enough weight
    /// on its own and next to the strongest theme: one passing clause is not what an article is about.
    /// </summary>
    private static IEnumerable<string> Themes(ExtractionContext ctx)
    {
        var leadEnd = ctx.Tokens.Count > T.LeadTokens ? ctx.Tokens[T.LeadTokens].Start : int.MaxValue;
        var scores = new Dictionary<string, double>();
        foreach (var h in ctx.ThemeHits)
        {
            var w = T.Weights.GetValueOrDefault(h.Phrase, 1.0) * (ctx.Tokens[h.First].Start < leadEnd ? 2 : 1);
            scores[h.Value] = scores.GetValueOrDefault(h.Value) + w;
        }
        if (scores.Count == 0) return [];
        // Next to a dominant theme a second one still counts once it is well above the floor: a long article on
        // openness can also be about competition.
        var bar = Math.Max(T.MinScore, Math.Min(scores.Values.Max() * T.MinShareOfTop, 2 * T.MinScore));
        var kept = scores.Where(s => s.Value >= bar).OrderByDescending(s => s.Value).Take(T.MaxThemes).Select(s => s.Key).ToHashSet();
        // The taxonomy's order, as before: callers compare lists, not rankings.
        return ctx.Lexicon.Themes.Select(t => t.Key).Where(kept.Contains);
    }
}
