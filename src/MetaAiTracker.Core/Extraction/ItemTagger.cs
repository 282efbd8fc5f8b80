using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Gives every quote, event and claim its themes (the taxonomy's cues inside its span, matched on stems) and,
/// where the item has none yet, its stance on openness. Runs after the item extractors.
/// </summary>
public sealed class ItemTagger : IExtractor
{
    public string Name => "item-tags";

    public void Extract(ExtractionContext ctx)
    {
        Tag(ctx, ctx.Quotes);
        Tag(ctx, ctx.Events);
        Tag(ctx, ctx.Claims);
    }

    private static void Tag<T>(ExtractionContext ctx, List<T> items) where T : ExtractedItem
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var (first, end) = ctx.TokenRange(item.Span);
            var themes = ctx.Lexicon.ThemeCues.Find(ctx.Tokens, first, end).Select(h => h.Value).Distinct().ToList();
            var stance = item.Stance != Stance.None ? item.Stance : StanceScorer.Read(ctx.Tokens, first, end).Stance;
            items[i] = item with { Themes = themes, Stance = stance };
        }
    }
}
