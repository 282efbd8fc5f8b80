using System.Text;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Data;

/// <summary>
/// A store large enough for a common word to take the per-row probe: 320 articles of seed sentences, about 5,000 items,
/// ingested once for the class.
/// </summary>
public sealed class ScaleStore : IAsyncLifetime
{
    public TestStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync();
        var sentences = new List<string>();
        foreach (var file in Directory.GetFiles(TestStore.SeedsDir, "*.txt").Order())
        {
            var text = await File.ReadAllTextAsync(file);
            sentences.AddRange(SentenceSplitter.Sentences(text).Select(s => s.Of(text)).Where(s => s.Length > 40));
        }
        var random = new Random(13);
        for (var i = 0; i < 320; i++)
        {
            var body = new StringBuilder($"---\ntitle: تقرير {i}\nsource: مصدر {random.Next(6)}\npublished: {new DateOnly(2023, 1, 1).AddMonths(random.Next(36)):yyyy-MM}\n---\n");
            body.Append("تقرير رقم ").Append(i).Append(" عن استراتيجية ميتا\n\n");
            while (body.Length < 2_500) body.Append(sentences[random.Next(sentences.Count)]).Append(random.Next(4) == 0 ? "\n\n" : " ");
            Store.WriteFile($"corpus/a{i:D3}.txt", body.ToString());
        }
        await Store.Ingestion.IngestPathsAsync([Path.Combine(Store.Dir, "in", "corpus")]);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

/// <summary>The faster free-text queries return what the plain queries return, on a real SQLite store.</summary>
public class FreeTextAtScaleTests(ScaleStore scale) : IClassFixture<ScaleStore>
{
    [Theory]
    [InlineData("?q=المصدر", true)]
    [InlineData("?theme=talent&q=المصدر", true)]
    [InlineData("?kind=quote&q=المصدر", true)]
    [InlineData("?q=غرار", false)]
    [InlineData("?stance=open&q=غرار", false)]
    public async Task ATimelinePageShowsTheRowsTheFtsSubqueryShows(string view, bool common)
    {
        var filter = TimelineFilter.FromUri(view);
        await using var db = await scale.Store.DbAsync();
        var hits = SearchIndex.MatchingItemIds(db, SearchText.ToMatchQuery(filter.Query)!);
        // The plain query: every hit read as an IN set, whatever the word.
        var plain = TimelineQuery.Filter(db, filter with { Query = null }, forPage: true).Where(i => hits.Contains(i.Id));
        var total = await plain.CountAsync();
        var page = TimelineQuery.Filter(db, filter, forPage: true);

        Assert.True(total > 0, $"no item in view {view}");
        // The probe is taken for the common word only (its CASE: probe up to a day, then the set).
        Assert.Equal(common, page.ToQueryString().Contains("CASE", StringComparison.Ordinal));
        // First pages (probed), the middle (past the probed day) and the last (where undated rows follow the dated).
        foreach (var skip in new[] { 0, 50, total / 2, Math.Max(0, total - 30) })
            Assert.Equal(await IdsAsync(db, plain, skip), await IdsAsync(db, page, skip));
    }

    [Theory]
    [InlineData("المصدر")]
    [InlineData("غرار")]
    public async Task RelevanceIsEveryHitScoredAndSortedNewestFirstAmongEquals(string word)
    {
        await using var db = await scale.Store.DbAsync();
        var match = SearchText.ToMatchQuery(word)!;
        // Below the bound every hit is scored (BeyondTheBoundOnlyTheNewestHitsAreRanked tests past it).
        Assert.True((await SearchIndex.CountAsync(db, word)).Items < SearchIndex.RankedHits);
        // The plain query: every hit with its score, sorted here.
        static List<int> Best(List<Scored> all) => [.. all.OrderBy(s => s.Rank).ThenByDescending(s => s.Id).Take(20).Select(s => s.Id)];
        var articles = Best(await db.Database.SqlQuery<Scored>($"SELECT rowid AS Id, rank AS Rank FROM ArticleSearch WHERE ArticleSearch MATCH {match}").ToListAsync());
        var items = Best(await db.Database.SqlQuery<Scored>($"SELECT rowid AS Id, rank AS Rank FROM ItemSearch WHERE ItemSearch MATCH {match}").ToListAsync());

        Assert.True(items.Count == 20, $"{items.Count} items match «{word}»");
        Assert.Equal(articles, await SearchIndex.SearchArticlesAsync(db, word, SearchOrder.Relevance, 20));
        Assert.Equal(items, await SearchIndex.SearchItemsAsync(db, word, SearchOrder.Relevance, 20));
    }

    [Fact]
    public async Task IngestionLeavesTheItemIndexInOneSegment()
    {
        await using var db = await scale.Store.DbAsync();

        // Ten batches of 32 articles commit ten times, and each commit adds a segment of FTS5's own; a probe seeks each.
        var segments = await db.Database.SqlQueryRaw<int>("SELECT count(DISTINCT segid) AS Value FROM ItemSearch_idx").SingleAsync();

        Assert.Equal(1, segments);
    }

    private static async Task<List<int>> IdsAsync(TrackerDbContext db, IQueryable<Item> view, int skip) =>
        [.. (await TimelineQuery.PageAsync(db, view, skip, 50)).Select(r => r.Id)];

    private sealed record Scored(int Id, double Rank);
}
