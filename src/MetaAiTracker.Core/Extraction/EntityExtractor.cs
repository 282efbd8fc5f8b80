using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Marks every mention of a known entity through the alias table (the matcher of record), allowing a glued
/// clitic (لميتا، وزوكربيرج). Unknown spellings that share a consonant skeleton with a known name are proposed
/// to editors (<see cref="NameSkeleton"/>), never merged.
/// </summary>
public sealed class EntityExtractor : IExtractor
{
    public string Name => "entities";

    public void Extract(ExtractionContext context)
    {
        var tokens = context.Tokens;
        foreach (var hit in context.Lexicon.EntityNames.Find(tokens))
        {
            var span = new TextSpan(tokens[hit.First].Start, tokens[hit.Last].End);
            context.Mentions.Add(new EntityMention(hit.Value, span, span.Of(context.Text)));
        }
        ProposeVariants(context);
    }

    private static void ProposeVariants(ExtractionContext context)
    {
        var known = context.Lexicon.Entities
            .Where(e => e.Kind == EntityKind.Person || e.Kind == EntityKind.Company)
            .SelectMany(e => e.Aliases.Append(e.NameAr).Where(a => NameSkeleton.IsDistinctive(a)).Select(a => (Key: NameSkeleton.Of(a), e.Id)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Id);
        if (known.Count == 0) return;
        var seen = new HashSet<string>();
        for (var i = 0; i < context.Tokens.Count; i++)
        {
            var t = context.Tokens[i];
            if (context.Mentions.Any(m => m.Span.Start <= t.Start && t.End <= m.Span.End)) continue;
            if (!NameSkeleton.IsDistinctive(t.Norm) || !known.TryGetValue(NameSkeleton.Of(t.Norm), out var id)) continue;
            var surface = context.Text[t.Start..t.End];
            if (seen.Add(surface))
                context.VariantProposals.Add(new VariantProposal(id, surface, "same consonant skeleton as a known alias"));
        }
    }
}

/// <summary>
/// A consonant skeleton for Arabic transliterations of foreign names (arabic-notes §7.3): غ ج ق ك → G and so on,
/// long vowels dropped. Only used to propose variants, and only for skeletons of 4+ consonant classes, because
/// short skeletons collide with ordinary words (جوجل has the skeleton of قال).
/// </summary>
public static class NameSkeleton
{
    public static string Of(string word)
    {
        var norm = Text.ArabicNormalizer.Normalize(word).Replace("ايه", "اي").Replace("تش", "ش");
        var sb = new System.Text.StringBuilder(norm.Length);
        foreach (var c in norm)
        {
            var k = c switch
            {
                'غ' or 'ج' or 'ق' or 'ك' => 'G',
                'ف' => 'F',
                'ب' => 'B',
                'ت' or 'ط' => 'T',
                'س' or 'ص' => 'S',
                'ز' or 'ذ' or 'ظ' => 'Z',
                'د' or 'ض' => 'D',
                'ه' or 'ح' => 'H',
                'ا' or 'و' or 'ي' or 'ء' or 'ع' or ' ' => '\0',
                _ => c,
            };
            if (k != '\0' && (sb.Length == 0 || sb[^1] != k)) sb.Append(k);
        }
        return sb.ToString();
    }

    public static bool IsDistinctive(string word) => Text.ArabicNormalizer.ContainsArabic(word) && Of(word).Length >= 4;
}
