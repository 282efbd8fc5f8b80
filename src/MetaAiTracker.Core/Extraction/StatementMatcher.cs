using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>The words of a quote that decide whether it repeats another: normalized, stemmed, function words left out.</summary>
public sealed class StatementKey
{
    internal readonly HashSet<string> Words;

    internal StatementKey(HashSet<string> words) => Words = words;

    public int Count => Words.Count;
}

/// <summary>
/// Decides whether two quotes are one statement carried by several articles (issue 15, docs/extraction.md,
/// "Quotes repeated across articles"). Words are compared after the Core's normalization and light stemming, so
/// diacritics, alef/yaa/taa marbuta spellings, punctuation and quotation marks do not count. The score is the mean of
/// containment (the share of the shorter quote's words found in the longer one), so that an outlet that cuts a quote
/// short, or changes a word or two in its translation, still gives the same statement, and Jaccard, so that a short
/// sentence sharing a long quote's opening («نريد أن نبني أفضل … في العالم») is not taken for it. Quotes of fewer than
/// <see cref="MinContainedWords"/> words are scored by Jaccard alone: two words are "contained" in any quote on their
/// topic. The speaker must be the same entity (spellings of a name resolve to one through the alias table before this);
/// a quote with no resolved speaker matches nothing: the person page never shows it, and a wire sentence without a
/// speaker is the article clusters' business.
/// </summary>
public sealed class StatementMatcher(double threshold = StatementMatcher.DefaultThreshold)
{
    /// <summary>Measured on the labelled pairs of StatementMatcherEvaluationTests (figures in docs/extraction.md).</summary>
    public const double DefaultThreshold = 0.63;

    /// <summary>Below this many words in the shorter quote, containment says too little and Jaccard decides.</summary>
    public const int MinContainedWords = 5;

    // Words every quote has; counting them made two different statements on one topic look alike.
    private static readonly HashSet<string> FunctionWords =
    [
        "في", "من", "علي", "الي", "عن", "مع", "ان", "انه", "انها", "انا", "اننا", "نحن", "هو", "هي", "هم", "هذا", "هذه", "ذلك",
        "تلك", "التي", "الذي", "الذين", "لن", "لا", "لم", "ما", "قد", "لقد", "كان", "كانت", "او", "ثم", "كل", "بعد", "قبل", "كما",
        "بين", "حتي", "اي", "اذا", "لكن", "عند", "غير", "بل", "ايضا", "هناك", "سوف", "منذ", "حيث", "قال", "يقول",
        "the", "a", "an", "of", "to", "and", "in", "is", "are", "we", "it", "that", "this", "be", "will", "for", "on",
    ];

    public double Threshold { get; } = threshold is > 0 and <= 1 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "a threshold is above 0 and at most 1");

    public static StatementKey Key(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in ArabicTokenizer.Tokenize(text))
            if (!FunctionWords.Contains(t.Norm)) words.Add(t.Stem);
        return new StatementKey(words);
    }

    /// <summary>0 (nothing shared) to 1 (the shorter quote's words all in the longer).</summary>
    public static double Similarity(StatementKey a, StatementKey b)
    {
        var (small, large) = a.Count <= b.Count ? (a.Words, b.Words) : (b.Words, a.Words);
        if (small.Count == 0) return 0;
        var shared = 0;
        foreach (var w in small) if (large.Contains(w)) shared++;
        var jaccard = (double)shared / (small.Count + large.Count - shared);
        return small.Count >= MinContainedWords ? ((double)shared / small.Count + jaccard) / 2 : jaccard;
    }

    /// <summary>True when both quotes are by the same resolved speaker and say the same thing.</summary>
    public bool Same(string? speakerA, StatementKey a, string? speakerB, StatementKey b) =>
        speakerA is not null && string.Equals(speakerA, speakerB, StringComparison.Ordinal) && Similarity(a, b) >= Threshold;

    public bool Same(string? speakerA, string a, string? speakerB, string b) => Same(speakerA, Key(a), speakerB, Key(b));
}
