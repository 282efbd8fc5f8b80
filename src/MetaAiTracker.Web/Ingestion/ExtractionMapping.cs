using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;

namespace MetaAiTracker.Web.Ingestion;

/// <summary>Turns what the extractors found into store rows: the one mapping of ingestion and re-extraction.</summary>
public static class ExtractionMapping
{
    /// <summary>
    /// Sets what the rules say of the article as a whole (themes, entities, figures, stance, relevance, rules version),
    /// leaving what an editor decided: themes an editor set, relevance an editor set. Returns the rows it replaced,
    /// for a stored article's context to delete (none for a new one).
    /// </summary>
    public static IReadOnlyList<object> Apply(Article article, ArticleExtraction x)
    {
        var replaced = new List<object>();
        if (!article.ThemesByEditor)
        {
            replaced.AddRange(article.Themes.Where(t => !t.ByEditor));
            article.Themes.RemoveAll(t => !t.ByEditor);
            foreach (var t in x.Themes.Distinct().Where(t => !article.Themes.Any(e => e.ThemeKey == t)))
                article.Themes.Add(new ArticleTheme { ThemeKey = t });
        }
        replaced.AddRange(article.Entities);
        replaced.AddRange(article.Figures);
        article.Entities = ToArticleEntities(x);
        article.Figures = ToFigures(x);
        article.Stance = x.Stance;
        if (!article.RelevanceByEditor)
        {
            article.IsRelevant = x.IsRelevant;
            article.RelevanceScore = x.RelevanceScore;
        }
        article.ExtractorVersion = x.ExtractorVersion;
        return replaced;
    }

    public static List<Item> ToItems(ArticleExtraction x, DateRange? published)
    {
        var items = new List<Item>(x.Quotes.Count + x.Events.Count + x.Claims.Count);
        foreach (var q in x.Quotes)
        {
            var item = New(ItemKind.Quote, q, x.ExtractorVersion);
            item.SetDate(published);
            item.QuoteKind = q.Kind;
            item.Cue = q.Cue;
            item.SpeakerEntityId = q.Speaker?.EntityId;
            item.SpeakerName = q.Speaker?.Name;
            item.SpeakerKind = q.Speaker?.Kind;
            if (q.Speaker?.EntityId is { } sid) item.Actors.Add(new ItemActor { EntityId = sid });
            items.Add(item);
        }
        foreach (var e in x.Events)
        {
            var item = New(ItemKind.Event, e, x.ExtractorVersion);
            // An event is placed by its own date only; without one it stays undated rather than borrowing the article's.
            item.SetDate(Held(e.Date)?.Range, Held(e.Date)?.Text);
            item.Summary = e.Summary;
            item.EventType = e.EventType;
            item.Amounts = [.. e.Amounts.Select(a => new ItemAmount
            {
                Value = a.Value, Unit = a.Unit, Currency = a.Currency, Text = a.Text, Qualifier = a.Qualifier, Start = a.Span.Start, End = a.Span.End,
            })];
            item.Actors = [.. e.Actors.Distinct().Select(id => new ItemActor { EntityId = id })];
            items.Add(item);
        }
        foreach (var c in x.Claims)
        {
            var item = New(ItemKind.Claim, c, x.ExtractorVersion);
            item.SetDate(published);
            item.Hedged = c.Hedged;
            item.Negated = c.Negated;
            items.Add(item);
        }
        Timeline.Milestones.Propose(items);
        return items;
    }

    private static List<ArticleFigure> ToFigures(ArticleExtraction x) =>
        [.. x.Figures.Select(f => (f.Amount, Date: Held(f.Date))).Select(f => new ArticleFigure
        {
            Value = f.Amount.Value, Unit = f.Amount.Unit, Currency = f.Amount.Currency, Text = f.Amount.Text, Qualifier = f.Amount.Qualifier,
            Start = f.Amount.Span.Start, End = f.Amount.Span.End,
            DateStart = f.Date?.Range.Start, DateEnd = f.Date?.Range.End, DateGranularity = f.Date?.Range.Granularity,
            DateEstimated = f.Date?.Range.Estimated ?? false, DateText = f.Date?.Text,
        })];

    /// <summary>A date read in the text outside the store's range (an early Hijri year, say) places nothing.</summary>
    private static ResolvedDate? Held(ResolvedDate? d) => d is { Range.IsHeld: true } ? d : null;

    private static List<ArticleEntity> ToArticleEntities(ArticleExtraction x) =>
        [.. x.Mentions.GroupBy(m => m.EntityId).Select(g => new ArticleEntity { EntityId = g.Key, Mentions = g.Count() })];

    private static Item New(ItemKind kind, ExtractedItem x, string version) => new()
    {
        Kind = kind,
        Start = x.Span.Start,
        End = x.Span.End,
        Text = x.Text,
        Stance = x.Stance,
        Confidence = x.Confidence,
        Status = ReviewStatus.Machine,
        ExtractorVersion = version,
        Themes = [.. x.Themes.Distinct().Select(t => new ItemTheme { ThemeKey = t })],
    };
}
