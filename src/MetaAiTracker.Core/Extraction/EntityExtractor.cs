using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Marks every mention of a known entity through the alias table (the matcher of record), allowing a glued
/// clitic (لميتا، وزوكربيرج). Unknown spellings that share a consonant skeleton with a known name are proposed
/// to editors (<see cref="NameSkeleton"/>), never merged.
/// </summary>
public sealed class EntityExtractor : IExtractor
{

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
        var known = context.Lexicon.NameSkeletons;
        if (known.Count == 0) return;
        var named = new bool[context.Tokens.Count];
        foreach (var m in context.Mentions)
        {
            var (first, end) = context.TokenRange(m.Span);
            for (var k = first; k < end; k++) named[k] = true;
        }
        var seen = new HashSet<string>();
        for (var i = 0; i < context.Tokens.Count; i++)
        {
            var t = context.Tokens[i];
            // Latin words and short words are never proposed: their skeletons collide with ordinary words.
            if (named[i] || t.Norm.Length < 5 || !ArabicNormalizer.IsArabicLetter(t.Norm[0])) continue;
            var key = NameSkeleton.OfNormalized(t.Norm);
            if (key.Length < NameSkeleton.MinLength || !known.TryGetValue(key, out var id)) continue;
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
    public const int MinLength = 4;

    public static string Of(string word) => OfNormalized(ArabicNormalizer.Normalize(word));

    /// <summary>The skeleton of an already normalized word (no allocation but the result).</summary>
    public static string OfNormalized(string norm)
    {
        Span<char> buffer = norm.Length <= 128 ? stackalloc char[norm.Length] : new char[norm.Length];
        var n = 0;
        for (var i = 0; i < norm.Length; i++)
        {
            var c = norm[i];
            // Letter-name spellings of acronyms and تش for "ch" vary by outlet: fold them before keying.
            if (c == 'ا' && i + 2 < norm.Length && norm[i + 1] == 'ي' && norm[i + 2] == 'ه') { i += 2; continue; }
            if (c == 'ت' && i + 1 < norm.Length && norm[i + 1] == 'ش') continue;
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
            if (k != '\0' && (n == 0 || buffer[n - 1] != k)) buffer[n++] = k;
        }
        return new string(buffer[..n]);
    }

    public static bool IsDistinctive(string word) => ArabicNormalizer.ContainsArabic(word) && Of(word).Length >= MinLength;
}
