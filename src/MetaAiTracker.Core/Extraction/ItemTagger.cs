using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Gives every quote, event and claim its themes (the taxonomy's cues inside its span, matched on stems) and,
/// where the item has none yet, its stance on openness. Runs after the item extractors.
/// </summary>
public sealed class ItemTagger : IExtractor
{

    public void Extract(ExtractionContext ctx)
    {
        Tag(ctx, ctx.Quotes, readStance: true);
        Tag(ctx, ctx.Events, readStance: true);
        // Claims were scored when they were found; a claim with no stance has none.
        Tag(ctx, ctx.Claims, readStance: false);
    }

    private static void Tag<T>(ExtractionContext ctx, List<T> items, bool readStance) where T : ExtractedItem
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var (first, end) = ctx.TokenRange(item.Span);
            var themes = ctx.ThemesIn(first, end).Distinct().ToList();
            var stance = item.Stance != Stance.None || !readStance ? item.Stance : StanceScorer.Read(ctx.Tokens, first, end, ctx.Text).Stance;
            items[i] = item with { Themes = themes, Stance = stance };
        }
    }
}
