using System.Text.Json;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using Xunit.Abstractions;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>
/// Precision and recall per kind against the hand annotations in Gold/seeds.gold.json. The thresholds sit a little
/// under the measured figures (docs/extraction.md) so that a rule change that loses ground fails here.
/// </summary>
public class GoldTests(ITestOutputHelper output)
{
    private sealed record GoldQuote(string Contains, string Speaker);
    private sealed record GoldEvent(string Contains, bool Undated, DateOnly? Start, DateOnly? End, double? Amount);
    private sealed record GoldClaim(string Contains, string Stance);
    private sealed record GoldArticle(string File, List<GoldQuote> Quotes, List<GoldEvent> Events, List<string> Themes, List<GoldClaim> Claims);
    private sealed record GoldFile(List<GoldArticle> Articles);

    private static readonly Lazy<List<(GoldArticle Gold, ArticleExtraction Result)>> Runs = new(() =>
    {
        var gold = JsonSerializer.Deserialize<GoldFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gold", "seeds.gold.json")), LexiconData.Json)!;
        var pipeline = ExtractionPipeline.CreateDefault();
        return [.. gold.Articles.Select(g =>
        {
            var article = ArticleReader.ReadFile(Directory.GetFiles(Seeds.Dir, g.File + "_*.txt").Single());
            return (g, pipeline.Extract(article.Text, article.Published));
        })];
    });

    private static (int Hit, int Total) Count<T>(IEnumerable<T> items, Func<T, bool> hit) =>
        items.Aggregate((0, 0), (acc, x) => (acc.Item1 + (hit(x) ? 1 : 0), acc.Item2 + 1));

    private void Report(string what, (int Hit, int Total) x, double threshold)
    {
        var ratio = x.Total == 0 ? 1 : (double)x.Hit / x.Total;
        output.WriteLine($"{what}: {x.Hit}/{x.Total} = {ratio:P0} (threshold {threshold:P0})");
        Assert.True(ratio >= threshold, $"{what} fell to {x.Hit}/{x.Total} = {ratio:P0}, under {threshold:P0}");
    }

    [Fact]
    public void Quotes()
    {
        var precision = Count(Runs.Value.SelectMany(r => r.Result.Quotes.Select(q => (q, r.Gold))), x => x.Gold.Quotes.Any(g => x.q.Text.Contains(g.Contains)));
        var recall = Count(Runs.Value.SelectMany(r => r.Gold.Quotes.Select(g => (g, r.Result))), x => x.Result.Quotes.Any(q => q.Text.Contains(x.g.Contains)));
        var speakers = Count(
            Runs.Value.SelectMany(r => r.Gold.Quotes.Select(g => (g, q: r.Result.Quotes.FirstOrDefault(q => q.Text.Contains(g.Contains))))).Where(x => x.q is not null),
            x => x.q!.Speaker is { } s && (s.EntityId == x.g.Speaker || s.Name.Contains(x.g.Speaker)));
        Report("quote precision", precision, 0.9);
        Report("quote recall", recall, 0.8);
        Report("speaker accuracy (matched quotes)", speakers, 0.95);
    }

    [Fact]
    public void Events()
    {
        var precision = Count(Runs.Value.SelectMany(r => r.Result.Events.Select(e => (e, r.Gold))), x => x.Gold.Events.Any(g => x.e.Text.Contains(g.Contains)));
        var matched = Runs.Value.SelectMany(r => r.Gold.Events.Select(g => (g, e: r.Result.Events.FirstOrDefault(e => e.Text.Contains(g.Contains))))).ToList();
        var recall = Count(matched, x => x.e is not null);
        var dates = Count(matched.Where(x => x.e is not null), x => x.g.Undated
            ? x.e!.Date is null
            : x.e!.Date is { } d && d.Range.Start <= x.g.End && x.g.Start <= d.Range.End);
        var amounts = Count(matched.Where(x => x.e is not null && x.g.Amount is not null), x => x.e!.Amounts.Any(a => a.Value == x.g.Amount));
        Report("event precision", precision, 0.85);
        Report("event recall", recall, 0.85);
        Report("event date accuracy (matched events)", dates, 0.9);
        Report("event amount accuracy (matched events)", amounts, 1.0);
    }

    [Fact]
    public void ArticleThemes()
    {
        var precision = Count(Runs.Value.SelectMany(r => r.Result.Themes.Select(t => (t, r.Gold))), x => x.Gold.Themes.Contains(x.t));
        var recall = Count(Runs.Value.SelectMany(r => r.Gold.Themes.Select(t => (t, r.Result))), x => x.Result.Themes.Contains(x.t));
        Report("article theme precision", precision, 0.7);
        Report("article theme recall", recall, 0.9);
    }

    [Fact]
    public void Claims()
    {
        var matched = Runs.Value.SelectMany(r => r.Gold.Claims.Select(g => (g, c: r.Result.Claims.FirstOrDefault(c => c.Text.Contains(g.Contains))))).ToList();
        Report("claim recall (annotated sample)", Count(matched, x => x.c is not null), 0.8);
        Report("claim stance accuracy (matched claims)", Count(matched.Where(x => x.c is not null),
            x => string.Equals(x.c!.Stance.ToString(), x.g.Stance, StringComparison.OrdinalIgnoreCase)), 0.6);
    }
}
