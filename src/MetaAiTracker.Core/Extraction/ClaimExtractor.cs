using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Assertions and predictions about Meta's strategy (claims.json): a sentence that names Meta, its people or its
/// models (or "الشركة" once Meta is named) and either takes a stance on openness or carries a strategy theme cue.
/// Questions, headings (too short to assert) and sentences that are mostly a quote are left out: a quoted view is
/// a quote. The stance comes from <see cref="StanceScorer"/>, with hedging and negation marked.
/// </summary>
public sealed class ClaimExtractor : IExtractor
{
    private sealed record Rules(List<string> StrategyThemes, int MinWords);

    private static readonly Rules R = LexiconData.Load<Rules>("claims.json");
    private static readonly HashSet<string> StrategyThemes = [.. R.StrategyThemes];


    public void Extract(ExtractionContext ctx)
    {
        var metaNamed = false;
        foreach (var sentence in ctx.Sentences)
        {
            var (first, end) = ctx.TokenRange(sentence);
            var aboutMeta = ctx.MentionsIn(sentence).Any(m => MetaSide.Entities.Contains(m.EntityId));
            var refersBack = metaNamed && Enumerable.Range(first, end - first).Any(k => MetaSide.CompanyWords.Contains(ctx.Tokens[k].Norm));
            metaNamed |= aboutMeta;
            if (!aboutMeta && !refersBack) continue;
            if (end - first < R.MinWords || ctx.IsQuestion(sentence) || ctx.IsHeading(sentence)) continue;
            if (QuotedShare(ctx, sentence) > 0.5) continue;
            var reading = StanceScorer.Read(ctx.Tokens, first, end, ctx.Text);
            var strategic = reading.Stance != Stance.None
                || ctx.ThemesIn(first, end).Any(StrategyThemes.Contains);
            if (!strategic) continue;
            ctx.Claims.Add(new ExtractedClaim
            {
                Span = sentence,
                Text = sentence.Of(ctx.Text),
                Stance = reading.Stance,
                Hedged = reading.Hedged,
                Negated = reading.Negated,
                Confidence = reading.Stance == Stance.None ? 0.5 : aboutMeta ? 0.7 : 0.6,
            });
        }
    }

    private static double QuotedShare(ExtractionContext ctx, TextSpan sentence)
    {
        var covered = ctx.Quotes.Where(q => q.Span.Overlaps(sentence))
            .Sum(q => Math.Min(q.Span.End, sentence.End) - Math.Max(q.Span.Start, sentence.Start));
        return (double)covered / sentence.Length;
    }
}
