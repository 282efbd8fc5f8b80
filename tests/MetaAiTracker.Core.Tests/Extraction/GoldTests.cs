using MetaAiTracker.Core.Evaluation;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Text;
using Xunit.Abstractions;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>
/// The seeds scored against their hand annotations (Gold/seeds.gold.json) by the same <see cref="Scorer"/> as
/// `tracker eval`. The thresholds sit a little under the measured figures (docs/extraction.md) so that a rule change
/// that loses ground fails here; a figure over an empty gold list fails too.
/// </summary>
public class GoldTests(ITestOutputHelper output)
{
    private static readonly Lazy<(GoldCorpus Gold, IReadOnlyList<Scorer.Scored> Runs, EvalReport Report)> Scored = new(() =>
    {
        var gold = GoldCorpus.Load(Path.Combine(AppContext.BaseDirectory, "Gold", "seeds.gold.json"));
        var runs = Scorer.Run(gold, Seeds.Dir, ExtractionPipeline.CreateDefault(), Lexicon.Default);
        return (gold, runs, new Scorer(Lexicon.Default).Score(runs));
    });

    private void Check(string measure, double threshold)
    {
        var m = Scored.Value.Report[measure];
        output.WriteLine($"{m} (threshold {threshold:P0})");
        Assert.False(m.Empty, $"{measure}: the gold list is empty, so nothing was scored");
        Assert.True(m.Ratio >= threshold, $"{m}, under {threshold:P0}");
    }

    [Fact]
    public void Quotes()
    {
        Check("quotes found (with the right speaker)", 0.9);
        Check("extracted quotes that are real, right speaker", 0.9);
        Check("speaker right when the quote is found", 0.95);
    }

    [Fact]
    public void Events()
    {
        Check("dated events found with the exact date range", 0.9);
        Check("extracted dated events that are real, exact date", 0.7);
    }

    [Fact]
    public void Amounts()
    {
        Check("explicit amounts kept with the right value", 1.0);
        Check("extracted amounts that are real", 0.9);
    }

    [Fact]
    public void Articles()
    {
        Check("article theme precision", 0.85);
        // The seeds' gold lists five to seven themes an article; the annotation guide keeps one to four, so recall stops near 77 %.
        Check("article theme recall", 0.6);
        Check("article stance on openness", 0.6);
        Check("on-topic articles kept", 1.0);
    }

    /// <summary>Claims are not in the shared format; the seeds' gold keeps a sample of them with their stance.</summary>
    [Fact]
    public void Claims()
    {
        var matched = Scored.Value.Runs.SelectMany(r => (r.Gold.Claims ?? []).Select(g =>
            (g, c: r.Result.Claims.FirstOrDefault(c => ArabicNormalizer.Normalize(c.Text).Contains(ArabicNormalizer.Normalize(g.Key)))))).ToList();
        Assert.NotEmpty(matched);
        var found = matched.Count(x => x.c is not null);
        var right = matched.Count(x => x.c is not null && string.Equals(x.c.Stance.ToString(), x.g.Stance, StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"claim recall {found}/{matched.Count}, stance right {right}/{found}");
        Assert.True(found >= 0.8 * matched.Count, $"claim recall {found}/{matched.Count}");
        Assert.True(right >= 0.6 * found, $"claim stance {right}/{found}");
    }
}
